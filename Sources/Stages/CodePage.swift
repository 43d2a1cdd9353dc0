import Pipeline

/// A single-byte code page that UTF-8 is sometimes misread as, besides Windows-1252.
///
/// A class, though it never changes: the pages are handed about line by line, and a copy of
/// its tables and rules would retain each of them.
final class CodePage: Sendable {
  let name: String
  /// The scalars of bytes 0x80 to 0xFF; 0 where the page has none.
  let upper: [UInt32]
  private let bytes: [UInt32: UInt8]
  /// The rules of this page's repairs: made once, so that an edit builds no string.
  private let misread: Rule
  private let misreadRepeatedly: Rule
  private let misreadWithLostByte: Rule

  init(name: String, upper: [UInt32]) {
    self.name = name
    self.upper = upper
    misread = Rule("mojibake.other-code-page", "UTF-8 misread as \(name)")
    misreadRepeatedly = Rule("mojibake.other-code-page", "UTF-8 misread as \(name) more than once")
    misreadWithLostByte = Rule("mojibake.other-code-page", "UTF-8 misread as \(name), with a byte lost")
    var bytes: [UInt32: UInt8] = [:]
    for (offset, scalar) in upper.enumerated() {
      // A byte the page leaves undefined comes through as the C1 control of the same value,
      // as sloppy decoders write it.
      let value = scalar != 0 ? scalar : UInt32(0x80 + offset)
      bytes[value] = UInt8(0x80 + offset)
    }
    self.bytes = bytes
  }

  /// The pages tried, in this order, where Windows-1252 and Latin-1 explain nothing.
  static let others: [CodePage] = [windows1250, windows1251, windows1257, iso8859_2, macRoman, cp437]

  /// Repairs a line, then the repaired line again while the page still explains it: text
  /// damaged twice through the same page.
  func repairRepeatedly(_ text: [UInt8], _ line: Range<Int>) -> [TextEdit]? {
    guard let first = repair(text, line) else { return nil }
    var current = Array(text[line])
    var edits = first.map {
      TextEdit(
        range: ($0.range.lowerBound - line.lowerBound)..<($0.range.upperBound - line.lowerBound),
        replacement: $0.replacement, rule: $0.rule)
    }
    var passes = 1
    while true {
      current = Self.applying(edits, to: current)
      guard passes < 3, let again = repair(current, 0..<current.count) else { break }
      edits = again
      passes += 1
    }
    guard passes > 1 else { return first }
    let span = ChangedSpan(text[line], current).map { span in
      TextEdit(
        range: (line.lowerBound + span.old.lowerBound)..<(line.lowerBound + span.old.upperBound),
        replacement: Array(current[span.new]), rule: misreadRepeatedly)
    }
    return span.map { [$0] }
  }

  private static func applying(_ edits: [TextEdit], to text: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var cursor = 0
    for edit in edits {
      output += text[cursor..<edit.range.lowerBound]
      output += edit.replacement
      cursor = edit.range.upperBound
    }
    return output + text[cursor...]
  }

  /// The byte this page gives `scalar`, if it gives it one above ASCII.
  func byte(for scalar: UInt32) -> UInt8? { bytes[scalar] }

