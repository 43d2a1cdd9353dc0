import Testing

@testable import Stages

@Suite struct ColumnsTests {
  /// A page as `pdftotext -layout` gives it: a title across the page, then two columns.
  static func twoColumnPage(rows: Int) -> String {
    let left = (1...rows).map { "left line \($0) of text" }
    let right = (1...rows).map { "right line \($0) of text" }
    let body = zip(left, right).map { $0.padding(toLength: 30, withPad: " ", startingAt: 0) + $1 }
    return (["          A Title Set Across The Whole Page Here", ""] + body).joined(separator: "\n") + "\n"
  }

  @Test func readsTheLeftColumnThenTheRight() throws {
    let run = try StageRun(Columns(), on: Self.twoColumnPage(rows: 8))
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "          A Title Set Across The Whole Page Here")
    #expect(Array(lines[2...9]) == (1...8).map { "left line \($0) of text" })
    #expect(Array(lines[10...17]) == (1...8).map { "right line \($0) of text" })
    #expect(run.rules == ["columns.two-column"])
  }

  /// Each page of a dump is read on its own; the form feed between them stays.
  @Test func readsEachPageOnItsOwn() throws {
    let page = Self.twoColumnPage(rows: 8)
    let run = try StageRun(Columns(), on: page + "\u{0C}" + page)
    #expect(run.output.components(separatedBy: "\u{0C}").count == 2)
    #expect(run.rules.count == 2)
  }

  /// A one-column page with a few aligned rows (a small table), and a page with too few
  /// lines to show a gutter, stay as they are.
  @Test(arguments: [
    "Some prose that runs across the whole width of the page as one column does.\n"
      + "Name        Value\nAlpha       1\nBeta        2\nGamma       3\n"
      + "More prose after the table, running across the whole width of the page again.\n",
    twoColumnPage(rows: 3),
  ])
  func leavesOneColumnPagesAlone(input: String) throws {
    let run = try StageRun(Columns(), on: input)
    #expect(run.output == input)
  }
}

/// A gutter needs three spaces in a row; the test for a run of three reads eight bytes at a
/// time and finds one wherever it falls.
@Suite struct SpaceRunTests {
  @Test(arguments: [("   ", true), ("  ", false), (" x ", false), ("  \t ", false)])
  func findsThreeSpacesAtEveryOffset(piece: String, expected: Bool) {
    for length in 0...24 {
      for offset in 0...length {
        let line =
          String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
        #expect(Array(line.utf8).withUnsafeBufferPointer(Columns.hasSpaceRun) == expected, "\(line)")
      }
    }
  }
}

/// A line has a gap where three spaces or more stand between two other bytes; the count of
/// such lines, read a line at a time, is the count of a plain walk over every byte.
@Suite struct GapLineTests {
  /// The count the word test stands in front of: every byte looked at.
  static func gapLinesByteByByte(_ text: [UInt8], _ page: Range<Int>) -> Int {
    var count = 0
    var spaces = 0
    var seenText = false
    var counted = false
    for byte in text[page] {
      if byte == 0x0A {
        (spaces, seenText, counted) = (0, false, false)
      } else if byte == 0x20 {
        spaces += 1
      } else {
        if seenText, !counted, spaces >= ColumnLimits.gutterSpaces {
          count += 1
          counted = true
        }
        seenText = true
        spaces = 0
      }
    }
    return count
  }

  @Test(arguments: ["a   b", "   b", "a   ", "a  b", "a \t  b", "a    b   c", "\t   x", "é   ü"])
  func countsLinesWithAGapAsEveryByteDoes(piece: String) {
    for length in 0...18 {
      for offset in 0...length {
        let line =
          String(repeating: "x", count: offset) + piece + String(repeating: " ", count: length - offset)
        let text = Array((line + "\n" + piece + "\n\n" + line).utf8)
        for page in [0..<text.count, 1..<text.count - 1, 0..<line.utf8.count] {
          #expect(Columns.linesWithGaps(text, page) == Self.gapLinesByteByByte(text, page), "\(line)")
        }
      }
    }
  }
}
