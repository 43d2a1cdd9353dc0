/// A long text cleaned as a run of segments of about a MB, so that the memory a clean takes
/// does not grow with the file.
///
/// The stages keep several forms of the text they read (lines, blocks, features, each stage's
/// output and the bytes its edits removed): some twenty bytes a byte of input, and some of
/// their work grows faster than the text. An article is a few kB, but a dump of a whole site
/// in one file can be hundreds of MB. Past twice `Segments.length` such a text is cut after a
/// blank line, each segment is cleaned alone, and the clean segments are joined with a blank
/// line, an edit of the last stage, so that the result still restores byte for byte.
public enum Segments {
  /// How long a segment grows before it is cut at the next blank line. Measured on 64 MB of
  /// the dev set's dumps one after another (`bench/run`'s big file): 4 MiB segments took 38 s
  /// and 456 MB, 1 MiB 21 s and 289 MB. No document of the dev sets comes near twice this, so
  /// they are cleaned whole.
  public static let length = 1 << 20

  /// The longest text cleaned whole: a segment runs on to the next blank line, so it may grow
  /// to this before it is cut.
  static var wholeLimit: Int { 2 * length }

  /// The rule of the blank line put between two clean segments.
  static let joinRule = Rule(
    "pipeline.segment-join", "blank line between two segments of a long text cleaned apart")

  /// The ranges of `raw` cleaned apart: one for a text up to twice `length`, or in UTF-16,
  /// whose bytes a cut at a newline byte would split.
  static func ranges(of raw: [UInt8], length: Int = length) -> [Range<Int>] {
    guard raw.count > 2 * length, !isUTF16(raw) else { return [0..<raw.count] }
    var ranges: [Range<Int>] = []
    var start = 0
    while raw.count - start > 2 * length, let cut = blankLineEnd(in: raw, from: start + length) {
      ranges.append(start..<cut)
      start = cut
    }
    ranges.append(start..<raw.count)
    return ranges
  }

  /// The end of the first blank line at or after `index`: `\n\n`, or `\n\r\n`.
  private static func blankLineEnd(in raw: [UInt8], from index: Int) -> Int? {
    var index = index
    while index + 1 < raw.count {
      if raw[index] == 0x0A {
        if raw[index + 1] == 0x0A { return index + 2 }
        if raw[index + 1] == 0x0D, index + 2 < raw.count, raw[index + 2] == 0x0A { return index + 3 }
      }
      index += 1
    }
    return nil
  }

  private static func isUTF16(_ raw: [UInt8]) -> Bool {
    raw.count >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF))
  }

  /// Clean segments joined into one document, as if the stages had cleaned it whole: each
  /// stage's edits in that stage's input of the whole text.
  struct Joined {
    private(set) var document: CleanedDocument
    /// How long each stage's input is so far.
    private var inputLengths: [Int]
    /// How many raw bytes the segments so far were cleaned from.
    private var rawSoFar = 0

    init(stages: [any Stage]) {
      document = CleanedDocument(
        text: [], records: stages.map { StageRecord(stage: $0.id, version: $0.version, edits: []) },
        unresolved: [], warnings: [], metadata: DocumentMetadata(), encoding: "utf-8")
      inputLengths = Array(repeating: 0, count: stages.count)
    }

    /// Adds the clean form of the next `rawLength` bytes.
    mutating func append(_ part: CleanedDocument, rawLength: Int) {
      if !part.text.isEmpty, !document.text.isEmpty, let last = document.records.indices.last {
        document.records[last].edits.append(
          RecordedEdit(offset: inputLengths[last], removed: [], inserted: [0x0A], rule: Segments.joinRule))
        document.text.append(0x0A)
      }
      var partInput = rawLength
      for (stage, record) in part.records.enumerated() {
        let shift = inputLengths[stage]
        // Copied out, so that the joined records do not keep every segment's inputs.
        document.records[stage].edits += record.edits.lazy.map {
          RecordedEdit(
            offset: $0.offset + shift, removed: Array($0.removed), inserted: $0.inserted, rule: $0.rule)
        }
        inputLengths[stage] += partInput
        partInput += record.edits.reduce(0) { $0 + $1.inserted.count - $1.removed.count }
      }
      let textShift = document.text.count
      document.unresolved += part.unresolved.map {
        LocatedSpot(
          range: ($0.range.lowerBound + textShift)..<($0.range.upperBound + textShift),
          rawOffset: $0.rawOffset + rawSoFar, rule: $0.rule, reason: $0.reason)
      }
      for warning in part.warnings where !document.warnings.contains(warning) {
        document.warnings.append(warning)
      }
      document.metadata.merge(part.metadata)
      if document.encoding == "utf-8" { document.encoding = part.encoding }
      document.text += part.text
      rawSoFar += rawLength
    }
  }
}

extension Pipeline {
  /// Cleans `raw` segment by segment (`Segments`), handing each clean segment's text to
  /// `write` as soon as it is made, a newline between two; the bytes written are the text
  /// `clean(_:)` makes, without holding it, its records or the raw segments cleaned before.
  public func writeCleanText(of raw: [UInt8], to write: ([UInt8]) -> Void) {
    writeCleanText(of: raw, segmentLength: Segments.length, to: write)
  }

  func writeCleanText(of raw: [UInt8], segmentLength: Int, to write: ([UInt8]) -> Void) {
    var wroteText = false
    for range in Segments.ranges(of: raw, length: segmentLength) {
      let part = cleanWhole(range.count == raw.count ? raw : Array(raw[range]))
      guard !part.text.isEmpty else { continue }
      if wroteText { write([0x0A]) }
      write(part.text)
      wroteText = true
    }
  }
}
