import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The numbers that decide where a title ends, in one place.
enum ReflowLimits {
  /// Words a title has at most: titles of the dev sets have 1 to 9.
  static let titleWords = 12
  /// Words of a title's second line, at most, where a large title wraps its last words.
  static let titleWrapWords = 4
  /// Width from which a line that stops at a comma goes on to the next line.
  static let commaContinues = 40
  /// ASCII words a text's hyphenated line ends may look for by reading the text, rather than
  /// gathering its words into a set: a read costs about a quarter of the gathering (on the
  /// mixed dev dumps of `bench/`, 830 reads took half the time of 400 gatherings), and each
  /// line end asks up to two words.
  static let wordReads = 4
}

/// Puts each paragraph on one line and each list item in a paragraph of its own.
///
/// Finds the line breaks that dumps put inside paragraphs: the hard wraps of PDF extractions
/// (lines of similar width, or a line that ends without sentence punctuation before one that
/// goes on in lowercase), paragraphs split in the middle of a sentence (`He did` / blank line /
/// `not, however`), and words hyphenated at a line's end. Joins them with a space, or with
/// nothing for a hyphenated word, and drops the hyphen only where the joined word occurs
/// elsewhere in the document (`exam-` / `ple`), keeping real compounds (`US-` / `trained`).
/// Separates lines that are paragraphs of their own (short lines, sentences one per line, list
/// items) with a blank line, and writes `•` for the list markers dumps use (`*`, `-`, `+`,
/// `·`, `▪`, `◦`). Removes and adds nothing but whitespace, line-end hyphens and list markers.
public struct Reflow: Stage {
  public let id = "reflow"
  public let version = 8
  /// The dictionaries that tell a word hyphenated at a line's end from a compound.
  public let spelling: Spelling

  public init(spelling: Spelling = .system) {
    self.spelling = spelling
  }

  public var configuration: String { "dictionaries=\(spelling.fingerprint)" }

  public func propose(for text: [UInt8]) -> Proposal {
    let lines = Self.lines(of: text)
    guard lines.count > 1 else { return Proposal(edits: bulletEdits(lines, text) + droppedHyphens(in: text)) }
    var edits = bulletEdits(lines, text)
    var lexicon = Lexicon(spelling: spelling)
    var blockStart = 0
    // The paragraph the last block ends with, when it was joined across to this block.
    var carried: Paragraph?
    while blockStart < lines.count {
      var blockEnd = blockStart
      while blockEnd + 1 < lines.count,
        lines[blockEnd + 1].range.lowerBound == lines[blockEnd].range.upperBound + 1
      {
        blockEnd += 1
      }
      let width = lines[blockStart...blockEnd].map(\.width).max() ?? 0
      // The paragraph that ends the block, as it will stand once its lines are joined: the
      // decision across the blank line must not change when the text is cleaned again.
      var paragraphStart = blockStart
      let title = blockStart == 0 ? titleBreaks(lines[0...blockEnd], text: text) : []
      for index in blockStart..<blockEnd {
        if index < title.count {
          if Rules.separates(title[index].rule) { paragraphStart = index + 1 }
          edits.append(title[index])
          continue
        }
        var edit = joinWithin(
          lines[index], lines[index + 1], blockWidth: width, text: text, lexicon: &lexicon)
        // A line made a paragraph of its own is judged across a blank line when cleaned
        // again; where that judgement joins, it joins now.
        if Rules.separates(edit.rule), !lines[index + 1].isItem,
          let across = joinAcross(
            paragraph(lines[paragraphStart...index], after: paragraphStart == blockStart ? carried : nil),
            lines[index + 1], text: text, lexicon: &lexicon)
        {
          edit = across
        }
        if Rules.separates(edit.rule) { paragraphStart = index + 1 }
        edits.append(edit)
      }
      let paragraph = paragraph(
        lines[paragraphStart...blockEnd], after: paragraphStart == blockStart ? carried : nil)
      carried = nil
      if blockEnd + 1 < lines.count,
        let edit = joinAcross(paragraph, lines[blockEnd + 1], text: text, lexicon: &lexicon)
      {
        edits.append(edit)
        carried = paragraph
      }
      blockStart = blockEnd + 1
    }
    return Proposal(edits: edits + droppedHyphens(in: text))
  }

