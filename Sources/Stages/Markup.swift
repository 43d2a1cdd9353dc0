import Pipeline

/// Removes markdown and HTML residue, keeping the words it wraps.
///
/// Finds heading and blockquote markers (`## `, `> `), horizontal rules, images (`![alt](src)`), links
/// (`[text](url)` → `text`), autolinks (`<https://…>`), backslash escapes (`US\$466` →
/// `US$466`), HTML character references (`&rsquo;`, `&#8217;`) and emphasis markers that pair
/// up around words (`*The Cradle*`, `**bold**`, `_word_`); removes the markup and decodes the
/// references. Markers that do not pair (`2 * 3`, `snake_case`, `__init__.py`) stay, and so
/// does a list marker at a line's start, which the layout stage turns into a bullet.
public struct Markup: Stage {
  public let id = "markup"
  public let version = 4

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    Proposal(edits: SettledEdits.edits(for: text, rounds: Self.maximumRounds, propose: edits(in:)))
  }

  /// How many times markup is stripped from what stripping it left, at most: removing an
  /// image can leave emphasis at a line's start, a heading's marker a rule (`##### ***`).
  static let maximumRounds = 4

  /// Where a link title that the line opens ends, when that is on one of the next lines
  /// (`](url "a title ⏎ more ⏎ ")`): the end of the line that starts with `")` or `')`.
  static func titleEnd(in text: [UInt8], _ line: Range<Int>) -> Int? {
    // Only a line that opens a link target has a title after it: most lines have no `](`,
    // and are spared the search for the ends of the lines after them.
    guard ByteSearch.firstOffset(of: linkTargetOpening, in: text[line]) != nil else { return nil }
    var end = line.upperBound
    for _ in 0..<titleLineSpan {
      guard end + 2 < text.count else { return nil }
      let next = end + 1
      end = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: next) ?? text.count
      guard (text[next] == 0x22 || text[next] == 0x27) && text[next + 1] == 0x29 else { continue }
      return end
    }
    return nil
  }

  private static let linkTargetOpening: [UInt8] = [0x5D, 0x28]

  /// Where a link target that the line leaves open ends (`](https://a.exam- ⏎ ple/b)`, an
  /// address hard-wrapped): the end of the next line, when its first space comes after a `)`.
  static func wrappedTargetEnd(in text: [UInt8], _ line: Range<Int>) -> Int? {
    // The last `(`, `)` or space of the line must be a `(` after a `]`: a target left open.
    guard let open = text[line].lastIndex(where: { $0 == 0x28 || $0 == 0x29 || $0 == 0x20 }),
      text[open] == 0x28, open > line.lowerBound, text[open - 1] == 0x5D, line.upperBound < text.count
    else { return nil }
    let next = line.upperBound + 1
    let end = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: next) ?? text.count
    guard let close = text[next..<end].firstIndex(of: 0x29), !text[next..<close].contains(0x20) else {
      return nil
    }
    return end
  }

  /// How many lines a link's title may go on for after the line that opens it.
  static let titleLineSpan = 3

  /// Whether a line goes on the paragraph of the line before it, rather than starting a list
  /// item, heading, quotation or table row of its own; a blank line before it is seen apart.
  static func continuesParagraph(_ line: ArraySlice<UInt8>) -> Bool {
    let start = line.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? line.endIndex
    guard start < line.endIndex else { return false }
    let rest = line[start...]
    switch rest[start] {
    case 0x23, 0x3E, 0x7C: return false
    case 0x2A, 0x2D, 0x2B: return rest.count < 2 || rest[start + 1] != 0x20
    case 0x30...0x39:
      let digits = rest.prefix { (0x30...0x39).contains($0) }
      let after = rest.dropFirst(digits.count)
      return !(after.first == 0x2E || after.first == 0x29)
    default: return true
    }
  }

  /// The edits of one round over `text`.
  func edits(in text: [UInt8]) -> [TextEdit] {
    var edits: [TextEdit] = []
    var lineStart = 0
    // A `[` left open at a line's end, and whether a blank line has come since: a link or
    // image whose text spans lines (`[Emacspeak At ⏎ Twenty](url)`) closes on a later one.
    // However far: the lines between may be joined by the later stages, never the brackets.
    var opener: (bracket: LineMarkup.Opener, crossedBlank: Bool)?
    // Emphasis may span the lines of a paragraph (`_a quote  ⏎ its source_`).
    var openEmphasis: [LineMarkup.Run] = []
    while lineStart < text.count {
      var lineEnd = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: lineStart) ?? text.count
      lineEnd =
        Self.titleEnd(in: text, lineStart..<lineEnd) ?? Self.wrappedTargetEnd(in: text, lineStart..<lineEnd)
        ?? lineEnd
      // The line is read in one segment, or in two around a link target that closes a link
      // opened on an earlier line; no array is made for them, as every line has them.
      var segment = lineStart..<lineEnd
      var after: Range<Int>?
      if let open = opener,
        let target = LineMarkup(text: text, line: lineStart..<lineEnd).closingTarget()
      {
        // An image's text goes with it, unless it spans paragraphs; a link's stays, and is
        // read for markup of its own.
        let wholeImage = open.bracket.isImage && !open.crossedBlank
        edits += open.bracket.edits(closedBy: target, whole: wholeImage)
        if wholeImage {
          segment = target.upperBound..<lineEnd
        } else {
          segment = lineStart..<target.lowerBound
          after = target.upperBound..<lineEnd
        }
        opener = nil
      }
      if !Self.continuesParagraph(text[lineStart..<lineEnd]) { openEmphasis = [] }
      read(segment, of: text, into: &edits, open: &openEmphasis, opener: &opener)
      if let after { read(after, of: text, into: &edits, open: &openEmphasis, opener: &opener) }
      let hasText = text[lineStart..<lineEnd].contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
      if !hasText {
        openEmphasis = []
        opener?.crossedBlank = true
      }
      lineStart = lineEnd + 1
    }
    return edits
  }

  /// Reads the markup of `segment` where it has a byte that may start some.
  private func read(
    _ segment: Range<Int>, of text: [UInt8], into edits: inout [TextEdit], open: inout [LineMarkup.Run],
    opener: inout (bracket: LineMarkup.Opener, crossedBlank: Bool)?
  ) {
    guard
      Self.triggers.firstIndex(in: text, segment) < segment.upperBound
        || Self.mayBeRuleOrSeparator(text[segment])
    else { return }
    let markup = LineMarkup(text: text, line: segment)
    edits += markup.edits(open: &open)
    if let bracket = markup.unclosedOpener() { opener = (bracket, false) }
  }

  /// The bytes that can start markup anywhere in a line: `# * _ [ < > & \`. (An image's `!`
  /// comes before a `[`.)
  static let triggers = ByteTable([0x23, 0x2A, 0x5F, 0x5B, 0x3C, 0x3E, 0x26, 0x5C])

  /// Whether a line without `triggers` may still be markup: a rule (`---`), a table's
  /// separator row (`|---|`, `:--`) or a list marker left alone (`-`), which all open with
  /// their first byte and have a `-`. Hyphens inside prose start nothing.
  static func mayBeRuleOrSeparator(_ line: ArraySlice<UInt8>) -> Bool {
    guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }),
      first == 0x2D || first == 0x7C || first == 0x3A
    else { return false }
    return line.contains(0x2D)
  }

  /// `---|---`, `|:--|--:|`: the row under a markdown table's header, of dashes, colons and
  /// bars.
  static func isTableSeparator(_ bytes: ArraySlice<UInt8>) -> Bool {
    var bars = 0
    var dashes = 0
    for byte in bytes {
      switch byte {
      case 0x7C: bars += 1
      case 0x2D: dashes += 1
      case 0x3A, 0x20, 0x09: continue
      default: return false
      }
    }
    return bars >= 1 && dashes >= 3
  }

  /// The bytes that start markup inside a line: `\ ! [ < & * _`.
  static let inlineTriggers = ByteTable([0x5C, 0x21, 0x5B, 0x3C, 0x26, 0x2A, 0x5F])
}

