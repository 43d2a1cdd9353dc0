import Pipeline
import Testing

@testable import Stages

/// The line model of the boilerplate stage reads its facts off the bytes; these tests hold it
/// to what the same facts read off Swift strings give.
@Suite struct TextLineTests {
  static let lines = [
    "The Quick Brown Fox", "ΑΘΗΝΑ, 4 Μαΐου 2011", "İSTANBUL ŞEHİR", "Straße ẞ Ǆemal", "ПЕРВАЯ СТРАНИЦА",
    "Việt Nam Ở Đây", "**Bold** and _emphasis_ with [a link](https://example.org)", "# Heading!",
    "\u{A0}Non-breaking spaces\u{A0}", "«Цитата» — сказал он.", "١٢٣٤ رقم", "plain words, lowercase",
    "(“Quoted”)", "![image](a.png)", "<https://example.org> address",
  ]

  @Test(arguments: lines)
  func lowercasesAsUnicodeDoes(line: String) {
    let bytes = Array(line.utf8)
    let model = TextLine(text: bytes, range: 0..<bytes.count)
    var expected: [UInt8] = []
    for scalar in model.plain.unicodeScalars {
      for lowered in scalar.properties.lowercaseMapping.unicodeScalars where lowered != "\u{307}" {
        expected.append(contentsOf: String(lowered).utf8)
      }
    }
    #expect(model.lowerBytes == expected)
  }

  @Test(arguments: lines)
  func countsWordsAndScalarsOfThePlainText(line: String) {
    let bytes = Array(line.utf8)
    let model = TextLine(text: bytes, range: 0..<bytes.count)
    #expect(model.wordCount == model.plain.split(whereSeparator: { $0 == " " || $0 == "\t" }).count)
    #expect(model.scalarCount == model.plain.unicodeScalars.count)
    #expect(model.words.count == model.wordCount)
  }

  @Test(arguments: [
    ("**Bold** and _emphasis_ with [a link](https://example.org)", "Bold and emphasis with a link"),
    ("# Heading!", "Heading!"), ("\u{A0}Non-breaking spaces\u{A0}", "Non-breaking spaces"),
    ("snake_case stays", "snake_case stays"), ("<https://example.org> address", "address"),
  ])
  func takesOutMarkupAndTrims(line: String, plain: String) {
    let bytes = Array(line.utf8)
    #expect(TextLine(text: bytes, range: 0..<bytes.count).plain == plain)
  }

  @Test(arguments: [
    ("It ended.", true, false), ("it went on", false, true), ("«Он сказал.»", true, false),
    ("(“quoted”)", false, true), ("Ελλάδα;", true, false), ("éte", false, true), ("Dots…", false, false),
  ])
  func readsSentenceEnds(line: String, endsSentence: Bool, startsLowercase: Bool) {
    let bytes = Array(line.utf8)
    let model = TextLine(text: bytes, range: 0..<bytes.count)
    #expect(model.endsSentence == endsSentence)
    #expect(model.startsLowercase == startsLowercase)
  }

  @Test(arguments: [
    ("4 May 2011", 4), ("No. 12", 2), ("١٢٣٤ رقم", 4), ("no digits", 0), ("12 and 345", 3),
  ])
  func findsDigitRunsInAnyScript(text: String, run: Int) {
    let bytes = Array(text.utf8)[...]
    #expect((LineFacts.longestDigitRun(in: bytes) > 0) == (run > 0))
    #expect((LineFacts.longestDigitRun(in: bytes, upTo: 4) == 4) == (run == 4))
  }
}
