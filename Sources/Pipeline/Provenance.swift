import Foundation

/// The record written beside every clean file: where it came from, what made it, and every edit.
///
/// `docs/provenance.md` documents the schema with an example.
public struct Provenance: Codable, Sendable, Equatable {
  /// The schema this code writes.
  public static let currentSchemaVersion = 2
  /// The schemas this code reads: version 1 wrote each edit's rule and reason in full.
  public static let readableSchemaVersions = 1...2

  public var schemaVersion: Int
  /// The raw file.
  public var source: FileFacts
  /// The raw file's encoding as detected.
  public var encoding: String
  /// The docclean version that wrote the file.
  public var docclean: String
  /// The pipeline's ruleset fingerprint.
  public var ruleset: String
  /// The clean file.
  public var output: FileFacts
  /// Goes up by one each time the clean text of this file changes.
  public var revision: Int
  /// The SHA-256 of the clean text before the last change; absent at revision 1.
  public var previousOutputSHA256: String?
  /// Facts moved out of the text.
  public var metadata: DocumentMetadata
  /// The rules the edits name, each once, in the order of their first edit.
  public var rules: [Rule]
  /// Every stage that ran, in order, with its edits.
  public var stages: [StageEntry]
  /// Damage found and left alone.
  public var unresolved: [UnresolvedEntry]
  /// Things a person should look at.
  public var warnings: [String]
  /// The batch profile the file was cleaned with; absent when it was cleaned on its own.
  public var profile: ProfileFacts?
  /// For a PDF: how its text was read. `source` is then the PDF, and the edits apply to this
  /// text, which `restore` gives back.
  public var extraction: ExtractionFacts?

  /// The tool that read a PDF's text, and the text it gave.
  public struct ExtractionFacts: Codable, Sendable, Equatable {
    public var tool: String
    public var version: String
    public var arguments: [String]
    public var size: Int
    public var sha256: String

    public init(tool: String, version: String, arguments: [String], size: Int, sha256: String) {
      self.tool = tool
      self.version = version
      self.arguments = arguments
      self.size = size
      self.sha256 = sha256
    }
  }

  /// The batch profile a file was cleaned with.
  public struct ProfileFacts: Codable, Sendable, Equatable {
    /// The SHA-256 of the profile's saved form (`BatchProfile.encoded()`).
    public var sha256: String
    /// How many files the profile counted.
    public var files: Int
    /// What of the profile this file depends on (`BatchProfile.view(of:)`): while it stays
    /// the same, a changed profile cleans the file alike.
    public var view: String

    /// Creates the facts of a profile.
    public init(sha256: String, files: Int, view: String) {
      self.sha256 = sha256
      self.files = files
      self.view = view
    }
  }

  /// A file's path, size and SHA-256.
  public struct FileFacts: Codable, Sendable, Equatable {
    /// The path, relative to the raw or clean folder.
    public var path: String
    public var size: Int
    public var sha256: String
  }

  /// One stage's edits.
  public struct StageEntry: Sendable, Equatable {
    public var stage: String
    public var version: Int
    public var edits: [EditEntry]
  }

  /// One edit of a stage; written in groups of the same change (`EditGroup`).
  public struct EditEntry: Sendable, Equatable {
    /// The offset in the stage's input.
    public var offset: Int
    public var removed: Bytes
    public var inserted: Bytes
    /// The edit's rule: an index into the provenance's `rules`.
    public var rule: Int

    /// Creates an edit entry.
    public init(offset: Int, removed: Bytes, inserted: Bytes, rule: Int) {
      self.offset = offset
      self.removed = removed
      self.inserted = inserted
      self.rule = rule
    }
  }

  /// A spot left alone, located in the clean text and in the raw file.
  public struct UnresolvedEntry: Codable, Sendable, Equatable {
    public var rule: String
    public var reason: String
    /// The spot's text in the clean file.
    public var text: String
    public var output: Position
    public var length: Int
    public var raw: Position
  }

  /// A byte offset with its line and column.
  public struct Position: Codable, Sendable, Equatable {
    public var offset: Int
    public var line: Int
    public var column: Int
  }

  /// Creates a provenance from its fields.
  init(
    schemaVersion: Int, source: FileFacts, encoding: String, docclean: String, ruleset: String,
    output: FileFacts, revision: Int, previousOutputSHA256: String?, metadata: DocumentMetadata,
    rules: [Rule], stages: [StageEntry], unresolved: [UnresolvedEntry], warnings: [String],
    profile: ProfileFacts?, extraction: ExtractionFacts?
  ) {
    self.schemaVersion = schemaVersion
    self.source = source
    self.encoding = encoding
    self.docclean = docclean
    self.ruleset = ruleset
    self.output = output
    self.revision = revision
    self.previousOutputSHA256 = previousOutputSHA256
    self.metadata = metadata
    self.rules = rules
    self.stages = stages
    self.unresolved = unresolved
    self.warnings = warnings
    self.profile = profile
    self.extraction = extraction
  }

