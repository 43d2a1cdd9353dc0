import Testing

@testable import Stages

@Suite struct WhitespaceTests {
  @Test(
    arguments: [
      ("a  b", "a b", "whitespace.run"),
      ("a\tb", "a b", "whitespace.run"),
      ("prix\u{A0}\u{A0}5 €", "prix 5 €", "whitespace.run"),
      ("a\u{2003}b", "a b", "whitespace.run"),
      ("   indented", "indented", "whitespace.indent"),
      ("\u{3000}全角", "全角", "whitespace.indent"),
      ("trailing  \nnext", "trailing\nnext", "whitespace.trailing"),
      ("end \t", "end", "whitespace.trailing"),
      ("   \n", "\n", "whitespace.indent"),
    ])
  func tidiesSpaces(input: String, expected: String, rule: String) throws {
    let run = try StageRun(Whitespace(), on: input)
    #expect(run.output == expected)
    #expect(run.rules == [rule])
  }

  @Test(
    arguments: [
      "One space between words.\n\nNext paragraph.\n",
      "Hyphen-ated, em—dash and € sign.\n",
      "Arabic: مرحبا بالعالم\n",
    ])
  func leavesSingleSpacesAlone(input: String) throws {
    let run = try StageRun(Whitespace(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }

  @Test func cleansMessyFixture() throws {
    let run = try StageRun(Whitespace(), bytes: try Paths.fixture("messy-whitespace.txt"))
    #expect(run.output == "\n\nIndented title\n\n\n\nA run of spaces.\n\n\n")
  }
}
