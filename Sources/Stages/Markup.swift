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

  /// How many lines with text a link's text may span (an image, its caption).
  static let linkLineSpan = 4

  /// The edits of one round over `text`.
  func edits(in text: [UInt8]) -> [TextEdit] {
    var edits: [TextEdit] = []
    var lineStart = 0
    // A `[` that ends a line, and how many lines with text have come since: a link whose text
    // spans lines (`[` / image / `](target)`) ends on a later line.
    var opener: (offset: Int, lines: Int)?
    // Emphasis may span the lines of a paragraph (`_a quote  ⏎ its source_`).
    var openEmphasis: [LineMarkup.Run] = []
    var previousBlank = true
    while lineStart < text.count {
      let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: lineStart) ?? text.count
      var line = lineStart..<lineEnd
      if let open = opener, let target = LineMarkup(text: text, line: line, stage: id).leadingTarget() {
        edits.append(TextEdit(range: open.offset..<open.offset + 1, replacement: [], rule: "\(id).link", reason: "link text kept, brackets removed"))
        edits.append(TextEdit(range: target, replacement: [], rule: "\(id).link", reason: "link target removed"))
        opener = nil
        line = target.upperBound..<lineEnd
      }
      if !Self.continuesParagraph(text[lineStart..<lineEnd]) { openEmphasis = [] }
      if Self.triggers.firstIndex(in: text, line) < lineEnd {
        let markup = LineMarkup(text: text, line: line, stage: id)
        edits += markup.edits(open: &openEmphasis)
        if let open = markup.trailingOpener() { opener = (open, 0) }
      }
      if let open = opener, text[lineStart..<lineEnd].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
        opener = open.lines < Self.linkLineSpan ? (open.offset, open.lines + 1) : nil
      }
      previousBlank = !text[lineStart..<lineEnd].contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
      if previousBlank { openEmphasis = [] }
      lineStart = lineEnd + 1
    }
    return edits
  }

  /// The bytes that can start markup: `# * _ [ ! < > & \` and `-` (rules).
  static let triggers = ByteTable([0x23, 0x2A, 0x5F, 0x5B, 0x21, 0x3C, 0x3E, 0x26, 0x5C, 0x2D])

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

/// The markup of one line.
private struct LineMarkup {
  let text: [UInt8]
  let line: Range<Int>
  let stage: String

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
      return [edit(line, "", "rule", "horizontal rule removed")]
    }
    if isTableSeparator() {
      return [edit(line, "", "table-separator", "table separator row removed")]
    }
    var edits: [TextEdit] = []
    var index = line.lowerBound
    if let quote = quoteMarker() {
      // A heading or list marker inside the quotation is found once this one is gone.
      edits.append(edit(quote, "", "blockquote", "blockquote marker removed"))
      index = quote.upperBound
    } else if let heading = headingMarker() {
      edits.append(edit(heading, "", "heading", "heading marker removed"))
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
      case 0x5C where index + 1 < line.upperBound && Self.isEscapable(text[index + 1]):
        edits.append(edit(index..<index + 1, "", "escape", "backslash escape removed"))
        index += 2
      case 0x21 where index + 1 < line.upperBound && text[index + 1] == 0x5B:
        if let link = link(at: index + 1) {
          // An image that is a list item's only content takes the item's marker with it.
          let whole = isOnlyMarker(before: index) && isBlank(from: link.end)
          edits.append(edit((whole ? line.lowerBound : index)..<link.end, "", "image", "markdown image removed"))
          index = link.end
        } else {
          index += 1
        }
      case 0x5B:
        if let link = link(at: index) {
          edits.append(edit(index..<index + 1, "", "link", "link text kept, brackets removed"))
          edits.append(edit(link.textEnd..<link.end, "", "link", "link target removed"))
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
          edits.append(edit(index..<index + (isMail ? 8 : 1), "", "autolink", "autolink brackets removed"))
          edits.append(edit(end - 1..<end, "", "autolink", "autolink brackets removed"))
          index = end
        } else {
          index += 1
        }
      case 0x26:
        if let entity = entity(at: index) {
          edits.append(edit(index..<entity.end, entity.text, "entity", "HTML character reference decoded"))
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
    return edits
  }

  private func edit(_ range: Range<Int>, _ replacement: String, _ rule: String, _ reason: String) -> TextEdit
  {
    TextEdit(range: range, replacement: replacement, rule: "\(stage).\(rule)", reason: reason)
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

  /// The end (past its `)`) of a link target starting at `start`: an address without spaces,
  /// then perhaps a space and a title in double or single quotes.
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

  /// `](target)` at the line's start (after any indentation): the end of a link whose text
  /// began on an earlier line.
  func leadingTarget() -> Range<Int>? {
    var index = line.lowerBound
    while index < line.upperBound, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
    guard index + 1 < line.upperBound, text[index] == 0x5D, text[index + 1] == 0x28,
      let end = targetEnd(from: index + 2)
    else { return nil }
    return index..<end
  }

  /// The offset of a `[` that ends the line (before any spaces), unescaped.
  func trailingOpener() -> Int? {
    var index = line.upperBound
    while index > line.lowerBound, text[index - 1] == 0x20 || text[index - 1] == 0x09 { index -= 1 }
    guard index > line.lowerBound, text[index - 1] == 0x5B else { return nil }
    guard index - 1 == line.lowerBound || text[index - 2] != 0x5C else { return nil }
    return index - 1
  }

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
    let limit = min(line.upperBound, ampersand + 12)
    guard let semicolon = text[(ampersand + 1)..<limit].firstIndex(of: 0x3B), semicolon > ampersand + 1
    else { return nil }
    let body = String(decoding: text[(ampersand + 1)..<semicolon], as: UTF8.self)
    if body.hasPrefix("#") {
      let digits = body.dropFirst()
      let value =
        digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
      guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
      return (String(scalar), semicolon + 1)
    }
    guard let decoded = HTMLEntities.text(forName: body) else { return nil }
    return (decoded, semicolon + 1)
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
        edits.append(edit(open[partner].range, "", "emphasis", "emphasis marker removed"))
        edits.append(edit(run.range, "", "emphasis", "emphasis marker removed"))
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