  /// Creates the provenance of `document`, cleaned from `raw`.
  ///
  /// The revision follows `previous`: it stays when the clean text is the same and goes up by
  /// one when it changed.
  public init(
    document: CleanedDocument, raw: [UInt8], sourceSHA256: String, sourcePath: String,
    outputPath: String, ruleset: String, previous: Summary?
  ) {
    let outputHash = SHA256Digest.hex(of: document.text)
    schemaVersion = Self.currentSchemaVersion
    source = FileFacts(path: sourcePath, size: raw.count, sha256: sourceSHA256)
    encoding = document.encoding
    docclean = doccleanVersion
    self.ruleset = ruleset
    output = FileFacts(path: outputPath, size: document.text.count, sha256: outputHash)
    if let previous, previous.output.sha256 == outputHash {
      revision = previous.revision
      previousOutputSHA256 = previous.previousOutputSHA256
    } else if let previous {
      revision = previous.revision + 1
      previousOutputSHA256 = previous.output.sha256
    } else {
      revision = 1
      previousOutputSHA256 = nil
    }
    metadata = document.metadata
    (rules, stages) = Self.entries(for: document.records)
    unresolved = Self.entries(for: document.unresolved, text: document.text, raw: raw)
    warnings = document.warnings
    profile = nil
    extraction = nil
  }

  /// The stage records, in the form `Pipeline.restore` takes.
  ///
  /// `decode` has checked that every edit's rule index is in `rules`.
  public var records: [StageRecord] {
    stages.map { entry in
      StageRecord(
        stage: entry.stage, version: entry.version,
        edits: entry.edits.map {
          RecordedEdit(
            offset: $0.offset, removed: $0.removed.bytes, inserted: $0.inserted.bytes, rule: rules[$0.rule])
        })
    }
  }

  /// Where each edit of `records` is in `raw`, stage by stage: its offset mapped back through
  /// the stages before it, with its line and column.
  public static func rawPositions(of records: [StageRecord], raw: [UInt8]) -> [[Position]] {
    let maps = records.map(OffsetMap.init)
    var locator = LineLocator(raw)
    return records.indices.map { index in
      records[index].edits.map { edit in
        var rawOffset = edit.offset
        for map in maps[..<index].reversed() {
          rawOffset = map.backward(rawOffset)
        }
        let place = locator.locate(rawOffset)
        return Position(offset: rawOffset, line: place.line, column: place.column)
      }
    }
  }

  /// The JSON form written to disk: keys sorted, one edit a line, so that diffs stay readable.
  public func encoded() -> [UInt8] {
    ProvenanceJSON.encode(self)
  }

  /// What a run needs of the provenance it replaces: whether it is current, and its revision.
  public struct Summary: Decodable, Sendable, Equatable {
    public var schemaVersion: Int
    public var source: FileFacts
    public var ruleset: String
    public var output: FileFacts
    public var revision: Int
    public var previousOutputSHA256: String?
    public var unresolved: [UnresolvedEntry]
    public var warnings: [String]
    /// The view of the batch profile the file was cleaned with, if any.
    public var profileView: String?

    /// Reads the summary of a provenance file's JSON, leaving its edits unread: they are
    /// skipped without being decoded, which makes the summary of a file with many edits cheap.
    public static func decode(_ bytes: [UInt8]) throws -> Summary {
      guard let json = JSONBytes.object(in: bytes[...], skipping: ["rules", "stages"]),
        let summary = Summary(json: json)
      else {
        throw SummaryError.malformed
      }
      guard readableSchemaVersions.contains(summary.schemaVersion) else {
        throw DocCleanError.unsupportedSchema(summary.schemaVersion)
      }
      return summary
    }

    /// Why a summary could not be read.
    public enum SummaryError: Error, CustomStringConvertible {
      /// The bytes are not the JSON of a provenance, or a member has the wrong type.
      case malformed

      public var description: String {
        "not the JSON of a docclean provenance file; run `docclean run --force` to rewrite it"
      }
    }

  }

  /// The summary of this provenance.
  public var summary: Summary {
    Summary(
      schemaVersion: schemaVersion, source: source, ruleset: ruleset, output: output, revision: revision,
      previousOutputSHA256: previousOutputSHA256, unresolved: unresolved, warnings: warnings,
      profileView: profile?.view)
  }

