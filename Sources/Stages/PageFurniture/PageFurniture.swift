import Pipeline

/// The numbers that decide what is page furniture, in one place.
///
/// They come from how typeset pages are built, checked on the dev set's PDF layouts
/// (`../shared/pdfdev`): one- and two-column pages, heads and footers of one or two lines.
enum PageFurnitureLimits {
  /// Non-blank lines at the top and at the bottom of a page that may be furniture: a head or
  /// footer of two lines, and a page number on a line of its own.
  static let zoneLines = 3
  /// Words of a head beside a page number, or one that interrupts a sentence, at most.
  static let besideNumberWords = 8
  /// Words a running head or footer has at most: a journal's name with its volume, the
  /// authors, a short title. A line of body text that recurs at a page's edge is longer, or
  /// ends as a clause does.
  static let furnitureWords = 15
  /// Digits of a page number.
  static let pageNumberDigits = 4
  /// Lines between two copies of a running head, at least, in a dump without page breaks: a
  /// page holds more lines than this, a quoted refrain or repeated label usually not.
  static let pageLines = 8
  /// The share of non-blank lines followed by another non-blank line that makes a dump without
  /// page breaks read as extracted pages: an extractor's hard-wrapped lines have 0.8 and more,
  /// a saved web page (a paragraph a line, blank lines between) well under half.
  static let wrappedShare = 0.6
  /// The share of the page's median line width under which a line that ends a sentence ends
  /// its paragraph: justified text fills its lines but the last.
  static let paragraphEndWidth = 0.8
}

/// Removes the furniture of PDF pages (running heads, footers, page numbers) and joins the
/// text a page break cut.
///
/// Pages are where the form feeds that pdftotext and pdfminer write put them. Near the top
/// and bottom of each page, a line is furniture when:
/// - it is a page number alone (`7`, `7/12`, `7 / 12`);
/// - it recurs at the edge of another page, once the digits are masked (`Page 7` and
///   `Page 8`, or a journal's name), also on the first page, and on alternate pages;
/// - it starts or ends with the page's own number (the count of pages, offset as the bare
///   page numbers and the numbered lines agree), and is short and no clause;
/// - it stands beside a page number at the top of the page, short and no clause (a head that
///   alternates between authors and journal).
///
/// A page's last line that a footer was glued to (pdftotext glues them where the line ended
/// in a hyphen, as in `inPage 341`) loses the footer and joins the next page's first word.
/// Then the body text before and after each page break becomes consecutive lines, so that
/// reflow joins a paragraph the break cut.
///
/// A dump without form feeds (pypdf joins pages with a newline) is read as pages only when
/// its lines are hard-wrapped and a line recurs far apart with a number that counts up one by
/// one, as a footer with the page number does; then the recurring lines and the page numbers
/// beside them go.
public struct PageFurniture: Stage {
  public let id = "page-furniture"
  public let version = 6

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    guard ByteSearch.firstIndex(of: 0x0A, in: text[...], from: 0) != nil else { return Proposal() }
    // Without page breaks, only hard-wrapped text can be a PDF's pages: a scan of the bytes
    // spares other texts the work of keying their lines.
    guard
      ByteSearch.firstIndex(of: 0x0C, in: text[...], from: 0) != nil
        || Self.wrappedShare(text) >= PageFurnitureLimits.wrappedShare
    else {
      return Proposal()
    }
    let lines = PageLine.lines(in: text)
    let furniture: Furniture?
    if let last = lines.last, last.page > 0 {
      furniture = Furniture(pages: lines, text: text)
    } else {
      furniture = Furniture(unpaged: lines, text: text)
    }
    guard let furniture, furniture.lines.contains(true) || lines.contains(where: { $0.page > 0 }) else {
      return Proposal()
    }
    return Proposal(edits: edits(lines, furniture: furniture, text: text))
  }

  /// The share of non-blank lines followed by another non-blank line.
  static func wrappedShare(_ text: [UInt8]) -> Double {
    var nonBlank = 0
    var followed = 0
    var previousNonBlank = false
    var start = 0
    // Line by line rather than byte by byte: a line's first byte nearly always tells
    // whether it has text.
    while start <= text.count {
      let end = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: start) ?? text.count
      let hasText = text[start..<end].contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
      if hasText {
        nonBlank += 1
        if previousNonBlank { followed += 1 }
      }
      previousNonBlank = hasText
      start = end + 1
    }
    return nonBlank > 1 ? Double(followed) / Double(nonBlank - 1) : 0
  }

  /// One edit for each run of furniture, blank lines and page breaks between two lines of
  /// body text, and at the start and end of the text.
  private func edits(_ lines: [PageLine], furniture: Furniture, text: [UInt8]) -> [TextEdit] {
    var edits: [TextEdit] = []
    var previous: Int?
    var removed = 0
    var blank = false
    for (index, line) in lines.enumerated() {
      if furniture.lines[index] {
        removed += 1
        continue
      }
      if line.isBlank {
        blank = true
        continue
      }
      defer {
        previous = index
        removed = 0
        blank = false
      }
      guard let previous else {
        if removed > 0 {
          edits.append(
            edit(
              0..<line.content.lowerBound, "", Self.furnitureRule)
          )
        }
        continue
      }
      let before = lines[previous]
      if before.page != line.page {
        let glued = furniture.glued[previous]
        let start = glued ?? before.content.upperBound
        edits.append(
          edit(
            start..<line.content.lowerBound,
            glued != nil
              ? "" : Self.endsParagraph(previous, next: index, lines: lines, text: text) ? "\n\n" : "\n",
            glued == nil ? Self.pageBreakRule : Self.gluedFooterRule))
      } else if removed > 0 {
        edits.append(
          edit(
            before.content.upperBound..<line.content.lowerBound, blank ? "\n\n" : "\n", Self.furnitureRule))
      }
    }
    if let previous, removed > 0 {
      edits.append(
        edit(
          lines[previous].content.upperBound..<text.count, "\n", Self.furnitureRule))
    }
    return edits
  }
}