  /// Puts back the hyphen of a compound that an extractor dropped where it joined a word
  /// broken at a line's end (`DatenbankServer`), where the text spells the compound with its
  /// hyphen elsewhere (`Datenbank-Server`). Only at a capital inside a word: two lowercase
  /// halves (`email`, `e-mail`) may both be right.
  func droppedHyphens(in text: [UInt8]) -> [TextEdit] {
    text.withUnsafeBufferPointer { bytes in
      // Only a word with a capital after a lowercase letter inside it is looked up.
      var words: [(start: Int, end: Int, key: HashedBytes)] = []
      var looked = 0
      for hump in Self.humps(in: bytes) where hump >= looked {
        var run = hump
        while run > 0, Self.isWordByte(bytes[run - 1]) { run -= 1 }
        var end = hump
        while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
        looked = end
        // A word goes from the start of its run of letters, or from its second letter after
        // a hyphen (the second half of a compound is not looked up as a word of its own).
        let start = run > 0 && bytes[run - 1] == 0x2D ? run + 1 : run
        guard start < end, end == bytes.count || bytes[end] != 0x2D,
          (start + 1..<end).contains(where: { Self.isHump(bytes, at: $0) })
        else { continue }
        words.append(
          (start, end, HashedBytes(Self.lowered(UnsafeBufferPointer(rebasing: bytes[start..<end])))))
      }
      guard !words.isEmpty else { return [] }
      let compounds = Self.hyphenatedWords(in: bytes, spelling: Set(words.map(\.key)))
      var edits: [TextEdit] = []
      for word in words {
        guard let split = compounds[word.key], split > 0, word.start + split < word.end,
          Self.isHump(bytes, at: word.start + split)
        else { continue }
        let capital = word.start + split
        edits.append(
          TextEdit(
            range: capital..<capital + 1, replacement: "-" + String(UnicodeScalar(bytes[capital])),
            rule: Rules.compoundHyphen))
      }
      return edits
    }
  }

  /// The offsets of the ASCII capitals that follow an ASCII lowercase letter, in order; read
  /// sixteen bytes at a time with SSE2 on x86-64 and eight at a time in a 64-bit word, since
  /// most texts have few or none.
  static func humps(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    var humps: [Int] = []
    var index = 0
    // The high bit of byte 0 set when the byte before the word is a lowercase letter.
    var lowerBefore: UInt64 = 0
    #if arch(x86_64)
      // One bit a byte: whether the byte before the block is a lowercase letter, in bit 0.
      var before: UInt32 = 0
      while let block = ByteBlock.load(bytes, at: index) {
        let lower = ByteBlock.bits(ByteBlock.between(block, 0x60, 0x7B))
        var found = ByteBlock.bits(ByteBlock.between(block, 0x40, 0x5B)) & (lower << 1 | before)
        while found != 0 {
          humps.append(index + found.trailingZeroBitCount)
          found &= found - 1
        }
        before = lower >> 15
        index += 16
      }
      lowerBefore = UInt64(before) << 7
    #endif
    while let word = ByteWord.load(bytes, at: index) {
      let lower = ByteWord.between(word, 0x60, 0x7B)
      var found = ByteWord.between(word, 0x40, 0x5B) & (lower << 8 | lowerBefore)
      while found != 0 {
        humps.append(index + found.trailingZeroBitCount / 8)
        found &= found - 1
      }
      lowerBefore = lower >> 56
      index += 8
    }
    for offset in max(index, 1)..<max(bytes.count, 1) where isHump(bytes, at: offset) { humps.append(offset) }
    return humps
  }