  /// Reads a provenance file's JSON, of the current schema or of schema 1.
  public static func decode(_ bytes: [UInt8]) throws -> Provenance {
    let data = Data(bytes)
    let provenance: Provenance
    do {
      // The version is read with the edits skipped, so the whole file is parsed once. A file
      // whose version cannot be read is decoded as the current schema, which says what is wrong.
      let version =
        JSONBytes.object(in: bytes[...], skipping: ["rules", "stages"])?["schemaVersion"]?.int
        ?? currentSchemaVersion
      switch version {
      case currentSchemaVersion:
        provenance = try JSONDecoder().decode(Provenance.self, from: data)
      case 1:
        provenance = Provenance(try JSONDecoder().decode(ProvenanceSchema1.self, from: data))
      default:
        throw DocCleanError.unsupportedSchema(version)
      }
    } catch let error as DecodingError {
      throw ProvenanceDecodingError(error)
    }
    if let bad = provenance.stages.lazy.flatMap(\.edits).first(where: {
      !provenance.rules.indices.contains($0.rule)
    }) {
      throw ProvenanceDecodingError(
        description:
          "at key \"stages\": an edit names rule \(bad.rule), but \"rules\" has \(provenance.rules.count)")
    }
    return provenance
  }

  private static func entries(for spots: [LocatedSpot], text: [UInt8], raw: [UInt8]) -> [UnresolvedEntry] {
    guard !spots.isEmpty else { return [] }
    var output = LineLocator(text)
    var input = LineLocator(raw)
    return spots.map { spot in
      let place = output.locate(spot.range.lowerBound)
      let rawPlace = input.locate(spot.rawOffset)
      return UnresolvedEntry(
        rule: spot.rule, reason: spot.reason, text: String(decoding: text[spot.range], as: UTF8.self),
        output: Position(offset: spot.range.lowerBound, line: place.line, column: place.column),
        length: spot.range.count,
        raw: Position(offset: spot.rawOffset, line: rawPlace.line, column: rawPlace.column))
    }
  }

  /// The rules table and the stage entries of `records`: each edit names its rule by index.
  private static func entries(for records: [StageRecord]) -> ([Rule], [StageEntry]) {
    var table = RuleTable()
    var entries: [StageEntry] = []
    entries.reserveCapacity(records.count)
    for record in records {
      var edits: [EditEntry] = []
      edits.reserveCapacity(record.edits.count)
      // Edits lent from a buffer: a copy of each from the array would retain its bytes and rule.
      record.edits.withUnsafeBufferPointer { recorded in
        for index in recorded.indices {
          edits.append(
            EditEntry(
              offset: recorded[index].offset, removed: Bytes(Array(recorded[index].removed)),
              inserted: Bytes(recorded[index].inserted), rule: table.index(of: recorded[index].rule)))
        }
      }
      entries.append(StageEntry(stage: record.stage, version: record.version, edits: edits))
    }
    return (table.rules, entries)
  }

  /// The rules of a file's edits, each once, in the order of first use.
  struct RuleTable {
    private(set) var rules: [Rule] = []
    private var indices: [Rule: Int] = [:]
    /// The index last found: a stage's edits come in runs of one rule, and two copies of
    /// one rule's literal strings compare equal without hashing either.
    private var last: Int?

    /// The index of `rule`, added to the table if it is new.
    mutating func index(of rule: Rule) -> Int {
      if let last, rules[last] == rule { return last }
      // A file's rules are few, and comparing with each is cheaper than hashing both strings.
      let found = rules.count <= Self.scannedRules ? rules.firstIndex(of: rule) : indices[rule]
      let index = found ?? insert(rule)
      last = index
      return index
    }

    /// Up to this many rules, a rule is looked for by comparing it with each.
    private static let scannedRules = 32

    private mutating func insert(_ rule: Rule) -> Int {
      indices[rule] = rules.count
      rules.append(rule)
      return rules.count - 1
    }
  }
}

/// A rule in a provenance's table: the array `[id, reason]`.
extension Rule: Codable {
  public init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    let id = try container.decode(String.self)
    self.init(id, try container.decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode(id)
    try container.encode(reason)
  }
}

/// Bytes in JSON: a string when they are UTF-8, otherwise `{"base64": …}`.
public struct Bytes: Codable, Sendable, Equatable {
  public var bytes: [UInt8]

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  private enum CodingKeys: String, CodingKey { case base64 }

