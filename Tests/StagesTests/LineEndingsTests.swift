import Testing

@testable import Stages

@Suite struct LineEndingsTests {
  @Test func convertsCRLFFixture() throws {
    let run = try StageRun(LineEndings(), bytes: try Paths.fixture("crlf.txt"))
    #expect(run.output == "First line\nSecond line\n\nA paragraph after a blank line.\n")
    #expect(run.rules == Array(repeating: "line-endings.crlf", count: 4))
  }

  @Test(
    arguments: [
      ("a\rb\r", "a\nb\n", "line-endings.cr"),
      ("page one\u{0C}page two", "page one\npage two", "line-endings.form-feed"),
      ("one\u{2028}two", "one\ntwo", "line-endings.line-separator"),
      ("one\u{2029}two", "one\n\ntwo", "line-endings.paragraph-separator"),
      ("one\u{85}two", "one\ntwo", "line-endings.next-line"),
    ])
  func changesOtherLineBreaks(input: String, expected: String, rule: String) throws {
    let run = try StageRun(LineEndings(), on: input)
    #expect(run.output == expected)
    #expect(run.rules.allSatisfy { $0 == rule })
  }

  @Test(arguments: ["plain\nlines\n", "a carriage-return-free text", "Ünïcödé\n\nκείμενο\n"])
  func leavesNewlinesAlone(input: String) throws {
    let run = try StageRun(LineEndings(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }
}
