import Testing

@testable import Stages

@Suite struct UnicodeNormalizationTests {
  @Test func composesDecomposedFixture() throws {
    let run = try StageRun(UnicodeNormalization(), bytes: try Paths.fixture("nfd.txt"))
    #expect(run.output == "Caf\u{E9} and r\u{E9}sum\u{E9}.\n\nAlready NFC: caf\u{E9}.\n")
    #expect(run.rules == ["unicode-nfc.compose"])
  }

  @Test(
    arguments: [
      ("A\u{30A}ngstr\u{F6}m", "\u{C5}ngstr\u{F6}m"),
      ("\u{1100}\u{1161}", "\u{AC00}"),  // Hangul jamo
      ("\u{3C9}\u{301}", "\u{3CE}"),  // Greek omega with acute
      ("\u{415}\u{308}", "\u{401}"),  // Cyrillic Yo
    ])
  func composes(input: String, expected: String) throws {
    let run = try StageRun(UnicodeNormalization(), on: input)
    #expect(Array(run.output.unicodeScalars) == Array(expected.unicodeScalars))
  }

  @Test(
    arguments: [
      "Plain ASCII.", "Żółć gęślą jaźń.", "Ελληνικά κείμενα.", "العربية والفارسية",
      "Tiếng Việt có dấu.", "日本語のテキスト",
    ])
  func leavesNFCAlone(input: String) throws {
    let run = try StageRun(UnicodeNormalization(), on: input)
    #expect(run.rules.isEmpty)
    #expect(Array(run.output.utf8) == Array(input.utf8))
  }
}
