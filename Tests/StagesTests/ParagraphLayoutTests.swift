import Testing

@testable import Stages

@Suite struct ParagraphLayoutTests {
  @Test(
    arguments: [
      ("\n\nTitle\n", "Title\n", "paragraph-layout.leading-blank-lines"),
      ("One.\n\n\n\nTwo.\n", "One.\n\nTwo.\n", "paragraph-layout.blank-lines"),
      ("No final newline", "No final newline\n", "paragraph-layout.final-newline"),
      ("Too many.\n\n\n", "Too many.\n", "paragraph-layout.final-newline"),
    ])
  func shapesParagraphs(input: String, expected: String, rule: String) throws {
    let run = try StageRun(ParagraphLayout(), on: input)
    #expect(run.output == expected)
    #expect(run.rules == [rule])
  }

  @Test(arguments: ["Title\n\nOne paragraph.\n\nAnother.\n", "", "Line one\nline two\n"])
  func leavesGoodLayoutAlone(input: String) throws {
    let run = try StageRun(ParagraphLayout(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }

  @Test func emptiesBlankOnlyText() throws {
    let run = try StageRun(ParagraphLayout(), on: "\n\n\n")
    #expect(run.output == "")
  }
}
