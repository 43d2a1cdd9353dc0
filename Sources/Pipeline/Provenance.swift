import Foundation

/// The record written beside every clean file: where it came from, what made it, and every edit.
///
/// `docs/provenance.md` documents the schema with an example.
public struct Provenance: Codable, Sendable, Equatable {
  /// The schema this code writes; readers reject other versions.
  public static let currentSchemaVersion = 1

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
  public struct StageEntry: Codable, Sendable, Equatable {
    public var stage: String
    public var version: Int
    public var edits: [EditEntry]
  }

  /// One edit: what it removed and inserted, where, and why.
  public struct EditEntry: Codable, Sendable, Equatable {
    /// The offset in the stage's input.
    public var offset: Int
    public var removed: Bytes
    public var inserted: Bytes
    public var rule: String
    public var reason: String
    /// Where the edit is in the raw file.
    public var raw: Position
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
    stages = Self.entries(for: document.records, raw: raw)
    unresolved = Self.entries(for: document.unresolved, text: document.text, raw: raw)
    warnings = document.warnings
    profile = nil
    extraction = nil
  }

  /// The stage records, in the form `Pipeline.restore` takes.
  public var records: [StageRecord] {
    stages.map { entry in
      StageRecord(
        stage: entry.stage, version: entry.version,
        edits: entry.edits.map {
          RecordedEdit(
            offset: $0.offset, removed: $0.removed.bytes, inserted: $0.inserted.bytes,
            rule: $0.rule, reason: $0.reason)
        })
    }
  }

  /// The JSON form written to disk: pretty, with sorted keys, so that diffs stay readable.
  public func encoded() -> [UInt8] {
    ProvenanceJSON.encode(self)
  }

  /// The JSON form as `JSONEncoder` writes it, which `encoded()` matches byte for byte.
  func encodedWithFoundation() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var bytes = Array(try encoder.encode(self))
    bytes.append(0x0A)
    return bytes
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
      guard let json = JSONBytes.object(in: bytes[...], skipping: ["stages"]),
        let summary = Summary(json: json)
      else {
        throw SummaryError.malformed
      }
      guard summary.schemaVersion == currentSchemaVersion else {
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

  /// Reads a provenance file's JSON.
  public static func decode(_ bytes: [UInt8]) throws -> Provenance {
    let provenance: Provenance
    do {
      provenance = try JSONDecoder().decode(Provenance.self, from: Data(bytes))
    } catch let error as DecodingError {
      throw ProvenanceDecodingError(error)
    }
    guard provenance.schemaVersion == currentSchemaVersion else {
      throw DocCleanError.unsupportedSchema(provenance.schemaVersion)
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

  private static func entries(for records: [StageRecord], raw: [UInt8]) -> [StageEntry] {
    let maps = records.map(OffsetMap.init)
    var locator = LineLocator(raw)
    var entries: [StageEntry] = []
    entries.reserveCapacity(records.count)
    for (index, record) in records.enumerated() {
      var edits: [EditEntry] = []
      edits.reserveCapacity(record.edits.count)
      for edit in record.edits {
        var rawOffset = edit.offset
        for map in maps[..<index].reversed() {
          rawOffset = map.backward(rawOffset)
        }
        let place = locator.locate(rawOffset)
        edits.append(
          EditEntry(
            offset: edit.offset, removed: Bytes(edit.removed), inserted: Bytes(edit.inserted),
            rule: edit.rule, reason: edit.reason,
            raw: Position(offset: rawOffset, line: place.line, column: place.column)))
      }
      entries.append(StageEntry(stage: record.stage, version: record.version, edits: edits))
    }
    return entries
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

  init(_ error: DecodingError) {
    let place = { (context: DecodingError.Context) -> String in
      let path = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
        .joined()
      return path.isEmpty ? "at the top level" : "at key \"\(path.hasPrefix(".") ? String(path.dropFirst()) : path)\""
    }
    switch error {
    case .typeMismatch(let type, let context):
      description = "\(place(context)): expected \(Self.kind(of: type))"
    case .valueNotFound(let type, let context):
      description = "\(place(context)): expected \(Self.kind(of: type)), found null"
    case .keyNotFound(let key, let context):
      description = "\(place(context)): the key \"\(key.stringValue)\" is missing"
    case .dataCorrupted(let context):
      description = context.codingPath.isEmpty ? "not JSON" : "\(place(context)): a value that is not valid there"
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