/// The rules of the markup edits that more than one place makes.
private enum Rules {
  static let image = Rule("markup.image", "markdown image removed")
  static let imageBrackets = Rule("markup.image", "image text kept, brackets removed")
  static let imageTarget = Rule("markup.image", "image target removed")
  static let linkBrackets = Rule("markup.link", "link text kept, brackets removed")
  static let linkTarget = Rule("markup.link", "link target removed")
}

/// The markup of one line.
private struct LineMarkup {
  let text: [UInt8]
  let line: Range<Int>

  /// A run of emphasis markers, and whether it may open or close emphasis.
  struct Run {
    var range: Range<Int>
    var marker: UInt8
    var canOpen: Bool
    var canClose: Bool
  }

  /// The line's edits; `open` holds the emphasis runs still open from the paragraph's earlier
  /// lines, and is left holding those still open after this one.
  func edits(open: inout [Run]) -> [TextEdit] {
    if isHorizontalRule() {
      return [edit(line, "", Rule("markup.rule", "horizontal rule removed"))]
    }
    if isTableSeparator() {
      return [edit(line, "", Rule("markup.table-separator", "table separator row removed"))]
    }
    var edits: [TextEdit] = []
    var index = line.lowerBound
    if let quote = quoteMarker() {
      // A heading or list marker inside the quotation is found once this one is gone.
      edits.append(edit(quote, "", Rule("markup.blockquote", "blockquote marker removed")))
      index = quote.upperBound
    } else if let heading = headingMarker() {
      edits.append(edit(heading, "", Rule("markup.heading", "heading marker removed")))
      index = heading.upperBound
    }
    var runs: [Run] = []
    // The targets of the links found so far, innermost last, which the scan steps over.
    var targets: [Range<Int>] = []
    while index < line.upperBound {
      if let target = targets.last, index >= target.lowerBound {
        index = max(index, target.upperBound)
        targets.removeLast()
        continue
      }
      let byte = text[index]
      switch byte {
      case 0x5C:
        // The whole run of backslashes before an escaped character goes: one alone would
        // leave an escape for the next run (`\\\$` → `\$` → `$`).
        var end = index
        while end < line.upperBound, text[end] == 0x5C { end += 1 }
        if end < line.upperBound, Self.isEscapable(text[end]) {
          edits.append(edit(index..<end, "", Rule("markup.escape", "backslash escape removed")))
          index = end + 1
        } else {
          index = end
        }
      case 0x21 where index + 1 < line.upperBound && text[index + 1] == 0x5B:
        if let link = link(at: index + 1) {
          // An image that is a list item's only content takes the item's marker with it.
          let whole = isOnlyMarker(before: index) && isBlank(from: link.end)
          edits.append(
            edit((whole ? line.lowerBound : index)..<link.end, "", Rules.image))
          index = link.end
        } else {
          index += 1
        }
      case 0x5B:
        if let link = link(at: index) {
          edits.append(edit(index..<index + 1, "", Rules.linkBrackets))
          edits.append(edit(link.textEnd..<link.end, "", Rules.linkTarget))
          // The link text may hold markup of its own (an image, emphasis); the target is skipped.
          targets.append(link.textEnd..<link.end)
          index += 1
        } else {
          index += 1
        }
      case 0x3C:
        if let end = autolinkEnd(at: index) {
          // The page showed the address as text: it stays, without its brackets.
          let isMail = text[(index + 1)...].starts(with: "mailto:".utf8)
          edits.append(
            edit(index..<index + (isMail ? 8 : 1), "", Rule("markup.autolink", "autolink brackets removed")))
          edits.append(edit(end - 1..<end, "", Rule("markup.autolink", "autolink brackets removed")))
          index = end
        } else {
          index += 1
        }
      case 0x26:
        if let entity = entity(at: index) {
          edits.append(
            edit(index..<entity.end, entity.text, Rule("markup.entity", "HTML character reference decoded")))
          index = entity.end
        } else {
          index += 1
        }
      case 0x2A, 0x5F:
        var end = index
        while end < line.upperBound, text[end] == byte { end += 1 }
        runs.append(run(index..<end, marker: byte))
        index = end
      default:
        // Most bytes of a line start nothing; the next that may is found in one scan, up to
        // the next link target.
        let limit = targets.last?.lowerBound ?? line.upperBound
        index = index + 1 < limit ? Markup.inlineTriggers.firstIndex(in: text, (index + 1)..<limit) : limit
      }
    }
    edits += emphasis(runs, open: &open)
    if let marker = emptiedItemMarker(edits) {
      edits.append(
        edit(marker, "", Rule("markup.list-marker", "marker of a list item left with no text removed")))
    }
    return edits
  }