extension PageFurniture {
  /// The rules of the stage's edits.
  static let furnitureRule = Rule("page-furniture.running-head", "lines of page furniture removed")
  static let pageBreakRule = Rule(
    "page-furniture.page-break", "page break and its furniture removed, text joined")
  static let gluedFooterRule = Rule(
    "page-furniture.page-break", "page break removed with a footer glued to the word it cut")

  /// Whether a page's last line ends a paragraph: it ends a sentence, and it falls short of
  /// the width of the page's lines, as the last line of a justified paragraph does, or the
  /// next page opens with a capital.
  static func endsParagraph(_ index: Int, next: Int, lines: [PageLine], text: [UInt8]) -> Bool {
    let line = lines[index]
    var end = line.content.upperBound
    while end > line.content.lowerBound {
      if Array("\"')".utf8).contains(text[end - 1]) {
        end -= 1
      } else if let quote = closingQuotes.first(where: { text[..<end].suffix($0.count).elementsEqual($0) }) {
        end -= quote.count
      } else {
        break
      }
    }
    guard end > line.content.lowerBound, Array(".!?".utf8).contains(text[end - 1]) else { return false }
    let widths = lines.filter { $0.page == line.page && !$0.isBlank }.map(\.content.count).sorted()
    let short =
      Double(line.content.count) < PageFurnitureLimits.paragraphEndWidth * Double(widths[widths.count / 2])
    return short || Furniture.opensWithCapital(lines[next], text: text)
  }

  /// », ” and ’, which may close a sentence.
  private static let closingQuotes = ["\u{BB}", "\u{201D}", "\u{2019}"].map { Array($0.utf8) }

}

/// Which lines of a dump are page furniture, and where a footer glued to a line starts.
struct Furniture {
  var lines: [Bool]
  /// For a page's last line of body text with a footer glued to it, the offset the footer
  /// starts at.
  var glued: [Int: Int] = [:]

