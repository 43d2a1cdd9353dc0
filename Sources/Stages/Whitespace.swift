import Pipeline

/// Tidies the spaces inside each line.
///
/// Finds runs of spaces, tabs, no-break and other Unicode spaces. At the start of a line they
/// go (indentation); at its end they go (trailing spaces); inside it, a run becomes one space.
public struct Whitespace: Stage {
  public let id = "whitespace"
  public let version = 1

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    var edits: [TextEdit] = []
    let mayStartSpace = Self.mayStartSpace
    text.withUnsafeBufferPointer { text in
      var index = 0
      var lineStart = true
      let count = text.count
      while index < count {
        let skip = Self.bytesToSkip(text, at: index, lineStart: lineStart)
        if skip > 0 {
          index += skip
          lineStart = false
          continue
        }
        let byte = text[index]
        // Most bytes are letters, which neither start a space nor end a line.
        guard mayStartSpace.contains(byte) else {
          lineStart = false
          index += 1
          continue
        }
        if byte == 0x0A {
          lineStart = true
          index += 1
          continue
        }
        // A single space between words, the commonest case, needs no edit.
        if byte == 0x20, !lineStart, index + 1 < count, !mayStartSpace.contains(text[index + 1]),
          text[index + 1] != 0x0A
        {
          index += 1
          continue
        }
        let width = Self.spaceWidth(text, at: index)
        if width == 0 {
          lineStart = false
          index += 1
          continue
        }
        let start = index
        index += width
        var plain = width == 1 && byte == 0x20
        while index < count {
          let next = Self.spaceWidth(text, at: index)
          if next == 0 { break }
          plain = false
          index += next
        }
        if lineStart {
          edits.append(edit(start..<index, "", Rule("whitespace.indent", "indentation removed")))
        } else if index == count || text[index] == 0x0A {
          edits.append(edit(start..<index, "", Rule("whitespace.trailing", "trailing space removed")))
        } else if !plain {
          edits.append(
            edit(
              start..<index, " ",
              Rule("whitespace.run", "run of spaces, tabs or no-break spaces made one space")))
        }
      }
    }
    return Proposal(edits: edits)
  }

  /// How many bytes from `index` go by at once: inside a line, sixteen (with SSE2 on x86-64)
  /// or eight bytes of words and single spaces; otherwise the bytes before the first that may
  /// start a space or end a line.
  @inline(__always)
  static func bytesToSkip(_ text: UnsafeBufferPointer<UInt8>, at index: Int, lineStart: Bool) -> Int {
    #if arch(x86_64)
      if let block = ByteBlock.load(text, at: index) {
        let wide = ByteBlock.or(
          ByteBlock.equal(block, 0xC2),
          ByteBlock.or(ByteBlock.equal(block, 0xE2), ByteBlock.equal(block, 0xE3)))
        let stops = ByteBlock.bits(ByteBlock.or(ByteBlock.below(block, 0x20), wide))
        let spaces = ByteBlock.bits(ByteBlock.equal(block, 0x20))
        if !lineStart, stops == 0, spaces & (spaces >> 1) == 0, spaces >> 15 == 0 { return 16 }
        return min((stops | spaces).trailingZeroBitCount, 16)
      }
    #endif
    guard let word = ByteWord.load(text, at: index) else { return 0 }
    if !lineStart, Self.isPlainWords(word) { return 8 }
    return Self.bytesBeforeSpace(word)
  }

  /// Whether eight bytes, read as a little-endian word, hold nothing that this stage edits:
  /// no control byte, no lead byte of a wide space (C2, E2, E3), no two spaces in a row, and
  /// no space last, whose next byte is not known.
  static func isPlainWords(_ word: UInt64) -> Bool {
    guard !ByteWord.containsBelow(word, 0x20), !ByteWord.contains(word, 0xC2), !ByteWord.contains(word, 0xE2),
      !ByteWord.contains(word, 0xE3)
    else { return false }
    let spaces = ByteWord.equalMask(word, 0x20)
    return spaces & (spaces >> 8) == 0 && spaces >> 56 == 0
  }

  /// How many bytes of eight, read as a little-endian word, come before the first that may
  /// start a space character or is a control byte (the line feed among them).
  static func bytesBeforeSpace(_ word: UInt64) -> Int {
    let stops =
      ByteWord.belowMask(word, 0x21) | ByteWord.equalMask(word, 0xC2) | ByteWord.equalMask(word, 0xE2)
      | ByteWord.equalMask(word, 0xE3)
    return stops.trailingZeroBitCount / 8
  }

  /// The bytes that may start a space character (and the line feed, which ends a line).
  private static let mayStartSpace = ByteTable([0x20, 0x09, 0x0B, 0x0A, 0xC2, 0xE2, 0xE3])

  /// The byte length of the space character at `index`, or 0 when there is none.
  static func spaceWidth(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = text[index]
    switch byte {
    case 0x20, 0x09, 0x0B:
      return 1
    case 0xC2:
      return index + 1 < text.count && text[index + 1] == 0xA0 ? 2 : 0
    case 0xE2, 0xE3:
      guard index + 2 < text.count else { return 0 }
      let second = text[index + 1]
      let third = text[index + 2]
      if byte == 0xE3 { return second == 0x80 && third == 0x80 ? 3 : 0 }  // U+3000
      if second == 0x80, (0x80...0x8A).contains(third) || third == 0xAF { return 3 }  // U+2000-200A, U+202F
      if second == 0x81, third == 0x9F { return 3 }  // U+205F
      return 0
    default:
      return 0
    }
  }

}
