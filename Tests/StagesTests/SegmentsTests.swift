import Foundation
import Testing

@testable import Pipeline
@testable import Stages

/// A long text is cleaned in segments cut after blank lines; the joined result restores byte
/// for byte, passes the spec's invariants, and is what `writeCleanText` streams.
@Suite struct SegmentsTests {
  /// The repository's sample dumps and the damaged fixtures one after another, each ending in
  /// a blank line, with CRLF line endings in part.
  static func longText() throws -> [UInt8] {
    var text: [UInt8] = []
    for url in try Paths.files(in: Paths.packageRoot.appendingPathComponent("raw")) {
      text += Array(try Data(contentsOf: url)) + [0x0A, 0x0A]
    }
    for name in ["crlf.txt", "windows-1252.txt", "messy-whitespace.txt", "mixed-invalid.txt", "nfd.txt"] {
      text += try Paths.fixture(name) + [0x0D, 0x0A, 0x0D, 0x0A]
    }
    return text
  }

  @Test func aLongTextCleanedInSegmentsRestores() throws {
    let raw = try Self.longText()
    let ranges = Segments.ranges(of: raw, length: 4096)
    #expect(ranges.count > 10)
    #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == raw.count)
    for (range, next) in zip(ranges, ranges.dropFirst()) {
      #expect(range.upperBound == next.lowerBound)
      #expect(
        raw[..<range.upperBound].suffix(2) == [0x0A, 0x0A]
          || raw[..<range.upperBound].suffix(3) == [0x0A, 0x0D, 0x0A])
    }
    let pipeline = Pipeline.standard
    let document = pipeline.clean(raw, segmentLength: 4096)
    #expect(try Pipeline.restore(document.text, records: document.records) == raw)
    #expect(CleanTextCheck.findings(in: document.text, invariantsOnly: true).isEmpty)
    #expect(document.records.last?.edits.contains { $0.rule == Segments.joinRule } == true)
    let provenance = Provenance(
      document: document, raw: raw, sourceSHA256: "", sourcePath: "long.txt", outputPath: "long.txt",
      ruleset: pipeline.fingerprint, previous: nil)
    let records = try Provenance.decode(provenance.encoded()).records
    #expect(try Pipeline.restore(document.text, records: records) == raw)
    var written: [UInt8] = []
    pipeline.writeCleanText(of: raw, segmentLength: 4096) { written += $0 }
    #expect(written == document.text)
  }

  /// Up to twice the segment length, and in UTF-16 at any length, a text is cleaned whole.
  @Test func aShortOrUTF16TextIsCleanedWhole() throws {
    let raw = try Self.longText()
    #expect(Segments.ranges(of: raw, length: (raw.count + 1) / 2) == [0..<raw.count])
    let utf16 = try Paths.fixture("utf16le.txt")
    #expect(Segments.ranges(of: utf16 + utf16.dropFirst(2), length: 8) == [0..<(2 * utf16.count - 2)])
    let pipeline = Pipeline.standard
    #expect(pipeline.clean(raw, segmentLength: (raw.count + 1) / 2).text == pipeline.clean(raw).text)
  }
}
