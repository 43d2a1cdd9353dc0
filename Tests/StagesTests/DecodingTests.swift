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

  /// A surrogate spelled in UTF-8 bytes (CESU-8, a JSON escape): a pair makes its character,
  /// one alone U+FFFD. Bytes that only start like one (`í` then a no-break space and `€` in
  /// Windows-1252) are read as Windows-1252.
  @Test(arguments: [
    ([0x61, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x82, 0x62] as [UInt8], "a😂b", "decoding.surrogate-pair"),
    ([0x61, 0xED, 0xA0, 0x80, 0x62], "a\u{FFFD}b", "decoding.lone-surrogate"),
    ([0x61, 0xED, 0xB8, 0x82, 0x62], "a\u{FFFD}b", "decoding.lone-surrogate"),
    ([0x61, 0xED, 0x20, 0x80, 0x62], "aí €b", "decoding.windows-1252"),
  ])
  func repairsSurrogatesSpelledInUTF8(bytes: [UInt8], expected: String, rule: String) throws {
    let run = try StageRun(Decoding(), bytes: bytes)
    #expect(run.output == expected)
    #expect(Set(run.rules) == [rule])
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