  /// Repairs a line that reads as UTF-8 misread as this page: every non-ASCII character of
  /// the line must belong to a repaired character, and there must be a three-byte character,
  /// two repaired characters, or one glued inside a word, so that chance is ruled out.
  ///
  /// A line of a document whose other lines this page explains wholly is repaired `lenient`ly:
  /// characters that no unit explains are left as they are (a title added to the page later).
  func repair(_ text: [UInt8], _ line: Range<Int>, lenient: Bool = false) -> [TextEdit]? {
    guard lenient || opensWithLead(text, line) else { return nil }
    let scalars = Self.scalars(text, line)
    var edits: [TextEdit] = []
    var sawLong = false
    var sawGlued = false
    var units = 0
    var sawNonLetter = false
    var position = 0
    while position < scalars.count {
      let value = scalars[position].value
      guard value >= 0x80 else {
        position += 1
        continue
      }
      guard let lead = byte(for: value), (0xC2...0xF4).contains(lead),
        position + (lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3) < scalars.count
      else {
        if lenient {
          position += 1
          continue
        }
        return nil
      }
      let needed = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3
      var sequence: [UInt8] = []
      sequence.reserveCapacity(needed + 1)
      sequence.append(lead)
      var lostAt: Int?
      var fromSpace = false
      for next in 1...needed {
        // A byte lost to U+FFFD (`Ă\u{FFFD}frica`): the sequence stands for one U+FFFD.
        if scalars[position + next].value == 0xFFFD {
          lostAt = next
          break
        }
        // A no-break space turned into a space, as in Windows-1252 (`Г l’ouest`, `Å iaip`,
        // `namedÂ „scars`).
        if needed == 1, scalars[position + next].value == 0x20, Mojibake.takesSpaceAsNoBreakSpace(lead) {
          sequence.append(0xA0)
          fromSpace = true
          break
        }
        guard let byte = byte(for: scalars[position + next].value), (0x80...0xBF).contains(byte) else {
          sequence.removeAll()
          break
        }
        sequence.append(byte)
      }
      if sequence.isEmpty {
        guard lenient else { return nil }
        position += 1
        continue
      }
      if let lostAt {
        let start = scalars[position].offset
        let after = position + lostAt + 1
        let end = after < scalars.count ? scalars[after].offset : line.upperBound
        edits.append(
          TextEdit(
            range: start..<end, replacement: [0xEF, 0xBF, 0xBD], rule: misreadWithLostByte))
        position = after
        continue
      }
      // A no-break space after a capital is text (`SELKÄ\u{A0}`, `NICIODATĂ\u{A0}`), but for
      // `Р`, D0 A0, which begins a good share of Russian words. (Mac OS Roman's A0 is `†`.)
      guard UTF8Scan.sequenceLength(in: sequence, at: 0) == sequence.count,
        Mojibake.isPlausible(sequence), !(sequence[0] == 0xC2 && sequence[1] < 0xA0),
        !(needed == 1 && scalars[position + 1].value == 0xA0 && lead != 0xD0)
      else { return nil }
      let start = scalars[position].offset
      // `à` is a word: the space after it stays. `Š` and `Р` begin one: their space was the A0.
      let keepsSpace = fromSpace && lead == 0xC3
      let consumed = keepsSpace ? needed : needed + 1
      let end = position + consumed < scalars.count ? scalars[position + consumed].offset : line.upperBound
      guard !Mojibake.isStrayLetter(sequence, at: start..<end, in: text) else { return nil }
      units += 1
      sawLong = sawLong || needed >= 2
      sawNonLetter =
        sawNonLetter || scalars[position...(position + needed)].contains { !Self.isLatin1Letter($0.value) }
      let endsWord =
        needed == 1
        && Mojibake.endsLikeText(sequence[1], afterATilde: false, in: text, at: end, end: line.upperBound)
      sawGlued = sawGlued || (isGlued(text, start, end, line) && !endsWord)
      if let last = edits.last, last.range.upperBound == start {
        edits[edits.count - 1] = TextEdit(
          range: last.range.lowerBound..<end, replacement: last.replacement + sequence, rule: last.rule)
      } else {
        edits.append(
          TextEdit(
            range: start..<end, replacement: sequence, rule: misread))
      }
      position += consumed
    }
    // Pairs of accented Latin letters and nothing else (`HÅØYA`) are text in some language;
    // mojibake through these pages shows a symbol, a mark or another script somewhere.
    guard !edits.isEmpty, sawLong || sawGlued || units >= 2, sawNonLetter else { return nil }
    return edits
  }

  /// Whether the line's first non-ASCII character stands for a lead byte in this page and the
  /// character after it for a continuation byte, or U+FFFD or a space: the page must explain
  /// every non-ASCII character, so most lines fail here, before any work.
  private func opensWithLead(_ text: [UInt8], _ line: Range<Int>) -> Bool {
    guard let start = text[line].firstIndex(where: { $0 >= 0x80 }) else { return false }
    // Two scalars read in place (U+FFFD where the bytes are not one), as the lines of every
    // text with two non-ASCII letters side by side are asked this of each page.
    let window = text[start..<min(start + 8, line.upperBound)]
    let (first, length) = UTF8Scan.scalar(in: window, at: start)
    guard let lead = byte(for: first.value), (0xC2...0xF4).contains(lead), start + length < window.endIndex
    else { return false }
    let second = UTF8Scan.scalar(in: window, at: start + length).0
    if second.value == 0xFFFD || second.value == 0x20 { return true }
    return byte(for: second.value).map { (0x80...0xBF).contains($0) } ?? false
  }

  /// Whether a scalar is a letter of Latin-1 (`À` to `ÿ` but `×` and `÷`).
  static func isLatin1Letter(_ value: UInt32) -> Bool {
    (0xC0...0xFF).contains(value) && value != 0xD7 && value != 0xF7
  }

  /// The scalars of `line` with the offset of each: the offsets of the bytes that are not
  /// continuation bytes, beside the scalars that decoding with repair reads.
  static func scalars(_ text: [UInt8], _ line: Range<Int>) -> [(offset: Int, value: UInt32)] {
    var scalars: [(offset: Int, value: UInt32)] = []
    scalars.reserveCapacity(line.count)
    var offset = line.lowerBound
    while offset < line.upperBound {
      let (scalar, length) = UTF8Scan.scalar(in: text[line], at: offset)
      // Bytes that are not UTF-8: the offsets and the repaired scalars are paired as they
      // fall, as they always were.
      guard length > 1 || scalar.isASCII else { return pairedAsTheyFall(text, line) }
      scalars.append((offset, scalar.value))
      offset += length
    }
    return scalars
  }

  private static func pairedAsTheyFall(_ text: [UInt8], _ line: Range<Int>) -> [(offset: Int, value: UInt32)]
  {
    Array(
      zip(
        line.filter { !UTF8Scan.isContinuation(text[$0]) },
        String(decoding: text[line], as: UTF8.self).unicodeScalars.map(\.value)))
  }

  /// Whether a repaired span sits between ASCII letters, inside a word.
  private func isGlued(_ text: [UInt8], _ start: Int, _ end: Int, _ line: Range<Int>) -> Bool {
    let isLetter = { (byte: UInt8) in (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    let before = start > line.lowerBound && isLetter(text[start - 1])
    let after = end < line.upperBound && isLetter(text[end])
    return before || after
  }
}