  public init(from decoder: any Decoder) throws {
    if let string = try? decoder.singleValueContainer().decode(String.self) {
      bytes = Array(string.utf8)
      return
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let encoded = try container.decode(String.self, forKey: .base64)
    guard let data = Data(base64Encoded: encoded) else {
      throw DecodingError.dataCorruptedError(
        forKey: .base64, in: container, debugDescription: "not base64")
    }
    bytes = Array(data)
  }

  public func encode(to encoder: any Encoder) throws {
    if UTF8Scan.isValid(bytes) {
      var container = encoder.singleValueContainer()
      try container.encode(String(decoding: bytes, as: UTF8.self))
    } else {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(Data(bytes).base64EncodedString(), forKey: .base64)
    }
  }
}

extension Provenance.FileFacts {
  init?(json value: JSONValue) {
    guard let members = value.object, let path = members["path"]?.string, let size = members["size"]?.int,
      let sha256 = members["sha256"]?.string
    else { return nil }
    self.init(path: path, size: size, sha256: sha256)
  }
}

extension Provenance.Position {
  init?(json value: JSONValue) {
    guard let members = value.object, let offset = members["offset"]?.int, let line = members["line"]?.int,
      let column = members["column"]?.int
    else { return nil }
    self.init(offset: offset, line: line, column: column)
  }
}

extension Provenance.UnresolvedEntry {
  init?(json value: JSONValue) {
    guard let members = value.object, let rule = members["rule"]?.string,
      let reason = members["reason"]?.string, let text = members["text"]?.string,
      let output = members["output"].flatMap(Provenance.Position.init(json:)),
      let length = members["length"]?.int, let raw = members["raw"].flatMap(Provenance.Position.init(json:))
    else { return nil }
    self.init(rule: rule, reason: reason, text: text, output: output, length: length, raw: raw)
  }
}

extension Provenance.Summary {
  /// The summary in a provenance's members; nil when one is missing or of the wrong type.
  init?(json: [String: JSONValue]) {
    guard let schemaVersion = json["schemaVersion"]?.int,
      let source = json["source"].flatMap(Provenance.FileFacts.init(json:)),
      let ruleset = json["ruleset"]?.string,
      let output = json["output"].flatMap(Provenance.FileFacts.init(json:)),
      let revision = json["revision"]?.int,
      let unresolvedValues = json["unresolved"]?.array,
      let warningValues = json["warnings"]?.array
    else { return nil }
    let previous = json["previousOutputSHA256"] ?? .null
    guard previous == .null || previous.string != nil else { return nil }
    let unresolved = unresolvedValues.compactMap(Provenance.UnresolvedEntry.init(json:))
    let warnings = warningValues.compactMap(\.string)
    guard unresolved.count == unresolvedValues.count, warnings.count == warningValues.count else {
      return nil
    }
    let profile = json["profile"] ?? .null
    let view = profile.object?["view"]?.string
    guard profile == .null || view != nil else { return nil }
    self.init(
      schemaVersion: schemaVersion, source: source, ruleset: ruleset, output: output, revision: revision,
      previousOutputSHA256: previous.string, unresolved: unresolved, warnings: warnings, profileView: view)
  }
}

/// Why a provenance file could not be read, said as a person can act on it: where in the file,
/// and what was expected there.
public struct ProvenanceDecodingError: Error, CustomStringConvertible {
  /// The reason, naming the key.
  public let description: String

  init(description: String) {
    self.description = description
  }

  init(_ error: DecodingError) {
    let place = { (context: DecodingError.Context) -> String in
      let path = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
        .joined()
      return path.isEmpty
        ? "at the top level" : "at key \"\(path.hasPrefix(".") ? String(path.dropFirst()) : path)\""
    }
    switch error {
    case .typeMismatch(let type, let context):
      description = "\(place(context)): expected \(Self.kind(of: type))"
    case .valueNotFound(let type, let context):
      description = "\(place(context)): expected \(Self.kind(of: type)), found null"
    case .keyNotFound(let key, let context):
      description = "\(place(context)): the key \"\(key.stringValue)\" is missing"
    case .dataCorrupted(let context):
      description =
        context.codingPath.isEmpty ? "not JSON" : "\(place(context)): a value that is not valid there"
    @unknown default:
      description = "not a provenance"
    }
  }

  private static func kind(of type: Any.Type) -> String {
    let name = String(describing: type)
    if name.hasPrefix("Array") { return "an array" }
    if name.hasPrefix("Dictionary") { return "an object" }
    if name == "String" { return "a string" }
    if name.hasPrefix("Int") || name.hasPrefix("UInt") || name == "Double" { return "a number" }
    if name == "Bool" { return "true or false" }
    return "a \(name)"
  }
}