  /// The furniture of a dump whose pages form feeds divide.
  init(pages: [PageLine], text: [UInt8]) {
    lines = Array(repeating: false, count: pages.count)
    let zones = Self.zones(pages)
    let offset = Self.pageNumberOffset(pages, zones: zones)
    var zoneKeys: Set<HashedBytes> = []
    for zone in zones {
      for index in zone.top + zone.bottom where Self.mayBeFurniture(pages[index], text: text) {
        zoneKeys.insert(HashedBytes(pages[index].key))
      }
    }
    var keyPages: [HashedBytes: Set<Int>] = [:]
    for line in pages {
      let key = HashedBytes(line.key)
      guard zoneKeys.contains(key), Self.mayBeFurniture(line, text: text) else { continue }
      keyPages[key, default: []].insert(line.page)
    }
    let inZone = Set(zones.flatMap { $0.top + $0.bottom })
    var marked: Set<HashedBytes> = []
    for (index, line) in pages.enumerated() {
      if index > 0, pages[index - 1].page != line.page { marked = [] }
      if line.isPageNumber && inZone.contains(index) {
        lines[index] = true
        continue
      }
      // A head that recurs at the edges of other pages; where a two-column page puts the
      // footer among the body's lines, on at least half the pages. A second copy on one page
      // is the article's: the title under a running head that repeats it.
      let key = HashedBytes(line.key)
      guard let count = keyPages[key]?.count, count >= 2, !marked.contains(key),
        inZone.contains(index) || count * 2 >= zones.count
      else { continue }
      lines[index] = true
      marked.insert(key)
    }
    keepTitle(pages, zones: zones, text: text)
    var numbered: [Int] = []
    for zone in zones {
      for index in zone.top + zone.bottom where !lines[index] {
        let line = pages[index]
        guard let offset, Self.mayBeFurniture(line, text: text),
          [line.leadingNumber, line.trailingNumber].contains(line.page + offset)
        else { continue }
        numbered.append(index)
        lines[index] = true
      }
      markBesideNumber(zone.top, pages, text: text)
    }
    // Footers with words or a slash, which pdftotext may glue to a page's last line; a footer
    // that stands alone on one page only (the others glued) is known by its page number.
    let footers = Set(zones.flatMap(\.bottom).filter { lines[$0] }.map { pages[$0].key })
      .filter { key in key.contains { $0 >= 0x41 || $0 == UInt8(ascii: "/") } }
      .sorted { $0.lexicographicallyPrecedes($1) }
    // A numbered line that ends with such a footer is body text with the footer glued on.
    for index in numbered where footers.contains(where: { Self.ends(pages[index], with: $0) }) {
      lines[index] = false
    }
    markInterrupting(pages, zones: zones, text: text)
    markGlued(pages, zones: zones, footers: footers, offset: offset, text: text)
  }

  /// A short head at the top of a page that interrupts a sentence: the page before ends in the
  /// middle of one, and the line after the head goes on in lowercase. Body text that starts a
  /// page does not stand between the halves of a sentence.
  private mutating func markInterrupting(
    _ pages: [PageLine], zones: [(top: [Int], bottom: [Int])], text: [UInt8]
  ) {
    for page in zones.indices.dropFirst() {
      let top = zones[page].top.filter { !lines[$0] }
      guard top.count >= 2, let before = zones[page - 1].bottom.last(where: { !lines[$0] }) else { continue }
      let head = pages[top[0]]
      guard Self.mayBeFurniture(head, text: text), head.words <= PageFurnitureLimits.besideNumberWords,
        Self.opensWithCapital(head, text: text), Self.opensWithLowercase(pages[top[1]], text: text),
        !Self.endsSentence(pages[before], text: text)
      else { continue }
      lines[top[0]] = true
    }
  }

  private static func endsSentence(_ line: PageLine, text: [UInt8]) -> Bool {
    guard let last = line.content.last.map({ text[$0] }) else { return false }
    return Array(".!?\"')".utf8).contains(last)
  }

  static func opensWithCapital(_ line: PageLine, text: [UInt8]) -> Bool {
    firstScalar(line, text: text).map(ScalarProperties.isUppercase) ?? false
  }

  static func opensWithLowercase(_ line: PageLine, text: [UInt8]) -> Bool {
    firstScalar(line, text: text).map(ScalarProperties.isLowercase) ?? false
  }

  private static func firstScalar(_ line: PageLine, text: [UInt8]) -> Unicode.Scalar? {
    var decoder = UTF8()
    var bytes = text[line.content].makeIterator()
    guard case .scalarValue(let scalar) = decoder.decode(&bytes) else { return nil }
    return scalar
  }