  /// The list marker that opens the line, where the edits leave nothing after it (`* [](url)`):
  /// alone, it would join the next paragraph.
  private func emptiedItemMarker(_ edits: [TextEdit]) -> Range<Int>? {
    var index = line.lowerBound
    while index < line.upperBound, Self.isSpace(text[index]) { index += 1 }
    let markerStart = index
    while index < line.upperBound, !Self.isSpace(text[index]) { index += 1 }
    guard isOnlyMarker(before: index), markerStart < index else { return nil }
    // A marker alone on its line (its item's text went to the next) would join that text.
    if isBlank(from: index) { return edits.isEmpty ? line : nil }
    guard !edits.contains(where: { $0.range.lowerBound < index }) else { return nil }
    var cursor = index
    for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      guard text[cursor..<max(cursor, edit.range.lowerBound)].allSatisfy(Self.isSpace),
        edit.replacement.isEmpty
      else { return nil }
      cursor = max(cursor, edit.range.upperBound)
    }
    guard cursor > index, isBlank(from: cursor) else { return nil }
    var end = index
    while end < line.upperBound, Self.isSpace(text[end]) { end += 1 }
    return line.lowerBound..<end
  }

  private func edit(_ range: Range<Int>, _ replacement: String, _ rule: Rule) -> TextEdit {
    TextEdit(range: range, replacement: replacement, rule: rule)
  }

  private func isHorizontalRule() -> Bool {
    var marker: UInt8?
    var count = 0
    for byte in text[line] {
      if byte == 0x20 || byte == 0x09 { continue }
      guard byte == 0x2D || byte == 0x2A || byte == 0x5F, marker == nil || marker == byte else {
        return false
      }
      marker = byte
      count += 1
    }
    return count >= 3
  }

  private func isTableSeparator() -> Bool { Markup.isTableSeparator(text[line]) }

  /// `#` to `######` and a space at the line's start (after any indentation).
  private func headingMarker() -> Range<Int>? {
    var index = line.lowerBound
    while index < line.upperBound, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
    let start = index
    while index < line.upperBound, text[index] == 0x23 { index += 1 }
    let level = index - start
    guard (1...6).contains(level), index < line.upperBound, text[index] == 0x20 else { return nil }
    return line.lowerBound..<index + 1
  }

  /// `> ` at the line's start (after any indentation), nested ones (`> > `) too, or a line
  /// that is only `>`: a blockquote's markers.
  private func quoteMarker() -> Range<Int>? {
    var index = line.lowerBound
    while index < line.upperBound, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
    guard index < line.upperBound, text[index] == 0x3E else { return nil }
    var end = index
    while end < line.upperBound, text[end] == 0x3E {
      end += 1
      guard end == line.upperBound || text[end] == 0x20 || text[end] == 0x09 else { return nil }
      while end < line.upperBound, text[end] == 0x20 || text[end] == 0x09 { end += 1 }
    }
    return line.lowerBound..<end
  }

  private static func isEscapable(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x21, 0x23, 0x24, 0x28, 0x29, 0x2A, 0x2B, 0x2D, 0x2E, 0x3C, 0x3E, 0x5B, 0x5D, 0x5F, 0x60, 0x7B,
      0x7C, 0x7D:
      return true
    default:
      return false
    }
  }

  /// A `[text](target)` or `[text](target "title")` starting at `open`, whose text may hold
  /// an image or another bracket pair: where the text ends and where the link ends.
  private func link(at open: Int) -> (textEnd: Int, end: Int)? {
    var depth = 0
    var index = open
    var close: Int?
    while index < line.upperBound, close == nil {
      switch text[index] {
      case 0x5B: depth += 1
      case 0x5D:
        depth -= 1
        if depth == 0 { close = index }
      default: break
      }
      index += 1
    }
    guard let close, close + 1 < line.upperBound, text[close + 1] == 0x28,
      let end = targetEnd(from: close + 2)
    else { return nil }
    return (close, end)
  }

  /// Whether the line before `index` is a list marker (`*`, `-`, `+`, `•`, `12.`) and spaces.
  private func isOnlyMarker(before index: Int) -> Bool {
    let head = text[line.lowerBound..<index].filter { $0 != 0x20 && $0 != 0x09 }
    guard !head.isEmpty else { return false }
    if head.count == 1, [0x2A, 0x2D, 0x2B].contains(head[head.startIndex]) { return true }
    if head.elementsEqual("•".utf8) { return true }
    return head.count <= 4 && head.last == 0x2E && head.dropLast().allSatisfy { (0x30...0x39).contains($0) }
      && head.count > 1
  }

  /// Whether the line from `index` on is spaces only.
  private func isBlank(from index: Int) -> Bool {
    text[index..<line.upperBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// A `[` (or `![`) that a line leaves open: no `]` follows it on the line.
  struct Opener {
    /// The `[`, or the `!` of an image.
    var offset: Int
    var isImage: Bool

    /// The edits that remove the brackets and the target `]( … )` of a link or image that a
    /// later line closes at `target`, or with `whole` all of it.
    func edits(closedBy target: Range<Int>, whole: Bool) -> [TextEdit] {
      if whole {
        return [TextEdit(range: offset..<target.upperBound, replacement: [], rule: Rules.image)]
      }
      return [
        TextEdit(
          range: offset..<(isImage ? offset + 2 : offset + 1), replacement: [],
          rule: isImage ? Rules.imageBrackets : Rules.linkBrackets),
        TextEdit(range: target, replacement: [], rule: isImage ? Rules.imageTarget : Rules.linkTarget),
      ]
    }
  }

  /// The last `[` of the line, where no `]` comes after it.
  func unclosedOpener() -> Opener? {
    guard let bracket = text[line].lastIndex(of: 0x5B), !text[bracket..<line.upperBound].contains(0x5D) else {
      return nil
    }
    guard bracket == line.lowerBound || text[bracket - 1] != 0x5C else { return nil }
    let isImage = bracket > line.lowerBound && text[bracket - 1] == 0x21
    return Opener(offset: isImage ? bracket - 1 : bracket, isImage: isImage)
  }

  /// The first `](target)` of the line, where no `[` comes before it: the end of a link
  /// or image whose text began on an earlier line.
  func closingTarget() -> Range<Int>? {
    var index = line.lowerBound
    while index + 1 < line.upperBound {
      switch text[index] {
      case 0x5B: return nil
      case 0x5D where text[index + 1] == 0x28:
        return targetEnd(from: index + 2).map { index..<$0 }
      default: index += 1
      }
    }
    return nil
  }

  /// The end (past its `)`) of a link target starting at `start`: an address without spaces,
  /// then perhaps a space and a title in double or single quotes.
  private func targetEnd(from start: Int) -> Int? {
    var index = start
    while index < line.upperBound, text[index] != 0x29, text[index] != 0x20 { index += 1 }
    guard index < line.upperBound else { return nil }
    if text[index] == 0x29 { return index + 1 }
    while index < line.upperBound, text[index] == 0x20 { index += 1 }
    guard index < line.upperBound, text[index] == 0x22 || text[index] == 0x27 else { return nil }
    let quote = text[index]
    index += 1
    while index + 1 < line.upperBound {
      if text[index] == quote, text[index + 1] == 0x29 { return index + 2 }
      index += 1
    }
    return nil
  }

  /// `<https://…>`, `<http://…>`, `<mailto:…>` or `<www.…>` starting at `open`.
  private func autolinkEnd(at open: Int) -> Int? {
    let rest = text[(open + 1)..<line.upperBound]
    let schemes = ["https://", "http://", "mailto:", "www."].map { Array($0.utf8) }
    guard schemes.contains(where: { rest.starts(with: $0) }),
      let close = rest.firstIndex(of: 0x3E), !text[open..<close].contains(0x20)
    else { return nil }
    return close + 1
  }

  /// `&name;`, `&#N;` or `&#xH;` starting at `ampersand`, with the text it stands for.
  private func entity(at ampersand: Int) -> (text: String, end: Int)? {
    HTMLEntities.reference(in: text, at: ampersand, limit: line.upperBound)
  }

  private func run(_ range: Range<Int>, marker: UInt8) -> Run {
    let before = range.lowerBound > line.lowerBound ? text[range.lowerBound - 1] : 0x20
    let after = range.upperBound < line.upperBound ? text[range.upperBound] : 0x20
    var pastPunctuation = range.upperBound
    while pastPunctuation < line.upperBound, Self.isClosingPunctuation(text[pastPunctuation]) {
      pastPunctuation += 1
    }
    let canOpen = Self.opensOutside(before) && !Self.isSpace(after) && range.upperBound < line.upperBound
    let closesBeforePunctuation =
      pastPunctuation > range.upperBound
      && (pastPunctuation == line.upperBound || Self.isSpace(text[pastPunctuation]))
    let closesBeforePossessive =
      (after == 0x27 || text[range.upperBound...].starts(with: "’".utf8))
      && range.upperBound < line.upperBound
    let canClose =
      !Self.isSpace(before) && range.lowerBound > line.lowerBound
      && (Self.isSpace(after) || closesBeforePunctuation || closesBeforePossessive)
    return Run(range: range, marker: marker, canOpen: canOpen, canClose: canClose)
  }

  /// Pairs opening and closing runs of the same marker and removes the pairs.
  private func emphasis(_ runs: [Run], open: inout [Run]) -> [TextEdit] {
    var edits: [TextEdit] = []
    for run in runs {
      if run.canClose, let partner = open.lastIndex(where: { $0.marker == run.marker }) {
        edits.append(edit(open[partner].range, "", Rule("markup.emphasis", "emphasis marker removed")))
        edits.append(edit(run.range, "", Rule("markup.emphasis", "emphasis marker removed")))
        open.removeSubrange(partner...)
      } else if run.canOpen {
        open.append(run)
      }
    }
    return edits
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

  /// Whether a marker after `byte` may open: after a space, an opening bracket or quote, or
  /// another marker (`_**bold italic**_`).
  private static func opensOutside(_ byte: UInt8) -> Bool {
    isSpace(byte) || byte == 0x28 || byte == 0x5B || byte == 0x22 || byte == 0x27 || byte >= 0x80
      || byte == 0x2A || byte == 0x5F
  }

  private static func isClosingPunctuation(_ byte: UInt8) -> Bool {
    switch byte {
    // A marker closes before punctuation, or before another marker that closes.
    case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x22, 0x27, 0x2A, 0x5F: return true
    default: return byte >= 0x80
    }
  }
}
