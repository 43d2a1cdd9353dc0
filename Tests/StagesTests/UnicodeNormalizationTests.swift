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
      // Code points of two and three bytes that NFC changes on their own, after text of
      // such code points that it leaves alone.
      ("“Quoted” \u{2000}", "“Quoted” \u{2002}"),  // en quad
      ("Ω \u{2126}", "Ω \u{3A9}"),  // ohm sign
      ("— \u{212B}", "— \u{C5}"),  // angstrom sign
      ("漢字 \u{F900}", "漢字 \u{8C48}"),  // compatibility ideograph
      ("Ж\u{301}", "Ж\u{301}"),  // a mark that composes with nothing
      ("“e\u{301}”", "“\u{E9}”"),
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

  /// A line is handed to ICU where it has a byte of 0xCC or more, found past runs of ASCII
  /// and bytes below it (`é`, `ß`) wherever it stands; a line without one is not.
  @Test(arguments: ["\u{301}", "“", "日", "é", "ß", "😀"])
  func findsALeadOfU0300OrAboveAtEveryOffset(piece: String) {
    for length in 0...40 {
      for offset in 0...length {
        let line = Array(
          (String(repeating: "é", count: offset % 3) + String(repeating: "x", count: offset) + piece
            + String(repeating: "y", count: length - offset)).utf8)
        let found = line.withUnsafeBufferPointer(UnicodeNormalization.mayNeedComposing)
        #expect(found == line.contains { $0 >= 0xCC }, "\(piece) at \(offset)")
      }
    }
  }
}
