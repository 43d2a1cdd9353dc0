import Pipeline
import Testing

@testable import Stages

@Suite struct DecodingTests {
  @Test func leavesValidUTF8Alone() throws {
    let run = try StageRun(Decoding(), on: "Ελληνικά, русский, العربية, naïve café.\n")
    #expect(run.rules.isEmpty)
    #expect(run.proposal.detectedEncoding == "utf-8")
  }

  @Test func removesByteOrderMark() throws {
    let run = try StageRun(Decoding(), bytes: try Paths.fixture("bom.txt"))
    #expect(run.output == "Title\n\nBody text.\n")
    #expect(run.rules == ["decoding.bom"])
    #expect(run.proposal.detectedEncoding == "utf-8 with byte-order mark")
  }

  @Test func decodesWholeWindows1252File() throws {
    let run = try StageRun(Decoding(), bytes: try Paths.fixture("windows-1252.txt"))
    #expect(run.output == "Café crème – “naïve”, 5 €.\n")
    #expect(run.proposal.detectedEncoding == "windows-1252")
    #expect(Set(run.rules) == ["decoding.windows-1252"])
  }

  @Test func decodesStrayBytesInsideUTF8() throws {
    let run = try StageRun(Decoding(), bytes: try Paths.fixture("mixed-invalid.txt"))
    #expect(run.output == "The café is open.\n\nDéjà vu ’here’.\n")
    #expect(run.proposal.detectedEncoding == "utf-8 with windows-1252 bytes")
  }

  @Test func decodesUTF16WithByteOrderMark() throws {
    let run = try StageRun(Decoding(), bytes: try Paths.fixture("utf16le.txt"))
    #expect(run.output == "Hello, wörld.\n")
    #expect(run.proposal.detectedEncoding == "utf-16le")
  }

  @Test(
    arguments: [
      [0xC0, 0xAF],  // overlong slash
      [0xED, 0xA0, 0x80],  // a surrogate
      [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
      [0xE2, 0x80],  // truncated at the end
      [0x81, 0x8D, 0x8F, 0x90, 0x9D],  // undefined in Windows-1252
    ] as [[UInt8]])
  func neverLosesInvalidBytes(_ bytes: [UInt8]) throws {
    let run = try StageRun(Decoding(), bytes: Array("a".utf8) + bytes + Array("b".utf8))
    #expect(UTF8Scan.isValid(Array(run.output.utf8)))
    #expect(run.output.hasPrefix("a") && run.output.hasSuffix("b"))
    #expect(!run.rules.isEmpty)
  }
}