  /// The words of two halves joined by a hyphen that, lowercased and without their hyphen,
  /// are among `keys`, with the length of the first half (the last such word's, where several
  /// spell one key).
  private static func hyphenatedWords(
    in bytes: UnsafeBufferPointer<UInt8>, spelling keys: Set<HashedBytes>
  ) -> [HashedBytes: Int] {
    var compounds: [HashedBytes: Int] = [:]
    guard let base = bytes.baseAddress else { return compounds }
    // Most hyphenated words are no key's length, and are not lowered into one.
    let lengths = Set(keys.map(\.bytes.count))
    var index = 0
    while index < bytes.count, let found = memchr(base + index, 0x2D, bytes.count - index) {
      let hyphen = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      index = hyphen + 1
      var start = hyphen
      while start > 0, Self.isWordByte(bytes[start - 1]) { start -= 1 }
      var end = hyphen + 1
      while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
      guard start < hyphen, end > hyphen + 1, start == 0 || bytes[start - 1] != 0x2D,
        end == bytes.count || bytes[end] != 0x2D, lengths.contains(end - start - 1)
      else { continue }
      let key = HashedBytes(Self.lowered(Array(bytes[start..<hyphen]) + bytes[hyphen + 1..<end]))
      if keys.contains(key) { compounds[key] = hyphen - start }
    }
    return compounds
  }

  /// Whether the byte at `index` is an ASCII capital after an ASCII lowercase letter.
  private static func isHump(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    (0x41...0x5A).contains(bytes[index]) && (0x61...0x7A).contains(bytes[index - 1])
  }

