import Pipeline
import Stages

/// docclean's cleaning for other Swift packages: raw text in, clean text out, with every edit
/// it made and the means to undo them.
///
/// ```swift
/// import DocClean
///
/// let document = DocClean.clean("donâ€™t  stop")
/// print(document.text)                       // "don’t stop\n"
/// print(document.metadata.title)             // "" (no title line found)
/// let raw = try DocClean.restore(document)   // the bytes it was made from
/// ```
public enum DocClean {
  /// Cleans a string with the standard pipeline.
  public static func clean(_ text: String) -> Document {
    clean(bytes: Array(text.utf8))
  }

  /// Cleans raw bytes, which need not be UTF-8 (a Windows-1252 file, or UTF-16 with a
  /// byte-order mark), with the standard pipeline.
  ///
  /// Input that looks like binary data rather than text is cleaned all the same, and the
  /// document says so: `looksBinary`, and a warning.
  public static func clean(bytes: [UInt8]) -> Document {
    Document(Pipeline.standard.clean(bytes), raw: bytes)
  }

  /// Cleans raw bytes with only the stages named (decoding always runs first), as
  /// `docclean clean --stages` does: `["mojibake", "lost-punctuation"]` repairs encoding
  /// damage alone.
  ///
  /// - Throws: `DocClean.Failure.unknownStages` for a name that is no stage's.
  public static func clean(bytes: [UInt8], stages: [String]) throws(Failure) -> Document {
    let standard = Pipeline.standard
    let known = standard.stages.map(\.id)
    let unknown = stages.filter { !known.contains($0) }
    guard unknown.isEmpty else { throw .unknownStages(unknown, known: known) }
    let chosen = standard.stages.filter { $0.id == "decoding" || stages.contains($0.id) }
    return Document(Pipeline(stages: chosen).clean(bytes), raw: bytes)
  }

  /// The ids of the standard pipeline's stages, in the order they run.
  public static var stageNames: [String] { Pipeline.standard.stages.map(\.id) }

  /// The raw bytes a document was cleaned from, rebuilt by undoing its edits.
  ///
  /// - Throws: `DocClean.Failure.notRestorable` where the document's text or edits were
  ///   changed after cleaning.
  public static func restore(_ document: Document) throws(Failure) -> [UInt8] {
    do {
      return try Pipeline.restore(document.bytes, records: document.records)
    } catch {
      throw .notRestorable(error.description)
    }
  }

  /// Cleans the texts of a sequence of records as they arrive, in order: for a stream of
  /// JSON Lines, a queue or a database cursor.
  ///
  /// ```swift
  /// for try await (id, document) in DocClean.clean(records: incoming) {
  ///   store(id, document.text)
  /// }
  /// ```
  public static func clean<Records: AsyncSequence, ID>(records: Records) -> CleanedRecords<Records, ID>
  where Records.Element == (ID, String) {
    CleanedRecords(base: records)
  }

  /// Why a call of the library failed.
  public enum Failure: Error, CustomStringConvertible, Equatable {
    /// Names given as stages that are no stage's, with the names that are.
    case unknownStages([String], known: [String])
    /// The document's edits do not rebuild its raw bytes; the reason says where.
    case notRestorable(String)

    /// A message a person can act on.
    public var description: String {
      switch self {
      case .unknownStages(let unknown, let known):
        return
          "unknown stage(s) \(unknown.joined(separator: ", ")); the stages are \(known.joined(separator: ", "))"
      case .notRestorable(let reason):
        return "cannot restore the raw bytes: \(reason)"
      }
    }
  }
}

/// A cleaned text, with what was taken out of it and every edit that made it.
public struct Document: Sendable {
  /// The clean text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
  /// The clean text's UTF-8 bytes.
  public let bytes: [UInt8]
  /// The facts taken out of the text: title, byline, date, site and source.
  public let metadata: Metadata
  /// Every edit, in the order the stages made them.
  public let edits: [Edit]
  /// Damage found and left alone because it had no single answer, with where it is.
  public let unresolved: [Unresolved]
  /// Things a person should look at, such as a block kept because it was uncertain.
  public let warnings: [String]
  /// Whether the input looked like binary data rather than text (more than one byte in ten
  /// a control character), so that its clean text may mean nothing.
  public let looksBinary: Bool
  /// What undoes the edits, stage by stage.
  let records: [StageRecord]

  init(_ cleaned: CleanedDocument, raw: [UInt8]) {
    do {
      try InputCheck.validate(raw, path: "input")
      looksBinary = false
    } catch {
      looksBinary = error == .binary(path: "input")
    }
    bytes = cleaned.text
    metadata = Metadata(cleaned.metadata)
    edits = cleaned.records.flatMap { record in
      record.edits.map {
        Edit(
          stage: record.stage, rule: $0.rule.id, reason: $0.rule.reason, removed: Array($0.removed),
          inserted: $0.inserted)
      }
    }
    unresolved = cleaned.unresolved.map {
      Unresolved(range: $0.range, rule: $0.rule, reason: $0.reason)
    }
    warnings =
      (looksBinary
        ? ["the input looks like binary data, not text: more than one byte in ten is a control character"]
        : [])
      + cleaned.warnings
    records = cleaned.records
  }
}

/// The facts docclean takes out of a document's text; an empty string where none was found.
public struct Metadata: Sendable, Equatable {
  /// The article's title.
  public let title: String
  /// Who wrote it.
  public let byline: String
  /// When it was published, as written.
  public let date: String
  /// The site or publication.
  public let site: String
  /// Where it says it comes from (an agency, a newspaper).
  public let source: String
  /// The address of the original.
  public let sourceURL: String

  init(_ metadata: DocumentMetadata) {
    title = metadata.title
    byline = metadata.byline
    date = metadata.date
    site = metadata.site
    source = metadata.source
    sourceURL = metadata.sourceURL
  }
}

/// One edit: bytes a stage's rule removed, and what it put in their place.
public struct Edit: Sendable, Equatable {
  /// The stage that made it (`mojibake`, `boilerplate`, …).
  public let stage: String
  /// The rule, prefixed with the stage (`mojibake.windows-1252`).
  public let rule: String
  /// Why, in words.
  public let reason: String
  /// The bytes removed.
  public let removed: [UInt8]
  /// The bytes put in their place.
  public let inserted: [UInt8]
}

/// Damage that was found and left as it was, because it had no single answer.
public struct Unresolved: Sendable, Equatable {
  /// Where it is, as byte offsets into the clean text.
  public let range: Range<Int>
  /// The rule that found it.
  public let rule: String
  /// Why it was left alone.
  public let reason: String
}

/// The documents of a sequence of `(id, text)` records, cleaned one by one as they arrive.
public struct CleanedRecords<Records: AsyncSequence, ID>: AsyncSequence
where Records.Element == (ID, String) {
  /// A record's id and its cleaned document.
  public typealias Element = (id: ID, document: Document)

  let base: Records

  /// Makes the iterator that cleans each record as it is asked for.
  public func makeAsyncIterator() -> Iterator {
    Iterator(base: base.makeAsyncIterator())
  }

  /// Cleans the next record of the underlying sequence.
  public struct Iterator: AsyncIteratorProtocol {
    var base: Records.AsyncIterator

    /// The next record's id and document, or nil at the end.
    public mutating func next() async throws -> Element? {
      guard let (id, text) = try await base.next() else { return nil }
      return (id, DocClean.clean(text))
    }
  }
}