  /// Keeps the first page's copy of a running head where it is the article's title that the
  /// later pages repeat: the only copy on the first page, not cut short with an ellipsis, and
  /// set as one run of words, and either the first line, followed by a line that is no furniture (a journal's name is
  /// followed by its volume, or by the title), or further down the page than the head is on
  /// the other pages (under a masthead).
  private mutating func keepTitle(_ pages: [PageLine], zones: [(top: [Int], bottom: [Int])], text: [UInt8]) {
    let top = zones[0].top
    for (position, index) in top.enumerated() where lines[index] && !pages[index].isPageNumber {
      let line = pages[index]
      let copies = pages.indices.filter { pages[$0].page == 0 && pages[$0].key == line.key }
      guard copies.count == 1, !Self.isCut(line.key), !Self.isSetApart(line, text: text),
        let next = pages[(index + 1)...].firstIndex(where: { !$0.isBlank }), pages[next].page == 0,
        !lines[next],
        !pages[next].key.starts(with: line.key), !line.key.starts(with: pages[next].key)
      else { continue }
      let elsewhere = zones.dropFirst().compactMap { $0.top.firstIndex { pages[$0].key == line.key } }
      if position == 0
        ? !Self.isTitleOverBody(next, pages, text: text)
        : !elsewhere.isEmpty && elsewhere.allSatisfy({ $0 < position })
      {
        lines[index] = false
      }
    }
  }

  /// The head of a dump of one page: its first line, short and numbered as a page is
  /// (`Authors 201`), over a title that is over the body.
  static func loneHead(_ lines: [PageLine], _ nonBlank: [Int], text: [UInt8]) -> Int? {
    guard nonBlank.count > 2 else { return nil }
    let head = lines[nonBlank[0]]
    guard head.leadingNumber != nil || head.trailingNumber != nil, mayBeFurniture(head, text: text),
      head.words <= PageFurnitureLimits.besideNumberWords, isTitleOverBody(nonBlank[1], lines, text: text)
    else { return nil }
    return nonBlank[0]
  }

  /// Whether the line at `index` reads as a title over the body: a few words that end no
  /// sentence or clause (a question may be a title), over a longer line that a paragraph goes
  /// on from. A page's first line
  /// with a title under it is the journal's head, not the article's title.
  static func isTitleOverBody(_ index: Int, _ pages: [PageLine], text: [UInt8]) -> Bool {
    let line = pages[index]
    guard let last = line.content.last.map({ text[$0] }), !Array(".:;,".utf8).contains(last),
      line.words <= PageFurnitureLimits.besideNumberWords, !line.opensWithMarkup(in: text),
      let body = pages[(index + 1)...].firstIndex(where: { !$0.isBlank }), pages[body].page == line.page
    else { return false }
    // The body goes on in the next line; a byline or an affiliation under a title stands alone.
    guard pages[body].words > line.words, body + 1 < pages.count, !pages[body + 1].isBlank else {
      return false
    }
    return pages[body + 1].page == line.page
  }

  /// Whether a line holds a run of spaces as wide as a gutter, as a head with parts set flush
  /// left and flush right does in a layout dump; a title is set as one run of words.
  static func isSetApart(_ line: PageLine, text: [UInt8]) -> Bool {
    var spaces = 0
    for byte in text[line.content] {
      spaces = byte == 0x20 ? spaces + 1 : 0
      if spaces >= ColumnLimits.gutterSpaces { return true }
    }
    return false
  }