  private static func lowered<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    bytes.map(lowerASCII)
  }

  /// `byte` lowered where it is an ASCII capital.
  private static func lowerASCII(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
  }

  /// The breaks after a text's title, where its first lines are a title set on top of the
  /// body with no blank line, as PDF extractors leave it: a first line that ends no sentence,
  /// of a few words, before a capital; and a second line of a word or a few, shorter than the
  /// first and than the body's first line, that a large title's last words wrap to. The title
  /// becomes one paragraph of its own.
  private func titleBreaks(_ block: ArraySlice<Line>, text: [UInt8]) -> [TextEdit] {
    let lines = Array(block)
    // Where the script has no capitals, a title is known by being short beside the body.
    guard lines.count >= 2, Self.mayBeTitle(lines[0], text: text),
      Self.startsCapital(lines[1]) || (lines[1].startsCaseless && lines[0].width * 2 <= lines[1].width)
    else { return [] }
    let separate = { (line: Line) in
      TextEdit(
        range: line.range.upperBound..<line.range.upperBound + 1, replacement: "\n\n",
        rule: Rules.separateTitle)
    }
    // The body follows in the same block (pdftotext), or after a blank line (pdfminer).
    let bodyFollows = lines.count == 2 || (lines[2].width > lines[1].width && Self.startsCapital(lines[2]))
    let wraps =
      bodyFollows && lines[1].width < lines[0].width
      && Self.words(in: text[lines[1].range]) <= ReflowLimits.titleWrapWords
      && Self.mayBeTitle(lines[1], text: text)
      // A label in capitals under a title in mixed case (`BACK TO BASICS`) starts the body.
      && !(Self.hasLowercase(text[lines[0].range]) && !Self.hasLowercase(text[lines[1].range])
        && Self.words(in: text[lines[1].range]) > 1)
    guard wraps else { return [separate(lines[0])] }
    let join = TextEdit(
      range: lines[0].range.upperBound..<lines[0].range.upperBound + 1, replacement: " ",
      rule: Rules.joinTitle)
    return lines.count == 2 ? [join] : [join, separate(lines[1])]
  }

  /// A line that may be a title: it ends no sentence or clause, and has a few words.
  private static func mayBeTitle(_ line: Line, text: [UInt8]) -> Bool {
    guard let last = text[line.range].last, !line.endsWithHyphen, line.listMarker == nil,
      !line.isNumberedItem,
      !Array(":;".utf8).contains(last)
    else { return false }
    // A title may close a bracket (`Chapter 2 (part 1)`); a sentence ends before the bracket.
    if line.endsSentence {
      let bytes = text[line.range]
      guard last == 0x29, bytes.count >= 2, !Array(".!?".utf8).contains(bytes[bytes.endIndex - 2]) else {
        return false
      }
    }
    // A long line that stops at a comma goes on (`joinAcross`).
    if last == 0x2C, line.width >= ReflowLimits.commaContinues { return false }
    return words(in: text[line.range]) <= ReflowLimits.titleWords
  }

  private static func startsCapital(_ line: Line) -> Bool {
    !line.startsLowercase && !line.startsCaseless && !line.startsWithNonLetter
  }

  private static func hasLowercase(_ bytes: ArraySlice<UInt8>) -> Bool {
    String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { $0.properties.isLowercase }
  }

  private static func words(in bytes: ArraySlice<UInt8>) -> Int {
    bytes.split(separator: 0x20).count
  }

  /// The paragraph of `lines`, joined to the one an earlier block ended with where the break
  /// between them was joined.
  private func paragraph(_ lines: ArraySlice<Line>, after carried: Paragraph?) -> Paragraph {
    let own = Paragraph(lines: lines)
    return carried.map { $0.joined(to: own) } ?? own
  }

  /// The rules of the stage's edits.
  enum Rules {
    static let separateTitle = Rule("reflow.separate", "title made a paragraph of its own")
    static let separateItem = Rule("reflow.separate", "list item made its own paragraph")
    static let separateLine = Rule("reflow.separate", "line made a paragraph of its own")
    static let joinWrap = Rule("reflow.join-wrap", "hard-wrapped line joined")
    static let joinTitle = Rule("reflow.join-title", "title set over two lines joined")
    static let joinSplit = Rule("reflow.join-split", "paragraph split mid-sentence joined")
    static let bullet = Rule("reflow.bullet", "list marker written as a bullet")
    static let compound = Rule(
      "reflow.compound", "compound broken after its hyphen joined, keeping the hyphen")
    static let compoundHyphen = Rule(
      "reflow.compound-hyphen", "hyphen of a compound put back, as the text spells it elsewhere")
    static let hyphenationInDictionary = Rule(
      "reflow.hyphenation", "word hyphenated at a line break joined: the dictionary has it")
    static let hyphenationInText = Rule(
      "reflow.hyphenation", "word hyphenated at a line break joined: the text has it elsewhere")

    /// Whether `rule` makes a paragraph break.
    static func separates(_ rule: Rule) -> Bool { rule.id == separateLine.id }
  }

  /// A non-blank line with what the decisions need to know of it.
  struct Line {
    var range: Range<Int>
    /// Its length in scalars.
    var width: Int
    var listMarker: Range<Int>?
    var isNumberedItem: Bool
    var endsSentence: Bool
    var endsWithHyphen: Bool
    var startsLowercase: Bool
    var startsCaseless: Bool
    /// Whether it starts with a digit or a symbol (`/etc`, `2004.`, `#4521`), not a letter.
    var startsWithNonLetter: Bool
    /// The length in scalars of its first word.
    var firstWordWidth: Int
    var isItem: Bool { listMarker != nil || isNumberedItem }
  }

  static func lines(of text: [UInt8]) -> [Line] {
    var lines: [Line] = []
    var start = 0
    while start < text.count {
      let end = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: start) ?? text.count
      if end > start { lines.append(line(start..<end, in: text)) }
      start = end + 1
    }
    return lines
  }

  private static func line(_ range: Range<Int>, in text: [UInt8]) -> Line {
    let width = text.withUnsafeBufferPointer {
      UTF8Scan.scalarCount(in: UnsafeBufferPointer(rebasing: $0[range]))
    }
    let last = lastScalar(in: text, range)
    let first = firstLetter(in: text, range)
    return Line(
      range: range, width: width, listMarker: listMarker(in: text, range),
      isNumberedItem: isNumberedItem(text, range),
      endsSentence: last.map(isSentenceEnd) ?? false,
      endsWithHyphen: text[range.upperBound - 1] == 0x2D && range.count > 1
        && isLetter(lastScalar(in: text, range.lowerBound..<range.upperBound - 1)),
      startsLowercase: first.map(isLowercase) ?? false,
      startsCaseless: first.map {
        !$0.isASCII && ScalarProperties.isAlphabetic($0) && !ScalarProperties.isCased($0)
      }
        ?? false,
      startsWithNonLetter: first.map { !isLetter($0) && !isOpener($0) } ?? false,
      firstWordWidth: firstWordWidth(in: text, range))
  }

  private static func firstWordWidth(in text: [UInt8], _ range: Range<Int>) -> Int {
    var width = 0
    for byte in text[range] {
      if byte == 0x20 { break }
      if !UTF8Scan.isContinuation(byte) { width += 1 }
    }
    return width
  }

  /// The marker of a bulleted list item: one of `• * - + · ▪ ◦ ‣` and a space.
  static func listMarker(in text: [UInt8], _ range: Range<Int>) -> Range<Int>? {
    // Most lines open with a byte that opens no marker.
    guard let first = range.first.map({ text[$0] }), listMarkerLeads.contains(first) else { return nil }
    for marker in listMarkers where text[range].starts(with: marker) {
      let end = range.lowerBound + marker.count
      guard end < range.upperBound, text[end] == 0x20 else { return nil }
      return range.lowerBound..<end
    }
    return nil
  }

  private static let listMarkers: [[UInt8]] = ["•", "*", "-", "+", "·", "▪", "◦", "‣"].map { Array($0.utf8) }
  private static let listMarkerLeads = ByteTable(listMarkers.compactMap(\.first))

  private static func isNumberedItem(_ text: [UInt8], _ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    while index < range.upperBound, (0x30...0x39).contains(text[index]) { index += 1 }
    guard index > range.lowerBound, index - range.lowerBound <= 3, index + 1 < range.upperBound else {
      return false
    }
    return (text[index] == 0x2E || text[index] == 0x29) && text[index + 1] == 0x20
  }

  private func bulletEdits(_ lines: [Line], _ text: [UInt8]) -> [TextEdit] {
    lines.compactMap { line in
      guard let marker = line.listMarker, !text[marker].elementsEqual("•".utf8) else { return nil }
      return TextEdit(
        range: marker, replacement: "•", rule: Rules.bullet)
    }
  }

  /// Decides the single line break between two lines of one block.
  private func joinWithin(
    _ line: Line, _ next: Line, blockWidth: Int, text: [UInt8], lexicon: inout Lexicon
  ) -> TextEdit {
    let newline = line.range.upperBound..<line.range.upperBound + 1
    // PDF lines are 40 to about 130 characters wide; longer lines are paragraphs of their own.
    // A line is wrapped when it is nearly full, or when the next line's first word would not
    // have fitted on it.
    let isPDFWidth = (40...130).contains(blockWidth)
    let isWrapped =
      isPDFWidth && (line.width * 10 >= blockWidth * 7 || line.width + 1 + next.firstWordWidth > blockWidth)
    if next.isItem || (line.isItem && !next.startsLowercase && !isWrapped) {
      return TextEdit(
        range: newline, replacement: "\n\n", rule: Rules.separateItem)
    }
    if line.endsWithHyphen, next.startsLowercase {
      return hyphenJoin(line, next, breakRange: newline, text: text, lexicon: &lexicon)
    }
    // A capital after a line-end hyphen starts the second word of a compound (`Datenbank-` /
    // `Server`): no word of one breaks there.
    if line.endsWithHyphen, !next.startsCaseless, !next.startsWithNonLetter {
      return TextEdit(
        range: newline, replacement: "", rule: Rules.compound)
    }
    if isWrapped || (!line.endsSentence && (next.startsLowercase || next.startsCaseless)) {
      return TextEdit(
        range: newline, replacement: " ", rule: Rules.joinWrap)
    }
    return TextEdit(
      range: newline, replacement: "\n\n", rule: Rules.separateLine
    )
  }

  /// The last paragraph of a block: its lines, which joining makes one.
  struct Paragraph {
    var first: Line
    var last: Line
    /// Its length in scalars once joined.
    var width: Int
    var range: Range<Int>

    init(lines: ArraySlice<Line>) {
      first = lines[lines.startIndex]
      last = lines[lines.endIndex - 1]
      width = lines.reduce(0) { $0 + $1.width } + lines.count - 1
      range = first.range.lowerBound..<last.range.upperBound
    }

    /// This paragraph and `next` as one, once the break between them is joined.
    func joined(to next: Paragraph) -> Paragraph {
      var result = self
      result.last = next.last
      result.width = width + 1 + next.width
      result.range = range.lowerBound..<next.range.upperBound
      return result
    }
  }

  /// Joins two blocks when the first stops in the middle of a sentence.
  private func joinAcross(
    _ paragraph: Paragraph, _ next: Line, text: [UInt8], lexicon: inout Lexicon
  ) -> TextEdit? {
    let line = paragraph.last
    guard !line.endsSentence, !next.isItem, !(paragraph.first.isItem && !next.startsLowercase) else {
      return nil
    }
    let gap = line.range.upperBound..<next.range.lowerBound
    if line.endsWithHyphen, next.startsLowercase {
      return hyphenJoin(line, next, breakRange: gap, text: text, lexicon: &lexicon)
    }
    // A long line that stops at a comma goes on, unless a quotation opens next (a letter's
    // salutation, a new speaker).
    let opensQuote = "\"'“‘«„".utf8.contains(text[next.range.lowerBound])
    let endsWithComma =
      text[line.range.upperBound - 1] == 0x2C && paragraph.width >= ReflowLimits.commaContinues && !opensQuote
    let continues =
      next.startsLowercase || endsWithComma
      || ((next.startsCaseless || next.startsWithNonLetter) && !isHeadingLike(paragraph, text: text))
    guard continues else { return nil }
    return TextEdit(
      range: gap, replacement: " ", rule: Rules.joinSplit)
  }

  /// A short line with no sentence in it, such as a subheading. Where letters have no case,
  /// only its length tells it from a paragraph that breaks off.
  private func isHeadingLike(_ paragraph: Paragraph, text: [UInt8]) -> Bool {
    paragraph.width < 60 && !text[paragraph.range].contains(0x2E) && !text[paragraph.range].contains(0x2C)
  }

  private func hyphenJoin(
    _ line: Line, _ next: Line, breakRange: Range<Int>, text: [UInt8], lexicon: inout Lexicon
  ) -> TextEdit {
    let head = Self.lastWord(in: text, before: line.range.upperBound - 1)
    let tail = Self.firstWord(in: text, from: next.range.lowerBound)
    let joined = Self.asciiLowercased(head + tail)
    let compound = lexicon.has(Self.asciiLowercased(head + "-" + tail), in: text)
    let hyphenation = { (rule: Rule) in
      TextEdit(range: line.range.upperBound - 1..<breakRange.upperBound, replacement: "", rule: rule)
    }
    if !compound, let language = lexicon.language(of: text),
      spelling.isWord(Array((head + tail).utf8), dictionary: language)
    {
      return hyphenation(Rules.hyphenationInDictionary)
    }
    if !compound, lexicon.has(joined, in: text) {
      return hyphenation(Rules.hyphenationInText)
    }
    return TextEdit(range: breakRange, replacement: "", rule: Rules.compound)
  }

  /// What the text says of its words, found the first time a hyphen asks.
  struct Lexicon {
    let spelling: Spelling
    private var known: Set<String>?
    private var dictionary: Int??
    /// How many words the text's line ends may ask at most (two each), counted at the first.
    private var asks: Int?

    init(spelling: Spelling) {
      self.spelling = spelling
    }

    /// Whether `word` (lowercased as `words(in:)` lowers) is one of the text's words: in a
    /// text with few hyphens at its line ends, ASCII words are looked for in the text itself;
    /// otherwise in its set of words, gathered once.
    mutating func has(_ word: String, in text: [UInt8]) -> Bool {
      if let known { return known.contains(word) }
      if asks == nil { asks = 2 * Reflow.hyphenatedLineEnds(in: text, upTo: ReflowLimits.wordReads) }
      if let asks, asks <= ReflowLimits.wordReads, word.utf8.allSatisfy({ $0 < 0x80 }) {
        return Reflow.hasWord(Array(word.utf8), in: text)
      }
      let words = Reflow.words(in: text)
      known = words
      return words.contains(word)
    }

    /// The dictionary of the text's language, if one is installed.
    mutating func language(of text: [UInt8]) -> Int? {
      if let dictionary { return dictionary }
      let found = spelling.language(of: Spelling.sample(text))
      dictionary = .some(found)
      return found
    }
  }

  /// Every word of the text, lowercased, including hyphenated compounds.
  ///
  /// Works on bytes: ASCII letters and every non-ASCII byte make words, so that no character
  /// has to be decoded; only ASCII is lowercased, which is what the look-ups need.
  static func words(in text: [UInt8]) -> Set<String> {
    var words: Set<String> = []
    // Each word is lowered here before it becomes a string, so that it costs one string.
    var lowered: [UInt8] = []
    _ = firstWordRun(in: text) { run in
      lowered.removeAll(keepingCapacity: true)
      for byte in run { lowered.append(lowerASCII(byte)) }
      let word = String(decoding: lowered, as: UTF8.self)
      words.insert(word)
      if word.utf8.contains(0x2D) {
        for part in word.split(separator: "-") { words.insert(String(part)) }
      }
      return false
    }
    return words
  }

  /// Whether some run of `text` that `words(in:)` takes for a word (word bytes and hyphens,
  /// opening with a word byte, without the hyphens that end it) satisfies `predicate`, the
  /// runs asked in order until one does.
  private static func firstWordRun(in text: [UInt8], where predicate: (ArraySlice<UInt8>) -> Bool) -> Bool {
    var index = 0
    while index < text.count {
      guard isWordByte(text[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < text.count, isWordByte(text[index]) || text[index] == 0x2D { index += 1 }
      var end = index
      while end > start, text[end - 1] == 0x2D { end -= 1 }
      if predicate(text[start..<end]) { return true }
    }
    return false
  }

  /// How many lines of `text` end in a hyphen, counted up to one past `limit`.
  static func hyphenatedLineEnds(in text: [UInt8], upTo limit: Int) -> Int {
    var count = 0
    var index = 0
    while count <= limit, let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: index) {
      if lineEnd > 0, text[lineEnd - 1] == 0x2D { count += 1 }
      index = lineEnd + 1
    }
    return count
  }

  /// Whether `word`, ASCII lowercased, is one of `words(in: text)`, read off the text without
  /// gathering its words.
  ///
  /// A string of ASCII is canonically equivalent to itself alone among the words a text can
  /// have (no character that decomposes to a lowercase ASCII letter or a hyphen), so bytes
  /// decide where the set would compare strings; a word with other bytes and a hyphen is cut
  /// at its hyphens as a string, as the set cuts it.
  static func hasWord(_ word: [UInt8], in text: [UInt8]) -> Bool {
    firstWordRun(in: text) { run in
      if run.allSatisfy({ $0 < 0x80 }) {
        return isLowered(run, word)
          || (run.contains(0x2D) && run.split(separator: 0x2D).contains(where: { isLowered($0, word) }))
      }
      guard run.contains(0x2D) else { return false }
      let runWord = String(decoding: lowered(run), as: UTF8.self)
      let target = String(decoding: word, as: UTF8.self)
      return runWord.split(separator: "-").contains(where: { $0 == target })
    }
  }

  /// Whether `bytes` with their ASCII letters lowered are `word`.
  private static func isLowered(_ bytes: ArraySlice<UInt8>, _ word: [UInt8]) -> Bool {
    bytes.count == word.count
      && zip(bytes, word).allSatisfy { lowerASCII($0) == $1 }
  }

  /// Lowercases ASCII letters only, as `words(in:)` does.
  static func asciiLowercased(_ text: String) -> String {
    String(decoding: lowered(text.utf8), as: UTF8.self)
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
  }

  private static func lastWord(in text: [UInt8], before end: Int) -> String {
    var start = end
    while start > 0, text[start - 1] != 0x20, text[start - 1] != 0x0A { start -= 1 }
    return String(
      String(decoding: text[start..<end], as: UTF8.self).reversed().prefix { $0.isLetter }.reversed())
  }

  private static func firstWord(in text: [UInt8], from start: Int) -> String {
    var end = start
    while end < text.count, text[end] != 0x20, text[end] != 0x0A { end += 1 }
    return String(String(decoding: text[start..<end], as: UTF8.self).prefix { $0.isLetter })
  }

  private static func lastScalar(in text: [UInt8], _ range: Range<Int>) -> Unicode.Scalar? {
    guard !range.isEmpty else { return nil }
    let line = text[range]
    return UTF8Scan.scalar(in: line, at: UTF8Scan.scalarStart(in: line, before: range.upperBound)).0
  }

  /// The first letter of a line, past opening quotes and brackets.
  private static func firstLetter(in text: [UInt8], _ range: Range<Int>) -> Unicode.Scalar? {
    let prefix = text[range.lowerBound..<min(range.upperBound, range.lowerBound + 16)]
    var index = prefix.startIndex
    while index < prefix.endIndex {
      let (scalar, length) = UTF8Scan.scalar(in: prefix, at: index)
      if !isOpener(scalar) { return scalar }
      index += length
    }
    return nil
  }

  /// Whether `scalar` opens a quotation or a parenthesis: `"`, `'`, `“`, `‘`, `«`, `„`, `(`,
  /// `[`, `¿` or `¡`.
  static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x22, 0x27, 0x28, 0x5B, 0xA1, 0xAB, 0xBF, 0x2018, 0x201C, 0x201E: true
    default: false
    }
  }

  /// Whether the scalar is a letter; ASCII is answered without Unicode's tables.
  private static func isLetter(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    guard scalar.isASCII else { return ScalarProperties.isAlphabetic(scalar) }
    return (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
  }

  private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? (0x61...0x7A).contains(scalar.value) : ScalarProperties.isLowercase(scalar)
  }

  static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value
      return value == 0x2E || value == 0x21 || value == 0x3F || value == 0x3A || value == 0x3B
        || value == 0x22
        || value == 0x29 || value == 0x5D || value == 0x27
    }
    switch scalar.value {
    // `…`, `”`, `’`, `»`, `。`, `！`, `？`, `؟`, `۔`, `।`, `॥`
    case 0xBB, 0x61F, 0x6D4, 0x964, 0x965, 0x2019, 0x201D, 0x2026, 0x3002, 0xFF01, 0xFF1F: return true
    default: return false
    }
  }
}
