import Foundation
import Testing

@testable import Stages

@Suite struct PageFurnitureTests {
  /// Two pages with a short title cut with an ellipsis on top, a footer and a page number
  /// under them.
  static let twoPages = """
    Short Title…

    The Title Of The Article
    first line of text that goes on

    Journal of Things · Volume 3
    12
    \u{0C}Short Title…

    second page text continues here
    and ends.

    Journal of Things · Volume 3
    13

    """

  @Test func removesHeadsFootersAndPageNumbersAndJoinsThePages() throws {
    let run = try StageRun(PageFurniture(), on: Self.twoPages)
    #expect(
      run.output
        == "The Title Of The Article\nfirst line of text that goes on\nsecond page text continues here\nand ends.\n"
    )
    #expect(Set(run.rules) == ["page-furniture.running-head", "page-furniture.page-break"])
  }

  /// Lines that recur in the middle of pages are the article's, and so is a number in the
  /// middle of a page; only the page numbers at the edges go.
  @Test func leavesLinesThatRecurAwayFromThePagesEdges() throws {
    let page = { (name: String, number: Int) in
      "Opening line of the \(name) page\nsecond line\nthird line\nExample\n7\nsixth line\nseventh line\n"
        + "Closing line of the \(name) page\n\(number)\n"
    }
    let input = page("first", 1) + "\u{0C}" + page("second", 2)
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output.components(separatedBy: "Example\n7\nsixth line").count == 3)
    #expect(run.output.hasSuffix("Closing line of the second page\n"))
    #expect(run.output.contains("Closing line of the first page\nOpening line of the second page"))
  }

  /// pdftotext glues the footer to a page's last line where it ended in a hyphen: the footer
  /// goes and the word's halves join. With a space before it, the same words are text.
  @Test(arguments: [
    ("by definition, inPage 12", "by definition, intermittent and slow"),
    ("as listed on Page 12", "as listed on Page 12\ntermittent and slow"),
  ])
  func removesAFooterGluedToAWord(lastLine: String, expected: String) throws {
    let input =
      "Page one opens here\n\(lastLine)\n\u{0C}termittent and slow\nPage 13\n\u{0C}third page\nPage 14\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output.hasPrefix("Page one opens here\n\(expected)"))
    #expect(!run.output.contains("Page 13") && !run.output.contains("Page 14"))
  }

  /// Heads that alternate between pages (authors on odd pages, the journal on even ones) go
  /// where they stand beside the page number; a line beside no number stays.
  @Test func removesAHeadBesideThePageNumber() throws {
    let input = """
      A. Author and B. Author
      7
      A Title
      the first page's text, which goes on
      \u{0C}8
      Journal of Things, Volume 3
      the second page's text ends here.
      \u{0C}Not a head
      The third page's text.

      """
    let run = try StageRun(PageFurniture(), on: input)
    #expect(!run.output.contains("Author") && !run.output.contains("Journal"))
    #expect(run.output.contains("Not a head"))
  }

  /// A dump without form feeds is read as pages where a hard-wrapped text has a footer whose
  /// number counts up; numbers that do not count up are no page numbers.
  @Test(arguments: [(12, 13, true), (12, 15, false)])
  func readsPagesWithoutFormFeeds(first: Int, second: Int, removed: Bool) throws {
    let body = (1...9).map { "line \($0) of a hard-wrapped paragraph that runs" }
    let input =
      (["The Title"] + body + ["Journal of Things \(first)"] + body + ["Journal of Things \(second)"] + body)
      .joined(separator: "\n") + "\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output.contains("Journal of Things") == !removed)
    #expect(run.output.hasPrefix("The Title\nline 1"))
  }

  /// A web page saved as text, a paragraph a line, is no PDF's pages, whatever repeats in it.
  @Test func leavesASavedWebPageAlone() throws {
    let input = "Share 12\n\nA paragraph of the article.\n\nShare 13\n\nAnother paragraph.\n\nShare 14\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output == input)
  }

  /// The first page's copy of a head that repeats the title is the title, where no other
  /// copy is on that page; a second copy under the head is the title instead.
  @Test(arguments: [
    ("A Whole Title\n\nJane Roe\n", "A Whole Title\n\nJane Roe\n"),
    ("A Whole Title\nJournal of Things\n\nA Whole Title\n", "A Whole Title\n"),
  ])
  func keepsTheTitleThatTheHeadsRepeat(firstPage: String, expectedStart: String) throws {
    let input =
      "\(firstPage)text of page one, which goes on\n\u{0C}A Whole Title\nJournal of Things\ntext of page two\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output.hasPrefix(expectedStart))
    #expect(run.output.components(separatedBy: "A Whole Title").count == 2)
  }

  /// A journal's head on the first page, over the article's title and the body, is a head;
  /// a title over a byline that stands alone is the title that the heads repeat.
  @Test(arguments: [
    (
      "Annals of Things\nA Short Title\nthe body's first line, which is long\nand goes on\n",
      "A Short Title\n"
    ),
    ("Annals of Things\nJane Roe\nInstitute of Things\n\nthe body, which goes on\n", "Annals of Things\n"),
  ])
  func tellsAJournalsHeadFromTheTitle(firstPage: String, expectedStart: String) throws {
    let input = "\(firstPage)\u{0C}Annals of Things\ntext of page two\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output.hasPrefix(expectedStart))
  }

  /// The footer of a page (`Página 247`) that stands alone on one page only, glued to the
  /// last line on the others, is still known by its page number: it goes, the line stays.
  @Test func removesAGluedFooterThatStandsAloneOnlyOnce() throws {
    let input = """
      First page text
      a line that ends as a word is cut, reFolio 245
      \u{0C}alized on the next page, and
      more words of a sentence that is cut in debianFolio 246
      \u{0C}glibc on the last page.

      Folio 247

      """
    let run = try StageRun(PageFurniture(), on: input)
    #expect(!run.output.contains("Folio"))
    #expect(run.output.contains("realized on the next page"))
    #expect(run.output.contains("more words of a sentence that is cut in debianglibc"))
  }

  /// A dump of one page without form feeds (pypdf) loses a numbered head over the title; a
  /// title with a number over its body stays.
  @Test(arguments: [
    ("A. Author, B. Author 131\nThe Title\n", "The Title\n"),
    ("Apollo 11\n", "Apollo 11\n"),
  ])
  func removesTheHeadOfALonePage(head: String, expectedStart: String) throws {
    let body = (1...9).map { "line \($0) of a hard-wrapped paragraph that runs" }.joined(separator: "\n")
    let run = try StageRun(PageFurniture(), on: head + body + "\n")
    #expect(run.output.hasPrefix(expectedStart + "line 1"))
  }

  /// A real pdftotext dump: no line that recurs in the dump and is not the article's is left,
  /// no page number, and the title comes first.
  @Test func cleansARealPdftotextDump() throws {
    let name = "034938388ffcb4c0.txt"
    let raw = try String(
      contentsOf: Paths.shared.appendingPathComponent("pdfdev/raw/pdftotext/\(name)"), encoding: .utf8)
    let gold = try String(
      contentsOf: Paths.shared.appendingPathComponent("pdfdev/gold/\(name)"), encoding: .utf8)
    let run = try StageRun(PageFurniture(), on: raw)
    let lines = run.output.split(separator: "\n").map(String.init)
    let rawLines = raw.split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" }).map(String.init)
    let furniture = Set(
      rawLines.filter { line in rawLines.filter { $0 == line }.count > 1 && !gold.contains(line) })
    #expect(!furniture.isEmpty)
    #expect(lines.first == gold.split(separator: "\n").first.map(String.init))
    #expect(!lines.contains { furniture.contains($0) || Int($0) != nil })
    #expect(!run.output.contains("\u{0C}"))
  }

  /// Two-sided heads without form feeds: the page number opens the even page's head (beside a
  /// year) and ends the odd page's. Section headings keep their numbers on one side.
  @Test(arguments: [
    ("112 Journal of Things, Volume 3, 2021", "A. Author and B. Author 113", true),
    ("1 Introduction", "2 Methods", false),
  ])
  func removesHeadsWhoseNumberAlternatesSides(first: String, second: String, removed: Bool) throws {
    let body = (1...9).map { "line \($0) of a hard-wrapped paragraph that runs" }
    let input = (["The Title"] + body + [first] + body + [second] + body).joined(separator: "\n") + "\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output.contains(first) == !removed)
    #expect(run.output.contains(second) == !removed)
  }

  /// A head at a page's top between the halves of a sentence goes; a subheading that opens a
  /// page after a finished sentence stays.
  @Test(arguments: [
    ("the sentence goes", "A. Author and B. Author", "on after the break.", false),
    ("the sentence ends.", "A Subheading", "Then a paragraph starts.", true),
  ])
  func removesAHeadThatInterruptsASentence(end: String, head: String, next: String, kept: Bool) throws {
    let first = (1...6).map { "line \($0) of the first page that runs on" } + [end]
    let second = [head, next] + (1...6).map { "line \($0) of the second page that runs on" }
    let input = first.joined(separator: "\n") + "\n\u{0C}" + second.joined(separator: "\n") + "\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(run.output.contains(head) == kept)
  }

  /// Without form feeds, a line the text repeats in the middle of its pages is body text,
  /// though the footer's counting number shows the pages.
  @Test func keepsALineTheTextRepeatsAwayFromThePagesEdges() throws {
    let body = (1...4).map { "line \($0) of a hard-wrapped paragraph that runs" }
    let page = body + ["A repeated line of the text"] + body
    let input =
      (["The Title"] + page + ["Journal of Things 12"] + page + ["Journal of Things 13"] + page)
      .joined(separator: "\n") + "\n"
    let run = try StageRun(PageFurniture(), on: input)
    #expect(!run.output.contains("Journal of Things"))
    #expect(run.output.components(separatedBy: "A repeated line of the text").count == 4)
  }
}