  /// Whether a head holds an ellipsis, as a title cut short for a running head does.
  static func isCut(_ key: [UInt8]) -> Bool {
    zip(key, key.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
      || zip(key, zip(key.dropFirst(), key.dropFirst(2))).contains {
        $0 == 0xE2 && $1.0 == 0x80 && $1.1 == 0xA6
      }
  }

  /// Whether the line ends with `footer` glued to something before it.
  static func ends(_ line: PageLine, with footer: [UInt8]) -> Bool {
    line.key.count > footer.count && line.key.suffix(footer.count).elementsEqual(footer)
  }

  /// The furniture of a hard-wrapped dump without form feeds, or nil where it does not read as
  /// pages.
  init?(unpaged: [PageLine], text: [UInt8]) {
    let nonBlank = unpaged.indices.filter { !unpaged[$0].isBlank }
    // `propose` has checked that the text is hard-wrapped (`wrappedShare`).
    guard nonBlank.count > 1 else { return nil }
    var occurrences: [HashedBytes: [Int]] = [:]
    for index in nonBlank where Self.mayBeFurniture(unpaged[index], text: text) {
      occurrences[HashedBytes(unpaged[index].key), default: []].append(index)
    }
    let recurring = occurrences.values.filter { copies in
      // The last page may be short.
      let gaps = zip(copies, copies.dropFirst()).map { $1 - $0 }
      return gaps.count >= 1
        && (gaps.count == 1 ? gaps : gaps.dropLast()).allSatisfy {
          $0 >= PageFurnitureLimits.pageLines
        }
    }
    // A running footer shows its page: its number counts up from copy to copy, by one, or by
    // two where odd and even pages have heads of their own.
    let counting = recurring.filter { copies in
      let numbers = copies.map { unpaged[$0].trailingNumber ?? unpaged[$0].leadingNumber }
      let steps = zip(numbers, numbers.dropFirst()).map { pair in
        pair.0.flatMap { first in pair.1.map { $0 - first } }
      }
      return steps.allSatisfy { $0 == 1 } || steps.allSatisfy { $0 == 2 }
    }
    let outerEdge = Self.outerEdgeNumbers(unpaged, nonBlank, text: text)
    let loneHead = Self.loneHead(unpaged, nonBlank, text: text)
    guard !counting.isEmpty || !outerEdge.isEmpty || loneHead != nil else { return nil }
    lines = Array(repeating: false, count: unpaged.count)
    if let loneHead { lines[loneHead] = true }
    // The numbered heads and footers mark where pages meet; a line that recurs is furniture
    // only where each copy stands at such a place, or at the text's start or end. Body text
    // that a text repeats stands anywhere.
    let anchors = Set(counting.joined()).union(outerEdge)
    let positions = Dictionary(uniqueKeysWithValues: nonBlank.enumerated().map { ($1, $0) })
    let anchorPositions = anchors.compactMap { positions[$0] }
    let atEdge = { (index: Int) -> Bool in
      guard let position = positions[index] else { return false }
      let reach = PageFurnitureLimits.zoneLines
      return position < reach || position >= nonBlank.count - reach
        || anchorPositions.contains { abs($0 - position) <= reach }
    }
    for copies in recurring where copies.allSatisfy(atEdge) {
      for index in copies { lines[index] = true }
    }
    for index in anchors { lines[index] = true }
    // A page number on a line of its own beside a running head or footer.
    for (position, index) in nonBlank.enumerated() where unpaged[index].isPageNumber {
      let neighbours = [position - 1, position + 1].filter { nonBlank.indices.contains($0) }.map {
        nonBlank[$0]
      }
      if neighbours.contains(where: { lines[$0] }) { lines[index] = true }
    }
  }

  /// The heads of two-sided pages, whose number stands at the outer edge: it ends a head on an
  /// odd page and opens one on an even page (`Authors 111`, `112 Journal`). Lines whose
  /// numbers count up by one, a page apart, alternating between the two sides; section
  /// headings (`1 Introduction`, `2 Methods`) keep theirs on one side.
  static func outerEdgeNumbers(_ lines: [PageLine], _ nonBlank: [Int], text: [UInt8]) -> [Int] {
    var chains: [[(index: Int, number: Int, leads: Bool)]] = []
    for index in nonBlank where mayBeFurniture(lines[index], text: text) {
      let line = lines[index]
      // A head may hold a year at its end beside the page number at its start.
      let numbers = [line.leadingNumber.map { ($0, true) }, line.trailingNumber.map { ($0, false) }]
        .compactMap { $0 }
      guard !numbers.isEmpty else { continue }
      var placed = false
      for number in numbers {
        let extended = chains.firstIndex { chain in
          guard let last = chain.last else { return false }
          return last.number + 1 == number.0 && last.leads != number.1
            && index - last.index >= PageFurnitureLimits.pageLines
        }
        if let extended {
          chains[extended].append((index, number.0, number.1))
          placed = true
          break
        }
      }
      if !placed {
        for number in numbers { chains.append([(index, number.0, number.1)]) }
      }
    }
    return chains.filter { $0.count >= 2 }.flatMap { $0.map(\.index) }
  }

  /// Short enough, and no clause or markdown: a line that may be a running head or footer.
  static func mayBeFurniture(_ line: PageLine, text: [UInt8]) -> Bool {
    !line.isBlank && line.key.count >= 2 && line.words <= PageFurnitureLimits.furnitureWords
      && !line.endsClause(in: text) && !line.opensWithMarkup(in: text)
  }

  /// The first and last non-blank lines of each page.
  static func zones(_ lines: [PageLine]) -> [(top: [Int], bottom: [Int])] {
    var pages: [[Int]] = Array(repeating: [], count: (lines.last?.page ?? 0) + 1)
    for (index, line) in lines.enumerated() where !line.isBlank { pages[line.page].append(index) }
    return pages.map {
      (Array($0.prefix(PageFurnitureLimits.zoneLines)), Array($0.suffix(PageFurnitureLimits.zoneLines)))
    }
  }

  /// The page number less the page's index, as most pages' numbered edge lines agree; for a
  /// single page, as its page number alone says.
  static func pageNumberOffset(_ lines: [PageLine], zones: [(top: [Int], bottom: [Int])]) -> Int? {
    var pagesByOffset: [Int: Set<Int>] = [:]
    for zone in zones {
      for index in zone.top + zone.bottom {
        let line = lines[index]
        for number in [line.leadingNumber, line.trailingNumber].compactMap({ $0 }) {
          pagesByOffset[number - line.page, default: []].insert(line.page)
        }
      }
    }
    let best = pagesByOffset.max { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }
    guard let best else { return nil }
    return best.value.count >= 2 || zones.count == 1 ? best.key : nil
  }

  /// A short line beside a page number at the top of a page, on the side away from the body.
  private mutating func markBesideNumber(_ top: [Int], _ lines: [PageLine], text: [UInt8]) {
    guard top.count >= 2 else { return }
    let beside: Int
    if lines[top[0]].isPageNumber {
      beside = top[1]
    } else if lines[top[1]].isPageNumber {
      beside = top[0]
    } else {
      return
    }
    if Self.mayBeFurniture(lines[beside], text: text) { self.lines[beside] = true }
  }

  /// Finds each page's last line of body text that ends with a footer of the other pages,
  /// or with the page's number, glued on.
  private mutating func markGlued(
    _ lines: [PageLine], zones: [(top: [Int], bottom: [Int])], footers: [[UInt8]], offset: Int?, text: [UInt8]
  ) {
    for zone in zones {
      guard let last = zone.bottom.last(where: { !self.lines[$0] }), zone.bottom.last == last else {
        continue
      }
      let line = lines[last]
      let glued = footers.first { Self.ends(line, with: $0) }
      if let glued,
        let start = Self.gluedStart(line, footer: glued, page: offset.map { line.page + $0 }, text: text)
      {
        self.glued[last] = start
      } else if let offset, let start = Self.gluedNumber(line, page: line.page + offset, text: text) {
        self.glued[last] = start
      }
    }
  }

  /// Where `footer` starts in a line it was glued to: right after a letter, and where the
  /// footer has no words, at the page's own number.
  private static func gluedStart(_ line: PageLine, footer: [UInt8], page: Int?, text: [UInt8]) -> Int? {
    let start = line.keyOffset(line.key.count - footer.count, in: text)
    guard start > line.content.lowerBound, text[start - 1] != 0x20, text[start - 1] != 0x09 else {
      return nil
    }
    guard !footer.contains(where: { $0 >= 0x41 }) else { return start }
    var end = start
    while end < line.content.upperBound, PageLine.isDigit(text[end]) { end += 1 }
    guard let page, end - start <= PageFurnitureLimits.pageNumberDigits else { return nil }
    return text[start..<end].reduce(0, { $0 * 10 + Int($1 - 0x30) }) == page ? start : nil
  }

  /// Where the page's number starts when it is glued to the end of a word (`Wirklich158`).
  private static func gluedNumber(_ line: PageLine, page: Int, text: [UInt8]) -> Int? {
    guard line.key.count >= 2, line.key.last == UInt8(ascii: "#"), line.trailingNumber == nil,
      line.key[line.key.count - 2] >= 0x41
    else { return nil }
    let start = line.keyOffset(line.key.count - 1, in: text)
    let digits = text[start..<line.content.upperBound]
    guard digits.count <= PageFurnitureLimits.pageNumberDigits else { return nil }
    return digits.reduce(0, { $0 * 10 + Int($1 - 0x30) }) == page ? start : nil
  }
}
