import Pipeline

/// The numbers that decide whether a page is set in two columns, in one place.
enum ColumnLimits {
  /// Lines of a page that must show the gutter, at least.
  static let gutterLines = 6
  /// The share of the page's lines that reach past the gutter which must show it: the others
  /// cross it (a title, a head set across the page) or end a paragraph short.
  static let gutterShare = 0.5
  /// Spaces between the columns, at least; a word space is one, a sentence space two at most.
  static let gutterSpaces = 3
  /// Where the gutter may be, as shares of the page's widest line.
  static let gutterBand = 0.25...0.75
  /// Spaces a paragraph's first line is indented by in the right column, at most.
  static let indent = 8
}

/// Reads the pages of a dump that `pdftotext -layout` set side by side, column by column.
///
/// That extractor keeps the layout: a two-column page comes out with both columns on each line,
/// the left column's line, a run of spaces (the gutter), then the right column's line. Read
/// line by line, the text of the two columns interleaves. On a page where many lines have the
/// right column start at one and the same position after a run of spaces, this stage cuts each
/// line there and puts the right column after the left. Lines that cross the gutter (a title,
/// a head across the page) stay where they are, in the left column's flow.
public struct Columns: Stage {
  public let id = "columns"
  public let version = 1

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    // A gutter is three spaces at least; most texts have no run of three anywhere.
    guard ColumnLimits.gutterSpaces < 3 || text.withUnsafeBufferPointer(Self.hasSpaceRun) else {
      return Proposal()
    }
    var edits: [TextEdit] = []
    var start = 0
    while start < text.count {
      let end = ByteSearch.firstIndex(of: 0x0C, in: text[...], from: start) ?? text.count
      if let edit = readColumns(text, page: start..<end) { edits.append(edit) }
      start = end + 1
    }
    return Proposal(edits: edits)
  }

  /// Whether `bytes` has three spaces in a row, read eight bytes at a time.
  static func hasSpaceRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    var previous: UInt64 = 0
    while let word = ByteWord.load(bytes, at: index) {
      let spaces = ByteWord.equalMask(word, 0x20)
      // A space whose two bytes before it (in this word or the one before) are spaces.
      if spaces & (spaces << 8 | previous >> 56) & (spaces << 16 | previous >> 48) != 0 { return true }
      previous = spaces
      index += 8
    }
    var run = previous >> 56 != 0 ? (previous >> 48 & 0x80 != 0 ? 2 : 1) : 0
    while index < bytes.count {
      run = bytes[index] == 0x20 ? run + 1 : 0
      if run >= 3 { return true }
      index += 1
    }
    return false
  }

  /// One page's lines, left column first, or nil where the page has one column.
  private func readColumns(_ text: [UInt8], page: Range<Int>) -> TextEdit? {
    guard Self.linesWithGaps(text, page) >= ColumnLimits.gutterLines else { return nil }
    let lines = Self.lines(text, page)
    guard lines.count >= ColumnLimits.gutterLines, let gutter = Self.gutter(lines, text: text) else {
      return nil
    }
    var left: [[UInt8]] = []
    var right: [[UInt8]] = []
    for line in lines {
      guard let cut = Self.cut(line, at: gutter, text: text) else {
        left.append(Array(text[line.range]))
        continue
      }
      // A line with the right column alone adds no blank line to the left one.
      if cut.leftEnd > line.range.lowerBound { left.append(Array(text[line.range.lowerBound..<cut.leftEnd])) }
      if cut.rightStart < line.range.upperBound {
        right.append(Array(text[cut.rightStart..<line.range.upperBound]))
      }
    }
    let rewritten = Array((left + right).joined(separator: [0x0A]))
    // The page's last newline stays where it was.
    let body = text[page].last == 0x0A ? page.lowerBound..<page.upperBound - 1 : page
    guard rewritten != Array(text[body]) else { return nil }
    return edit(
      body, String(decoding: rewritten, as: UTF8.self),
      Rule("columns.two-column", "two-column page read column by column, the right column after the left"))
  }

  /// A line of a page: its bytes, and the byte offset of each of its scalars, by column.
  struct Line {
    var range: Range<Int>
    var columns: [Int]
  }

  /// How many lines of a page have a run of spaces inside them, wide enough for a gutter: a
  /// scan of the bytes that spares one-column pages the work of measuring their lines. A
  /// line is looked at byte by byte only where its words of eight bytes show three spaces
  /// in a row.
  static func linesWithGaps(_ text: [UInt8], _ page: Range<Int>) -> Int {
    text.withUnsafeBufferPointer { buffer in
      var count = 0
      var start = page.lowerBound
      while start < page.upperBound {
        let end =
          ByteSearch.firstIndex(of: 0x0A, in: text[...], from: start).map { min($0, page.upperBound) }
          ?? page.upperBound
        let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
        if (ColumnLimits.gutterSpaces < 3 || hasSpaceRun(line)) && hasGap(line) { count += 1 }
        start = end + 1
      }
      return count
    }
  }

  /// Whether `line` has a run of `ColumnLimits.gutterSpaces` spaces or more between two
  /// other bytes.
  static func hasGap(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    var spaces = 0
    var seenText = false
    for byte in line {
      guard byte != 0x20 else {
        spaces += 1
        continue
      }
      if seenText, spaces >= ColumnLimits.gutterSpaces { return true }
      seenText = true
      spaces = 0
    }
    return false
  }

  static func lines(_ text: [UInt8], _ page: Range<Int>) -> [Line] {
    var lines: [Line] = []
    var start = page.lowerBound
    while start < page.upperBound {
      var end = start
      var columns: [Int] = []
      while end < page.upperBound, text[end] != 0x0A {
        if text[end] & 0xC0 != 0x80 { columns.append(end) }
        end += 1
      }
      lines.append(Line(range: start..<end, columns: columns))
      start = end + 1
    }
    return lines
  }

  /// The column at which the right column starts on most lines, after a run of spaces, if
  /// enough lines show it.
  static func gutter(_ lines: [Line], text: [UInt8]) -> Int? {
    let width = lines.map(\.columns.count).max() ?? 0
    let band =
      Int(
        ColumnLimits.gutterBand.lowerBound * Double(width))...Int(
        ColumnLimits.gutterBand.upperBound * Double(width))
    var starts: [Int: Int] = [:]
    for line in lines {
      for column in gapEnds(line, text: text) where band.contains(column) { starts[column, default: 0] += 1 }
    }
    guard let (column, count) = starts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) else {
      return nil
    }
    let reaching = lines.filter { $0.columns.count > column }.count
    guard count >= ColumnLimits.gutterLines, Double(count) >= ColumnLimits.gutterShare * Double(reaching)
    else {
      return nil
    }
    return column
  }

  /// The columns where text starts again after a run of spaces inside the line.
  static func gapEnds(_ line: Line, text: [UInt8]) -> [Int] {
    var ends: [Int] = []
    var spaces = 0
    var seenText = false
    for (column, offset) in line.columns.enumerated() {
      if text[offset] == 0x20 {
        spaces += 1
        continue
      }
      if seenText, spaces >= ColumnLimits.gutterSpaces { ends.append(column) }
      seenText = true
      spaces = 0
    }
    return ends
  }

  /// Where a line's left column ends (its trailing spaces dropped) and its right column starts:
  /// where the line has spaces up to the gutter and its right part starts at the gutter or
  /// indented a little after it. Nil where the line is all left, or crosses the gutter, or
  /// has text far to the right only (a page number, a head set flush right).
  static func cut(_ line: Line, at gutter: Int, text: [UInt8]) -> (leftEnd: Int, rightStart: Int)? {
    guard line.columns.count > gutter, text[line.columns[gutter - 1]] == 0x20,
      text[line.columns[gutter - 2]] == 0x20
    else { return nil }
    var first = gutter
    while first < line.columns.count, text[line.columns[first]] == 0x20 { first += 1 }
    guard first < line.columns.count, first - gutter <= ColumnLimits.indent else { return nil }
    var leftEnd = line.columns[gutter - 1]
    while leftEnd > line.range.lowerBound, text[leftEnd - 1] == 0x20 { leftEnd -= 1 }
    return (leftEnd, line.columns[gutter])
  }
}
