import Pipeline

/// Restores punctuation that a lossy conversion turned into `?`.
///
/// A conversion to Latin-1 or ASCII "with replacement" writes `?` for every character it
/// cannot encode; curly quotes, apostrophes, dashes and bullets are the usual victims. First it
/// decides whether the document shows this damage at all, by counting question marks where an
/// author never puts one (between two letters, before a word, alone between spaces, as a list
/// marker). Only then is each `?` read from its context: `Iraq?s` → `Iraq’s`, `?Greater Syria?`
/// → `“Greater Syria”`, `Gulf ? no` → `Gulf – no` (a dash when a lowercase word follows, since
/// French spaces a genuine question mark), `? item` at a line's start → `• item`. A
/// question mark after a word, before a space or the line's end, stays, unless it closes a
/// quote this stage opened. A run such as `D??ish` has no single answer: it is reported as
/// unresolved and left as it is.
public struct LostPunctuation: Stage {
  public let id = "lost-punctuation"
  public let version = 1

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    guard ByteSearch.firstIndex(of: 0x3F, in: text[...], from: 0) != nil else { return Proposal() }
    let marks = Self.marks(in: text)
    guard Self.showsDamage(marks, text: text) else { return Proposal() }
    var edits: [TextEdit] = []
    var unresolved: [UnresolvedSpot] = []
    var quoteOpen = false
    var lastLine = -1
    for mark in marks {
      if mark.paragraph != lastLine {
        quoteOpen = false
        lastLine = mark.paragraph
      }
      if mark.runLength > 1 {
        if mark.isFirstOfRun, mark.next.isLetter || mark.previous.isLetter, mark.runLength < 4 {
          unresolved.append(
            UnresolvedSpot(
              range: mark.offset..<mark.offset + mark.runLength, rule: "\(id).ambiguous",
              reason: "\(mark.runLength) question marks in a word: no single character can be inferred"))
        }
        continue
      }
      guard let repair = Self.repair(for: mark, quoteOpen: quoteOpen) else { continue }
      // Two rules close a quote, under one id.
      if repair.rule.id == Repair.openQuote.id { quoteOpen = true }
      if repair.rule.id == Repair.closeQuote.id { quoteOpen = false }
      edits.append(
        TextEdit(range: mark.offset..<mark.offset + 1, replacement: repair.character, rule: repair.rule))
    }
    return Proposal(edits: edits, unresolved: unresolved)
  }

  /// What stands on either side of a question mark.
  enum Neighbour: Equatable {
    case lineEdge, space, letter, digit, openingBracket, closingPunctuation, other

    var isLetter: Bool { self == .letter }
    var isWordCharacter: Bool { self == .letter || self == .digit }
  }

  /// One `?` with its context.
  struct Mark {
    var offset: Int
    var previous: Neighbour
    var next: Neighbour
    /// The neighbour one further out, past a space that follows the mark.
    var afterSpaceIsLowercase: Bool
    var runLength: Int
    var isFirstOfRun: Bool
    var inLink: Bool
    /// Counts blank lines, so that a quote never stays open across paragraphs.
    var paragraph: Int
  }

  static func marks(in text: [UInt8]) -> [Mark] {
    var marks: [Mark] = []
    var paragraph = 0
    var index = 0
    while index < text.count {
      let byte = text[index]
      if byte == 0x0A, index + 1 < text.count, text[index + 1] == 0x0A { paragraph += 1 }
      guard byte == 0x3F else {
        index += 1
        continue
      }
      var end = index
      while end < text.count, text[end] == 0x3F { end += 1 }
      for offset in index..<end {
        marks.append(
          Mark(
            offset: offset, previous: neighbour(before: index, in: text),
            next: neighbour(after: end, in: text),
            afterSpaceIsLowercase: isLowercase(after: end + 1, in: text), runLength: end - index,
            isFirstOfRun: offset == index, inLink: isInLink(index, in: text), paragraph: paragraph))
      }
      index = end
    }
    return marks
  }

  /// Whether the document has question marks where an author never writes one.
  static func showsDamage(_ marks: [Mark], text: [UInt8]) -> Bool {
    var evidence = 0
    for mark in marks where mark.runLength == 1 && !mark.inLink {
      switch (mark.previous, mark.next) {
      case (.letter, .letter), (.space, .letter), (.lineEdge, .letter), (.space, .digit), (.lineEdge, .space):
        evidence += 1
      case (.space, .space) where mark.afterSpaceIsLowercase:
        evidence += 1
      default:
        continue
      }
    }
    if evidence >= 2 { return true }
    return evidence == 1 && !hasTypographicPunctuation(text)
  }

  /// The rules of the repairs, one for each character a lost `?` can stand for.
  enum Repair {
    static let apostrophe = Rule("lost-punctuation.apostrophe", "‘?’ inside a word stands for an apostrophe")
    static let range = Rule("lost-punctuation.range", "‘?’ between numbers stands for a dash")
    static let bullet = Rule("lost-punctuation.bullet", "‘?’ opening a list line stands for a bullet")
    static let dash = Rule("lost-punctuation.dash", "‘?’ alone between words stands for a dash")
    static let openQuote = Rule(
      "lost-punctuation.open-quote", "‘?’ before a word stands for an opening quote")
    static let closeQuote = Rule(
      "lost-punctuation.close-quote", "‘?’ after a quoted word stands for a closing quote")
    static let closeQuoteBeforeStop = Rule(
      "lost-punctuation.close-quote", "‘?’ before a comma or stop stands for a closing quote")
  }

  static func repair(for mark: Mark, quoteOpen: Bool) -> (character: String, rule: Rule)? {
    guard !mark.inLink else { return nil }
    switch (mark.previous, mark.next) {
    case (.letter, .letter), (.digit, .letter):
      return ("’", Repair.apostrophe)
    case (.digit, .digit):
      return ("–", Repair.range)
    case (.lineEdge, .space):
      return ("•", Repair.bullet)
    case (.space, .space):
      // French sets a space before a genuine question mark; a new sentence follows it.
      guard mark.afterSpaceIsLowercase else { return nil }
      return ("–", Repair.dash)
    case (.lineEdge, .letter), (.space, .letter), (.space, .digit), (.openingBracket, .letter),
      (.lineEdge, .digit):
      return ("“", Repair.openQuote)
    case (.letter, _), (.digit, _), (.closingPunctuation, _):
      guard mark.next != .letter, mark.next != .digit else { return nil }
      if quoteOpen {
        return ("”", Repair.closeQuote)
      }
      if mark.next == .closingPunctuation {
        return ("”", Repair.closeQuoteBeforeStop)
      }
      return nil
    default:
      return nil
    }
  }

  static func neighbour(before index: Int, in text: [UInt8]) -> Neighbour {
    guard index > 0 else { return .lineEdge }
    var start = index - 1
    while start > 0, UTF8Scan.isContinuation(text[start]) { start -= 1 }
    return classify(text, at: start)
  }

  static func neighbour(after index: Int, in text: [UInt8]) -> Neighbour {
    guard index < text.count else { return .lineEdge }
    return classify(text, at: index)
  }

  private static func classify(_ text: [UInt8], at index: Int) -> Neighbour {
    let byte = text[index]
    switch byte {
    case 0x0A, 0x0D: return .lineEdge
    case 0x20, 0x09: return .space
    case 0x30...0x39: return .digit
    case 0x28, 0x5B, 0x7B: return .openingBracket
    case 0x2C, 0x2E, 0x3B, 0x3A, 0x29, 0x5D, 0x21: return .closingPunctuation
    case 0x41...0x5A, 0x61...0x7A: return .letter
    case ..<0x80: return .other
    default:
      guard let scalar = scalar(text, at: index) else { return .other }
      if ScalarProperties.isAlphabetic(scalar) { return .letter }
      if ScalarProperties.isWhitespace(scalar) { return .space }
      return .other
    }
  }

  private static func scalar(_ text: [UInt8], at index: Int) -> Unicode.Scalar? {
    guard let length = UTF8Scan.sequenceLength(in: text, at: index) else { return nil }
    var decoder = UTF8()
    var iterator = text[index..<index + length].makeIterator()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
    return nil
  }

  /// Whether the text at `index` goes on with the sentence: a lowercase letter, a digit, or a
  /// path or parenthesis; not a capital, which starts a new sentence.
  private static func isLowercase(after index: Int, in text: [UInt8]) -> Bool {
    guard index < text.count, let scalar = scalar(text, at: index) else { return false }
    return ScalarProperties.isLowercase(scalar) || (0x30...0x39).contains(text[index]) || text[index] == 0x2F
      || text[index] == 0x28
  }

  /// Whether the `?` at `index` is part of a URL or a query string, where it is genuine.
  static func isInLink(_ index: Int, in text: [UInt8]) -> Bool {
    var start = index
    while start > 0, !isSpace(text[start - 1]) { start -= 1 }
    var end = index
    while end < text.count, !isSpace(text[end]) { end += 1 }
    let token = text[start..<end]
    return token.contains(0x3D) || token.contains(0x2F) || token.starts(with: Array("www.".utf8))
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 }

  /// Whether the text already has curly quotes, dashes or bullets, which a lossy conversion
  /// would have destroyed everywhere.
  static func hasTypographicPunctuation(_ text: [UInt8]) -> Bool {
    var index = 0
    while index + 2 < text.count {
      if text[index] == 0xE2, text[index + 1] == 0x80, (0x93...0xA2).contains(text[index + 2]) { return true }
      index += 1
    }
    return false
  }
}
