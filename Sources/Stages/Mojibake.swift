import Pipeline

/// Repairs UTF-8 that was decoded as Windows-1252 or Latin-1 (`donâ€™t` → `don’t`).
///
/// Finds *units*: a character whose Windows-1252 (or Latin-1) byte is a UTF-8 lead byte,
/// followed by characters whose bytes are the continuation bytes it needs, so that the bytes
/// form one well-formed UTF-8 sequence that decodes to a character found in real text. A unit
/// of three or four bytes, or an `Ã`/`Â` unit, is strong evidence; other two-byte units (`Ð°`,
/// `Å‚`) are weak, since a capital letter before a closing quote can look like one. A line is
/// repaired when it holds a strong unit, or enough weak ones and little text that is not part
/// of a unit; adjacent units are decoded again while that still yields units, which undoes
/// text damaged twice. Correct text that merely looks odd (`Ã` in Portuguese, `â` in French,
/// a lone `€`) forms no unit and is left alone. A line that Windows-1252 does not explain is
/// tried against other code pages UTF-8 is misread as (Windows-1250, -1251, -1257, Latin-2,
/// Mac OS Roman, code page 437), and repaired only when the page explains every non-ASCII
/// character in it.
public struct Mojibake: Stage {
  public let id = "mojibake"
  public let version = 4

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    Proposal(edits: SettledEdits.edits(for: text, rounds: Self.maximumRounds, propose: edits(in:)))
  }

  /// How many times the stage repairs what its repairs made, at most: text damaged through
  /// two pages (`Г‚ВЈ` → `Â£` → `£`), or a character reference inside a sequence.
  static let maximumRounds = 4

  /// The repairs of one round over `text`.
  func edits(in text: [UInt8]) -> [TextEdit] {
    var lines: [(range: Range<Int>, units: [Unit], uncovered: Int)] = []
    var otherLines: [Range<Int>] = []
    var documentHasStrongUnit = false
    var lineStart = text.withUnsafeBufferPointer { UTF8Scan.asciiEnd(in: $0, from: 0) }
    guard lineStart < text.count else { return [] }
    // An ASCII line holds no unit: lines are taken from the first one that is not ASCII.
    lineStart = Self.lineStart(in: text, before: lineStart)
    while lineStart < text.count {
      let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: lineStart) ?? text.count
      let line = text[lineStart..<lineEnd]
      let found =
        Self.mayHoldUnit(line) ? Self.units(in: text, lineStart..<lineEnd) : (units: [], uncovered: 0)
      if !found.units.isEmpty {
        documentHasStrongUnit = documentHasStrongUnit || found.units.contains { $0.strong }
        lines.append((lineStart..<lineEnd, found.units, found.uncovered))
      } else if text.withUnsafeBufferPointer({
        UTF8Scan.asciiEnd(in: UnsafeBufferPointer(rebasing: $0[..<lineEnd]), from: lineStart)
      }) < lineEnd {
        otherLines.append(lineStart..<lineEnd)
      }
      lineStart = lineEnd + 1
    }
    var edits: [TextEdit] = []
    for line in lines {
      if Self.isDamaged(line.units, uncovered: line.uncovered, documentHasStrongUnit: documentHasStrongUnit) {
        // Characters that Windows-1252 leaves unexplained may be another page's, which then
        // explains the whole line (`×‘×”×•×“×˘×”`, Hebrew through Windows-1250).
        if line.uncovered > 0, let repaired = Self.otherPageRepair(text, line.range) {
          edits += repaired.edits
        } else {
          edits += runs(of: line.units, in: text)
        }
      } else {
        otherLines.append(line.range)
      }
    }
    // Another page's mojibake pairs non-ASCII characters, a lead and what follows it; a line
    // without two of them side by side has none.
    var documentPage: CodePage?
    var unrepaired: [Range<Int>] = []
    for line in otherLines.sorted(by: { $0.lowerBound < $1.lowerBound }) where Self.pairsNonASCII(text, line)
    {
      if let repaired = Self.otherPageRepair(text, line) {
        edits += repaired.edits
        documentPage = documentPage ?? repaired.page
      } else {
        unrepaired.append(line)
      }
    }
    // Once a page explains whole lines, it explains its units in the lines it does not wholly
    // explain too; otherwise removing what those lines have besides (a link's title) would
    // make them repairable only when the text is cleaned again.
    if let documentPage {
      for line in unrepaired {
        edits += documentPage.repair(text, line, lenient: true) ?? []
      }
    }
    edits.sort { $0.range.lowerBound < $1.range.lowerBound }
    let references = Self.referenceEdits(in: text)
    return Self.controlEdits(in: text, outside: edits) + edits + references
  }

  /// The first of `CodePage.others` that repairs `line` whole, and its edits.
  private static func otherPageRepair(_ text: [UInt8], _ line: Range<Int>) -> (
    page: CodePage, edits: [TextEdit]
  )? {
    for page in CodePage.others {
      if let edits = page.repairRepeatedly(text, line) { return (page, edits) }
    }
    return nil
  }

  /// Character references that stand for the second byte of a sequence (`Î&frac14;`, `Î¼`,
  /// which is `μ`), decoded so that the next round repairs the sequence: decoded later, by the
  /// markup stage, they would leave damage for the text cleaned again.
  static func referenceEdits(in text: [UInt8]) -> [TextEdit] {
    var edits: [TextEdit] = []
    var index = 2
    while let ampersand = ByteSearch.firstIndex(of: 0x26, in: text[...], from: index) {
      index = ampersand + 1
      guard text[ampersand - 2] == 0xC3, (0x82...0xB4).contains(text[ampersand - 1]),
        let reference = HTMLEntities.reference(in: text, at: ampersand, limit: text.count),
        let scalar = reference.text.unicodeScalars.first, reference.text.unicodeScalars.count == 1,
        (0x80...0xBF).contains(Windows1252.byte(for: scalar.value) ?? 0)
      else { continue }
      edits.append(
        TextEdit(
          range: ampersand..<reference.end, replacement: reference.text,
          rule: Rule("mojibake.reference", "character reference inside a misread sequence decoded")))
    }
    return edits
  }

  /// The start of the line that holds the byte at `offset`.
  static func lineStart(in text: [UInt8], before offset: Int) -> Int {
    (text[..<offset].lastIndex(of: 0x0A) ?? -1) + 1
  }

  /// Whether the lead's pairing with A0 is a common letter (`à`, `Š`, `Ơ`, `Р`, `נ`, `٠`), so
  /// that it and a no-break space may be mojibake.
  static func pairsWithNoBreakSpace(_ lead: UInt8) -> Bool {
    [0xC2, 0xC3, 0xC5, 0xC6, 0xD0, 0xD7, 0xD9].contains(lead)
  }

  /// Whether a line may hold a unit: a character that stands for a lead byte (U+00C2 to
  /// U+00F4, encoded C3 82 to C3 B4) followed at once by one that stands for a continuation
  /// byte (U+0080 to U+00BF, and Windows-1252's letters and punctuation there), a space, a `?`
  /// or U+FFFD. Clean text, even accented, seldom has such a pair, so one scan of its bytes
  /// spares it the search for units.
  static func mayHoldUnit(_ line: ArraySlice<UInt8>) -> Bool {
    var index = line.startIndex
    while let lead = ByteSearch.firstIndex(of: 0xC3, in: line, from: index) {
      index = lead + 1
      guard lead + 2 < line.endIndex, (0x82...0xB4).contains(line[lead + 1]) else { continue }
      let next = line[lead + 2]
      if Self.leadsContinuationCharacter(next) || next == 0xEF || next == 0x3F { return true }
      if next == 0x20, Self.mayTakeSpace(lead: line[lead + 1] + 0x40, after: line, lead + 3) { return true }
    }
    return false
  }

  /// Whether the character of `lead` and a space may be a unit: the space is the no-break
  /// space of a two-byte sequence (`Ã `), or a longer sequence's A0 with a character for a
  /// continuation byte at `next` (`â €`). French's `é ` and `à ` before a word are neither.
  static func mayTakeSpace(lead: UInt8, after line: ArraySlice<UInt8>, _ next: Int) -> Bool {
    guard !takesSpaceAsNoBreakSpace(lead) else { return true }
    guard lead >= 0xE0, next < line.endIndex else { return false }
    return leadsContinuationCharacter(line[next])
  }

  /// Whether `byte` leads the UTF-8 of a character that stands for a continuation byte:
  /// U+0080 to U+00BF, and Windows-1252's letters and punctuation there.
  static func leadsContinuationCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case 0xC2, 0xC5, 0xC6, 0xCB, 0xE2: true
    default: false
    }
  }

  /// Whether two non-ASCII characters stand side by side in `range`.
  static func pairsNonASCII(_ text: [UInt8], _ range: Range<Int>) -> Bool {
    var previousIsNonASCII = false
    for byte in text[range] where !UTF8Scan.isContinuation(byte) {
      let isNonASCII = byte >= 0x80
      if isNonASCII && previousIsNonASCII { return true }
      previousIsNonASCII = isNonASCII
    }
    return false
  }

  /// Windows-1252 text read as Latin-1 leaves C1 controls where its quotes, dashes and
  /// ellipses were (`parlé\u{85}` for `parlé…`). No author writes a C1 control, so each one
  /// that no repaired unit took up becomes its Windows-1252 character.
  static func controlEdits(in text: [UInt8], outside taken: [TextEdit]) -> [TextEdit] {
    var edits: [TextEdit] = []
    var takenIndex = 0
    var cursor = 0
    while cursor + 1 < text.count, let index = ByteSearch.firstIndex(of: 0xC2, in: text[...], from: cursor) {
      cursor = index + 1
      guard index + 1 < text.count, (0x80...0x9F).contains(text[index + 1]) else { continue }
      while takenIndex < taken.count, taken[takenIndex].range.upperBound <= index { takenIndex += 1 }
      if takenIndex < taken.count, taken[takenIndex].range.lowerBound <= index { continue }
      let scalar = Windows1252.scalar(for: text[index + 1])
      guard scalar > 0xFF else { continue }
      var replacement: [UInt8] = []
      Windows1252.appendUTF8(scalar, to: &replacement)
      edits.append(
        TextEdit(
          range: index..<index + 2, replacement: replacement, rule: Self.c1Control))
    }
    return edits
  }

  /// Decides from a line's units whether the line is mojibake: strong units must outnumber the
  /// non-ASCII characters that no unit explains, which speak for the line being text.
  static func isDamaged(_ units: [Unit], uncovered: Int, documentHasStrongUnit: Bool) -> Bool {
    let strong = units.filter(\.strong).count
    let weak = units.count - strong - units.filter(\.isIntermediate).count
    if strong > 0 { return strong + weak > uncovered || strong >= 2 }
    if weak >= 2 && uncovered <= weak { return true }
    return documentHasStrongUnit && uncovered == 0
  }

  /// Joins adjacent units into runs and proposes one edit per run.
  private func runs(of units: [Unit], in text: [UInt8]) -> [TextEdit] {
    var edits: [TextEdit] = []
    var index = 0
    while index < units.count {
      var end = index
      while end + 1 < units.count, units[end + 1].range.lowerBound == units[end].range.upperBound {
        end += 1
      }
      let range = units[index].range.lowerBound..<units[end].range.upperBound
      var repaired: [UInt8] = []
      repaired.reserveCapacity(4 * (end - index + 1))
      for unit in units[index...end] { repaired.append(contentsOf: unit.decoded) }
      var passes = 1
      while passes < 4, let again = Self.decodeAll(repaired) {
        repaired = again
        passes += 1
      }
      index = end + 1
      guard Self.isPlausible(repaired), !Self.isStrayLetter(repaired, at: range, in: text) else { continue }
      let latin1 = text[range].starts(with: [0xC2]) || Self.hasC1Control(text[range])
      let rule = passes > 1 ? Self.double : latin1 ? Self.latin1 : Self.windows1252
      edits.append(TextEdit(range: range, replacement: repaired, rule: rule))
    }
    return edits
  }

  private static let double = Rule("mojibake.double", "UTF-8 misread more than once, decoded again")
  private static let latin1 = Rule("mojibake.latin-1", "UTF-8 misread as Latin-1, decoded again")
  private static let windows1252 = Rule(
    "mojibake.windows-1252", "UTF-8 misread as Windows-1252, decoded again")
  private static let c1Control = Rule("mojibake.c1-control", "C1 control read as its Windows-1252 character")

  private static func hasC1Control(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      if bytes[index] == 0xC2, (0x80...0x9F).contains(bytes[index + 1]) { return true }
      index += 1
    }
    return false
  }

  /// Decodes a string that is wholly made of units once more, or returns nil when it is not.
  static func decodeAll(_ bytes: [UInt8]) -> [UInt8]? {
    // Most repairs are one character that no second decoding can take further.
    guard mayHoldUnit(bytes[...]) else { return nil }
    let found = units(in: bytes, 0..<bytes.count)
    guard !found.units.isEmpty, found.uncovered == 0 else { return nil }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var cursor = 0
    for unit in found.units {
      output += bytes[cursor..<unit.range.lowerBound]
      output += unit.decoded
      cursor = unit.range.upperBound
    }
    output += bytes[cursor...]
    return output
  }

  /// A span of characters that spells one UTF-8 sequence in Windows-1252 or Latin-1.
  struct Unit {
    var range: Range<Int>
    var decoded: CharacterBytes
    var strong: Bool
    /// Whether the unit decodes to a character that only a further pass can explain.
    var isIntermediate: Bool
  }

  /// Finds the units in `range`, and counts the non-ASCII characters outside them.
  static func units(in text: [UInt8], _ range: Range<Int>) -> (units: [Unit], uncovered: Int) {
    units(in: text, range, scalars: Self.scalars(in: text, range))
  }

  /// Finds the units in `range` from its characters that a unit may read (`scalars(in:_:)`).
  static func units(
    in text: [UInt8], _ range: Range<Int>, scalars: [(offset: Int, byte: UInt8?)]
  ) -> (units: [Unit], uncovered: Int) {
    // No capacity is reserved: a damaged line's units stay in memory until the document's
    // repairs are decided, and a guess for every line added a tenth to a big file's peak.
    var units: [Unit] = []
    var uncovered = 0
    var broken = 0
    var position = 0
    while position < scalars.count {
      // A character that stands for no byte (ASCII, a letter of another script, a byte that
      // starts nothing) starts no unit and is no C1 control or no-break space (those stand for
      // their bytes): it only counts as uncovered where it is not ASCII.
      guard scalars[position].byte != nil else {
        if text[scalars[position].offset] >= 0x80 { uncovered += 1 }
        position += 1
        continue
      }
      if let unit = unit(at: position, scalars, text, end: range.upperBound) {
        units.append(unit.unit)
        position += unit.count
        continue
      }
      if let lead = scalars[position].byte, (0xE0...0xF4).contains(lead), position + 1 < scalars.count,
        let next = scalars[position + 1].byte, (0x80...0xBF).contains(next)
      {
        broken += 1
      }
      // A C1 control is damage too (Windows-1252 read as Latin-1), not text against a repair.
      let offset = scalars[position].offset
      let isC1 = text[offset] == 0xC2 && offset + 1 < text.count && (0x80...0x9F).contains(text[offset + 1])
      // A no-break space is a space in the clean text, where it would count for nothing.
      let isNoBreakSpace = text[offset] == 0xC2 && offset + 1 < text.count && text[offset + 1] == 0xA0
      if text[offset] >= 0x80, !isC1, !isNoBreakSpace { uncovered += 1 }
      position += 1
    }
    // As many long sequences that start and then break off as ones that decode: the text was
    // changed after the damage (lowercased, say), and decoding the pieces that still decode
    // would only mix new garble into old.
    guard broken < 2 || broken < units.count else { return ([], uncovered) }
    return (units, uncovered)
  }

  /// The characters of `range` that a unit may read, each with the byte it stands for in
  /// Windows-1252 or Latin-1 (nil for ASCII and for characters that stand for none): those
  /// that are not ASCII, the ASCII character before each, and the `asciiRead` after it.
  ///
  /// A unit's lead is not ASCII, and it reads one character before the lead and at most
  /// `asciiRead` after it; ASCII further from every other character is read by nothing and
  /// counts for nothing. Most of a line is such text, stepped over sixteen bytes at a time.
  static func scalars(in text: [UInt8], _ range: Range<Int>) -> [(offset: Int, byte: UInt8?)] {
    var scalars: [(offset: Int, byte: UInt8?)] = []
    scalars.reserveCapacity(range.count)
    text.withUnsafeBufferPointer { buffer in
      let line = UnsafeBufferPointer(rebasing: buffer[..<range.upperBound])
      var index = range.lowerBound
      // The ASCII characters still to take after the last one that is not ASCII.
      var asciiLeft = 0
      while index < range.upperBound {
        if line[index] >= 0x80 {
          let length = UTF8Scan.sequenceLength(in: line, at: index) ?? 1
          scalars.append((index, length == 1 ? nil : Self.byte(text, at: index, length: length)))
          index += length
          asciiLeft = Self.asciiRead
        } else if asciiLeft > 0 {
          scalars.append((index, nil))
          index += 1
          asciiLeft -= 1
        } else {
          let next = UTF8Scan.asciiEnd(in: line, from: index)
          if next < range.upperBound { scalars.append((next - 1, nil)) }
          index = next
        }
      }
    }
    return scalars
  }

  /// How many characters after its lead a unit reads at most: a surrogate pair is six, the
  /// lead first, and the one after them ends its range.
  static let asciiRead = 6

  private static func unit(
    at position: Int, _ scalars: [(offset: Int, byte: UInt8?)], _ text: [UInt8], end: Int
  ) -> (unit: Unit, count: Int)? {
    guard let lead = scalars[position].byte, (0xC2...0xF4).contains(lead) else { return nil }
    if Self.takesSpaceAsNoBreakSpace(lead), position + 1 < scalars.count,
      text[scalars[position + 1].offset] == 0x20
    {
      return spaceUnit(lead: lead, at: position, scalars, text, end: end)
    }
    let needed = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3
    guard position + needed < scalars.count else { return nil }
    var bytes = CharacterBytes(lead)
    for next in 1...needed {
      let offset = scalars[position + next].offset
      if offset + 2 < text.count, text[offset] == 0xEF, text[offset + 1] == 0xBF, text[offset + 2] == 0xBD {
        // A byte lost to U+FFFD: the character cannot be had back, and the sequence stands
        // for one U+FFFD, not for the lead character and a U+FFFD.
        return lostUnit(at: position, lostAt: next, needed: needed, scalars, end: end, strong: true)
      }
      // A lossy decoder wrote `?` for a byte Windows-1252 leaves undefined (`â€?` for the 0x9D
      // of `”`): the character is lost too. Such a unit counts only in a line that other units
      // show damaged, and after a two-byte lead only with more mojibake right after it, since
      // `É?` ends many a question.
      if text[offset] == 0x3F, isExpectedContinuation(bytes, count: needed + 1) {
        let after = position + next + 1 < scalars.count ? text[scalars[position + next + 1].offset] : 0x20
        if needed >= 2 || after >= 0x80 {
          return lostUnit(at: position, lostAt: next, needed: needed, scalars, end: end, strong: false)
        }
      }
      // A byte A0 of a longer sequence may have become a space (`à¸ ` is `ภ`, `â €` is `⠀`) when
      // more mojibake follows at once: a continuation within the sequence, or a new one after it.
      let following = position + next + 1 < scalars.count ? scalars[position + next + 1] : nil
      let spaceForA0 =
        needed >= 2 && text[offset] == 0x20
        && (next == needed
          ? following.map { text[$0.offset] >= 0x80 } ?? false
          : following?.byte.map { (0x80...0xBF).contains($0) } ?? false)
      guard let byte = spaceForA0 ? 0xA0 : scalars[position + next].byte, (0x80...0xBF).contains(byte)
      else { return nil }
      bytes.append(byte)
    }
    // A capital before a no-break space (`SELKÄ\u{A0}`) is text; only leads whose A0 pairing is
    // a common letter (`à`, `Š`, `Ơ`, `Р`, `נ`, `٠`) are read as mojibake.
    if needed == 1, bytes[1] == 0xA0, !Self.pairsWithNoBreakSpace(lead) { return nil }
    if lead == 0xED, (0xA0...0xAF).contains(bytes[1]) {
      return surrogatePair(high: bytes, at: position, scalars, end: end)
    }
    guard UTF8Scan.sequenceLength(in: bytes, at: 0) == bytes.count else { return nil }
    let scalar = Self.scalar(of: bytes)
    // A C1 control or a spacing modifier is no answer by itself, but text damaged twice passes
    // through them (`ÑÂ\u{81}` is `Ñ\u{81}` is `с`), so such a unit may stand inside a run.
    let isIntermediate = !isPlausible(scalar) && (scalar < 0x100 || windows1252Byte(scalar) != nil)
    guard isIntermediate || isPlausible(scalar) else { return nil }
    let upper = position + needed + 1 < scalars.count ? scalars[position + needed + 1].offset : end
    let strong: Bool
    switch bytes.count {
    case 2:
      // A symbol glued to a letter inside a word (`LietuviÅ³`, `Ä°stanbul`) is no spelling; a
      // quote mark after a capital (`CAFÉ»`) may be.
      let before = position > 0 ? scalars[position - 1] : nil
      let afterOffset = position + 2 < scalars.count ? scalars[position + 2].offset : end
      let inWord =
        (before.map { $0.byte == nil && isLetter(text[$0.offset]) } ?? false)
        || (afterOffset < end && isLetter(text[afterOffset]))
      let endsWord = Self.endsLikeText(bytes[1], afterATilde: lead == 0xC3, in: text, at: upper, end: end)
      let gluedSymbol = inWord && Self.isSymbolByte(bytes[1]) && !endsWord
      strong = ((lead == 0xC2 || lead == 0xC3) && !isIntermediate && !endsWord) || gluedSymbol
    case 3:
      // `ï¿½` is U+FFFD misread, a sequence no text spells.
      strong = (0x1E00...0x2BFF).contains(scalar) || (0xFE00...0xFFEF).contains(scalar) || scalar == 0xFFFD
    default: strong = true
    }
    let unit = Unit(
      range: scalars[position].offset..<upper, decoded: bytes, strong: strong, isIntermediate: isIntermediate)
    return (unit, needed + 1)
  }

  /// Whether a space after the character of `lead` may be the no-break space A0 that completed
  /// it: `Â ` (C2 A0, the no-break space itself), `Ã ` (`à`), `Å ` (`Š`) and `Ð ` (`Р`). Other
  /// capitals before a space (`È necessario`) are text.
  static func takesSpaceAsNoBreakSpace(_ lead: UInt8) -> Bool {
    lead == 0xC2 || lead == 0xC3 || lead == 0xC5 || lead == 0xD0
  }

  /// A unit whose A0 byte became a space. `à` is a word of its own: of two spaces after it the
  /// first was the no-break space, and a single one is the space after the word, but in
  /// Portuguese contractions (`às`). `Š`, `Р` and the no-break space come before a word, so
  /// their one space was the A0 (`Å veices` is `Šveices`).
  private static func spaceUnit(
    lead: UInt8, at position: Int, _ scalars: [(offset: Int, byte: UInt8?)], _ text: [UInt8], end: Int
  ) -> (unit: Unit, count: Int)? {
    let spaceOffset = scalars[position + 1].offset
    let next = spaceOffset + 1 < end ? text[spaceOffset + 1] : 0x20
    let twoSpaces = next == 0x20
    let joins: Bool
    if lead == 0xC3 {
      joins = twoSpaces || isPortugueseContraction(text, after: spaceOffset + 1, end: end)
    } else {
      // A word-initial letter needs a word after it.
      guard !twoSpaces, next >= 0x80 || isLetter(next) else { return nil }
      joins = true
    }
    // After a lowercase letter or an apostrophe (`voilÃ `, `jusqu'Ã `) a capital is no spelling.
    let previous = position > 0 ? text[scalars[position - 1].offset] : 0x20
    let glued = (0x61...0x7A).contains(previous) || previous == 0x27
    let unitEnd = joins ? spaceOffset + 1 : spaceOffset
    let unit = Unit(
      range: scalars[position].offset..<unitEnd, decoded: CharacterBytes(lead, 0xA0), strong: glued,
      isIntermediate: false)
    return (unit, joins ? 2 : 1)
  }

  /// Whether the word at `start` is what follows `à` in a Portuguese contraction: `s`,
  /// `quele`, `quela`, `quilo` and their plurals.
  static func isPortugueseContraction(_ text: [UInt8], after start: Int, end: Int) -> Bool {
    var wordEnd = start
    while wordEnd < end, isLetter(text[wordEnd]) { wordEnd += 1 }
    // `à s'éloigner` is French: the word must end there.
    guard wordEnd == end || " ,.;:!?)".utf8.contains(text[wordEnd]) else { return false }
    let word = Array(text[start..<wordEnd])
    let tails: [[UInt8]] = ["s", "quele", "queles", "quela", "quelas", "quilo"].map { Array($0.utf8) }
    return tails.contains(word)
  }

  /// A unit that stands for one U+FFFD: the sequence from `position` lost the byte at
  /// `lostAt`, and the bytes it still needed after that one belong to it too.
  private static func lostUnit(
    at position: Int, lostAt: Int, needed: Int, _ scalars: [(offset: Int, byte: UInt8?)], end: Int,
    strong: Bool
  ) -> (unit: Unit, count: Int) {
    var count = lostAt + 1
    while count <= needed, position + count < scalars.count,
      let byte = scalars[position + count].byte, (0x80...0xBF).contains(byte)
    {
      count += 1
    }
    let upper = position + count < scalars.count ? scalars[position + count].offset : end
    let unit = Unit(
      range: scalars[position].offset..<upper, decoded: CharacterBytes(0xEF, 0xBF, 0xBD), strong: strong,
      isIntermediate: false)
    return (unit, count)
  }

  /// Whether the bytes so far begin a well-formed sequence of `count` bytes.
  private static func isExpectedContinuation(_ bytes: CharacterBytes, count: Int) -> Bool {
    var padded = bytes
    while padded.count < count { padded.append(0x80) }
    return UTF8Scan.sequenceLength(in: padded, at: 0) == count
  }

  /// CESU-8, UTF-8 that wrote an emoji as two encoded surrogates (`í\u{A0}½í¸\u{8D}`), read as
  /// Windows-1252: the six characters are one emoji.
  private static func surrogatePair(
    high: CharacterBytes, at position: Int, _ scalars: [(offset: Int, byte: UInt8?)], end: Int
  ) -> (unit: Unit, count: Int)? {
    guard position + 5 < scalars.count else { return nil }
    let low = scalars[(position + 3)...(position + 5)].compactMap(\.byte)
    guard low.count == 3, low[0] == 0xED, (0xB0...0xBF).contains(low[1]), (0x80...0xBF).contains(low[2])
    else {
      return nil
    }
    func unit<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> UInt32 where Bytes.Index == Int {
      UInt32(bytes[0] & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)
    }
    let scalar = 0x10000 + ((unit(high) - 0xD800) << 10) + (unit(low) - 0xDC00)
    let decoded = CharacterBytes(
      UInt8(0xF0 | (scalar >> 18)), UInt8(0x80 | ((scalar >> 12) & 0x3F)),
      UInt8(0x80 | ((scalar >> 6) & 0x3F)),
      UInt8(0x80 | (scalar & 0x3F)))
    let upper = position + 6 < scalars.count ? scalars[position + 6].offset : end
    return (
      Unit(range: scalars[position].offset..<upper, decoded: decoded, strong: true, isIntermediate: false), 6
    )
  }

  /// Whether a capital and the character of `byte` end a word as text does: a trademark sign
  /// (`IKEA™`, `AHÅ™`) or an apostrophe before a possessive `s` (`Ã’s`). `Ã` takes no trademark
  /// sign: `OÃ™` is `OÙ`.
  static func endsLikeText(_ byte: UInt8, afterATilde: Bool, in text: [UInt8], at next: Int, end: Int) -> Bool
  {
    let wordEnds = { (index: Int) in index >= end || !isLetter(text[index]) }
    switch byte {
    case 0x99: return !afterATilde && wordEnds(next)
    case 0x92: return next < end && text[next] == 0x73 && wordEnds(next + 1)
    default: return false
    }
  }

  /// Whether a continuation byte's Windows-1252 character is a symbol that never follows a
  /// letter inside a word: not a letter, a quote mark or a no-break space.
  static func isSymbolByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x80, 0x82, 0x83, 0x85...0x89, 0x95, 0x99, 0xA1...0xA9, 0xAC...0xB4, 0xB6...0xB9, 0xBC...0xBF:
      return true
    default:
      return false
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  /// The Windows-1252 or Latin-1 byte that the UTF-8 character at `index` stands for, if any.
  static func byte(_ text: [UInt8], at index: Int, length: Int) -> UInt8? {
    switch length {
    case 2:
      let scalar = UInt32(text[index] & 0x1F) << 6 | UInt32(text[index + 1] & 0x3F)
      if scalar < 0x100 { return UInt8(scalar) }
      return windows1252Byte(scalar)
    case 3:
      let scalar =
        UInt32(text[index] & 0x0F) << 12 | UInt32(text[index + 1] & 0x3F) << 6
        | UInt32(text[index + 2] & 0x3F)
      return windows1252Byte(scalar)
    default:
      return nil
    }
  }

  static func windows1252Byte(_ scalar: UInt32) -> UInt8? {
    scalar > 0xFF ? Windows1252.byte(for: scalar) : nil
  }

  private static func scalar(of bytes: CharacterBytes) -> UInt32 {
    switch bytes.count {
    case 2: return UInt32(bytes[0] & 0x1F) << 6 | UInt32(bytes[1] & 0x3F)
    case 3: return UInt32(bytes[0] & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)
    default:
      return UInt32(bytes[0] & 0x07) << 18 | UInt32(bytes[1] & 0x3F) << 12 | UInt32(bytes[2] & 0x3F) << 6
        | UInt32(bytes[3] & 0x3F)
    }
  }

  /// Whether a repair would give one rare letter glued to a Latin word: `MARQUÉ…` is not
  /// `MARQUɅ`, nor `SÓ…` `SӅ`, nor `L’é` `L՞`. A letter of another script stands in a word of
  /// its own script, so its mojibake comes with its neighbours, never alone beside ASCII.
  static func isStrayLetter(_ repaired: [UInt8], at range: Range<Int>, in text: [UInt8]) -> Bool {
    // One well-formed character, read off the bytes; its value settles most repairs (Latin
    // letters) before its properties are looked up.
    guard !repaired.isEmpty, UTF8Scan.sequenceLength(in: repaired, at: 0) == repaired.count else {
      return false
    }
    let scalar = UTF8Scan.scalar(in: repaired, at: 0).0
    guard isRareBesideLatin(scalar.value), ScalarProperties.isAlphabetic(scalar) else { return false }
    let before = range.lowerBound > 0 && isLetter(text[range.lowerBound - 1])
    let after = range.upperBound < text.count && isLetter(text[range.upperBound])
    return before || after
  }

  /// Letters that do not stand inside a word of Latin script: those of other scripts but
  /// Greek (`IL2Rγ`, `NF-κB`), and the rare Latin ones (`Ʌ`, `ſ`, `ĸ`, `ŉ`) outside the
  /// Romanian and Vietnamese letters, Latin Extended Additional and the `ﬁ` ligatures.
  static func isRareBesideLatin(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x138, 0x149, 0x17F: return true
    case 0..<0x180, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x218...0x21B: return false
    case 0x370...0x3FF, 0x1E00...0x1FFF, 0xFB00...0xFB06: return false
    default: return true
    }
  }

  /// Whether every character of repaired UTF-8 is one that real text uses.
  static func isPlausible(_ bytes: [UInt8]) -> Bool {
    // Read off the bytes: a byte that starts nothing reads as U+FFFD, as it would in a string,
    // and U+FFFD is plausible.
    var index = 0
    while index < bytes.count {
      let (scalar, length) = UTF8Scan.scalar(in: bytes, at: index)
      guard isPlausible(scalar.value) else { return false }
      index += length
    }
    return true
  }

  /// Whether a repaired character is one that real text uses.
  ///
  /// C1 controls, IPA letters, most spacing modifiers and private-use characters are what a
  /// chance pairing of an accented capital and a quote mark decodes to, not what authors write.
  static func isPlausible(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x80...0x9F, 0x250...0x2AF, 0xE000...0xF8FF, 0xFFF0...0xFFFC, 0xFFFE...0xFFFF:
      return false
    case 0x2B0...0x2FF:
      // The letter apostrophes, and the diacritics that stand alone in text (`˘ ˙ ˚ ˛ ˜ ˝`).
      return scalar == 0x2BB || scalar == 0x2BC || (0x2D8...0x2DD).contains(scalar)
    default:
      return true
    }
  }
}

/// The UTF-8 of one character, up to four bytes, kept inline: a unit is made for nearly every
/// character of a damaged line, and an array for each would be an allocation each.
struct CharacterBytes: RandomAccessCollection, Sendable {
  private var storage: UInt32 = 0
  private(set) var count = 0

  /// Bytes from the first.
  init(_ bytes: UInt8...) {
    for byte in bytes { append(byte) }
  }

  var startIndex: Int { 0 }
  var endIndex: Int { count }

  subscript(position: Int) -> UInt8 {
    precondition(position >= 0 && position < count, "index out of range")
    return UInt8(truncatingIfNeeded: storage >> (8 * UInt32(position)))
  }

  /// Adds a byte after the others; there is room for four.
  mutating func append(_ byte: UInt8) {
    precondition(count < 4, "a character has at most four bytes")
    storage |= UInt32(byte) << (8 * UInt32(count))
    count += 1
  }
}
