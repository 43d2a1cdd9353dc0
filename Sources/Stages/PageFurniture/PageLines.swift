/// The lines of a dump as PDF pages hold them: which page each is on, and what it reads as
/// once the numbers that change from page to page are masked.
struct PageLine {
  /// The line without surrounding spaces, tabs, carriage returns and form feeds.
  var content: Range<Int>
  /// The page the line is on: the form feeds before it.
  var page: Int
  /// The content lowercased (ASCII), without spaces or bidi controls, each run of digits one
  /// `#`: running heads and footers read alike on every page.
  var key: [UInt8]
  var words: Int
  /// The number the line starts with, and the one it ends with (the first of `N/M`), where
  /// the number stands apart from the words.
  var leadingNumber: Int?
  var trailingNumber: Int?

  var isBlank: Bool { content.isEmpty }

  /// The offset in `text` of what byte `position` of `key` stands for; read again from the
  /// line when asked, since few lines are asked and every line is keyed.
  func keyOffset(_ position: Int, in text: [UInt8]) -> Int {
    var seen = 0
    var found = content.upperBound
    _ = Self.walkKey(content, in: text) { _, offset in
      guard seen == position else {
        seen += 1
        return true
      }
      found = offset
      return false
    }
    return found
  }

  /// A line of a page number alone: `N`, or `N/M` and `N / M`.
  var isPageNumber: Bool { key == Self.numberKey || key == Self.numberOfKey }

  private static let numberKey: [UInt8] = [0x23]
  private static let numberOfKey = Array("#/#".utf8)

  /// Whether the line ends as a sentence or clause does, which furniture does not; a title
  /// cut short with `. . .` or `..` is furniture's.
  func endsClause(in text: [UInt8]) -> Bool {
    guard let last = content.last.map({ text[$0] }) else { return false }
    guard Self.clauseEnds.contains(last) else { return false }
    return
      !(last == UInt8(ascii: ".") && key.count >= 2 && key[key.count - 2] == 0x2E
      && key[key.count - 1] == 0x2E)
  }

  private static let clauseEnds = ByteTable(Array(".!?:;,".utf8))

  /// Whether the line opens with a markdown marker, which no PDF extractor writes.
  func opensWithMarkup(in text: [UInt8]) -> Bool {
    guard let first = content.first.map({ text[$0] }) else { return false }
    return Self.markupOpeners.contains(first)
  }

  private static let markupOpeners = ByteTable(Array("#*->|[!`".utf8))

  /// The lines of `text`.
  static func lines(in text: [UInt8]) -> [PageLine] {
    var lines: [PageLine] = []
    var page = 0
    var start = 0
    while start <= text.count {
      let end = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: start) ?? text.count
      var low = start
      while low < end, isPadding(text[low]) {
        if text[low] == 0x0C { page += 1 }
        low += 1
      }
      var high = end
      while high > low, isPadding(text[high - 1]) { high -= 1 }
      lines.append(line(low..<high, page: page, in: text))
      for index in high..<end where text[index] == 0x0C { page += 1 }
      if end == text.count { break }
      start = end + 1
    }
    return lines
  }

  private static func isPadding(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C
  }

  private static func line(_ content: Range<Int>, page: Int, in text: [UInt8]) -> PageLine {
    var key: [UInt8] = []
    key.reserveCapacity(content.count)
    let words = walkKey(content, in: text) { byte, _ in
      key.append(byte)
      return true
    }
    return PageLine(
      content: content, page: page, key: key, words: words,
      leadingNumber: leadingNumber(content, in: text), trailingNumber: trailingNumber(content, in: text))
  }

  /// Calls `body` with each byte of the key of the line at `content` and the offset of what it
  /// stands for, until `body` returns false; returns the line's words (runs between spaces
  /// and tabs) up to there.
  @inline(__always)
  private static func walkKey(
    _ content: Range<Int>, in text: [UInt8], _ body: (UInt8, Int) -> Bool
  ) -> Int {
    var words = 0
    var inWord = false
    var index = content.lowerBound
    while index < content.upperBound {
      let byte = text[index]
      if byte == 0x20 || byte == 0x09 {
        inWord = false
        index += 1
        continue
      }
      if !inWord { words += 1 }
      inWord = true
      if let length = bidiControlLength(text, at: index) {
        index += length
        continue
      }
      if isDigit(byte) {
        guard body(UInt8(ascii: "#"), index) else { return words }
        while index < content.upperBound, isDigit(text[index]) { index += 1 }
        continue
      }
      guard body(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte, index) else { return words }
      index += 1
    }
    return words
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// The length of the bidi embedding or isolate control at `index` (U+202A–U+202E,
  /// U+2066–U+2069), which pdftotext writes around runs of right-to-left text.
  static func bidiControlLength(_ text: [UInt8], at index: Int) -> Int? {
    guard index + 2 < text.count, text[index] == 0xE2 else { return nil }
    if text[index + 1] == 0x80, (0xAA...0xAE).contains(text[index + 2]) { return 3 }
    if text[index + 1] == 0x81, (0xA6...0xA9).contains(text[index + 2]) { return 3 }
    return nil
  }

  /// The value of the digits from `start` up to `end`, if they are one to four digits.
  private static func number(_ text: [UInt8], _ range: Range<Int>) -> Int? {
    guard (1...PageFurnitureLimits.pageNumberDigits).contains(range.count) else { return nil }
    return range.reduce(0) { $0 * 10 + Int(text[$1] - 0x30) }
  }

  private static func leadingNumber(_ content: Range<Int>, in text: [UInt8]) -> Int? {
    var end = content.lowerBound
    while end < content.upperBound, isDigit(text[end]) { end += 1 }
    guard end == content.upperBound || text[end] == 0x20 else { return nil }
    return number(text, content.lowerBound..<end)
  }

  private static func trailingNumber(_ content: Range<Int>, in text: [UInt8]) -> Int? {
    var start = content.upperBound
    while start > content.lowerBound, isDigit(text[start - 1]) { start -= 1 }
    guard start < content.upperBound else { return nil }
    var before = start
    while before > content.lowerBound, text[before - 1] == 0x20 { before -= 1 }
    // `N/M` and `N / M`: the page is the first number.
    if before > content.lowerBound, text[before - 1] == UInt8(ascii: "/") {
      var end = before - 1
      while end > content.lowerBound, text[end - 1] == 0x20 { end -= 1 }
      var first = end
      while first > content.lowerBound, isDigit(text[first - 1]) { first -= 1 }
      guard first < end, first == content.lowerBound || text[first - 1] == 0x20 else { return nil }
      return number(text, first..<end)
    }
    guard start == content.lowerBound || text[start - 1] == 0x20 else { return nil }
    return number(text, start..<content.upperBound)
  }
}
