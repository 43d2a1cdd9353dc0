import Pipeline

/// Undoes two things PDF text extractors add to text: typographic ligatures and bidi
/// embedding controls.
///
/// - The Latin ligatures U+FB00–U+FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) become the letters they join, as a
///   font draws them and as a reader searches for them.
/// - The embedding and isolate controls U+202A–U+202C and U+2066–U+2069, which pdftotext
///   writes around every run of right-to-left text and every left-to-right run inside one, go.
///   They say how to display the text; the text is written so that it displays as before
///   without them. Where a left-to-right run inside a right-to-left one starts or ends with
///   spaces or punctuation (`‪ .‬`, `‪) SMTP‬`), the embedding shows them on the run's far
///   side: they move there, and a bracket that moves turns to face the way it is read.
///   The overrides U+202D and U+202E, which reorder the letters themselves, stay.
public struct ExtractorCharacters: Stage {
  public let id = "extractor-characters"
  public let version = 2

  public init() {}

  /// The letters of U+FB00 + n.
  static let ligatures = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"]

  /// The offset of the first 0xEF or 0xE2 byte (the leads of the characters this stage
  /// reads) at or after `start`, or the end of `text`; read eight bytes at a time.
  static func nextLead(in text: [UInt8], from start: Int) -> Int {
    text.withUnsafeBufferPointer { bytes in
      var index = start
      while let word = ByteWord.load(bytes, at: index) {
        let leads = ByteWord.equalMask(word, 0xEF) | ByteWord.equalMask(word, 0xE2)
        if leads != 0 { return index + leads.trailingZeroBitCount / 8 }
        index += 8
      }
      while index < bytes.count, bytes[index] != 0xEF, bytes[index] != 0xE2 { index += 1 }
      return index
    }
  }

  public func propose(for text: [UInt8]) -> Proposal {
    var edits: [TextEdit] = []
    var index = 0
    let count = text.count
    // The embeddings open on the current line, by the last byte of their control.
    var open: [UInt8] = []
    while index + 2 < count {
      let lead = text[index]
      if lead == 0x0A, !open.isEmpty { open.removeAll() }
      guard lead == 0xEF || lead == 0xE2 else {
        // With no embedding open, a line feed changes nothing: skip to the next lead byte.
        index = open.isEmpty ? Self.nextLead(in: text, from: index + 1) : index + 1
        continue
      }
      let second = text[index + 1]
      let third = text[index + 2]
      if lead == 0xEF, second == 0xAC, (0x80...0x86).contains(third) {
        let letters = Self.ligatures[Int(third - 0x80)]
        edits.append(
          edit(index..<index + 3, letters, Rule("extractor-characters.ligature", "ligature made its letters"))
        )
        index += 3
      } else if let moved = Self.movedNeutrals(text, at: index, open: open) {
        edits.append(
          TextEdit(
            range: index..<moved.end, replacement: moved.text,
            rule: Rule(
              "extractor-characters.bidi-neutrals",
              "bidi embedding removed, edge punctuation put where it showed")))
        index = moved.end
      } else if Self.isRemovable(text, at: index) {
        // The chain above has found that the control at `index` moves nothing.
        var end = index
        repeat {
          Self.track(text, at: end, open: &open)
          end += 3
        } while Self.isRemovable(text, at: end) && Self.movedNeutrals(text, at: end, open: open) == nil
        edits.append(
          edit(
            index..<end, "",
            Rule("extractor-characters.bidi-control", "bidi embedding controls that change no order removed"))
        )
        index = end
      } else {
        index += 1
      }
    }
    return Proposal(edits: edits)
  }

  /// Whether an embedding or isolate control (not an override) starts at `index`.
  static func isRemovable(_ text: [UInt8], at index: Int) -> Bool {
    PageLine.bidiControlLength(text, at: index) != nil
      && !(text[index + 1] == 0x80 && text[index + 2] >= 0xAD)
  }

  /// Opens or closes an embedding for the control at `index`.
  private static func track(_ text: [UInt8], at index: Int, open: inout [UInt8]) {
    let last = text[index + 2]
    if (text[index + 1] == 0x80 && last == 0xAC) || (text[index + 1] == 0x81 && last == 0xA9) {
      _ = open.popLast()
    } else {
      open.append(last)
    }
  }

  /// A left-to-right embedding (U+202A … U+202C) inside a right-to-left one whose text starts
  /// or ends with neutral characters: the bytes up to the end of its closing control, and its
  /// text as read without the controls.
  static func movedNeutrals(_ text: [UInt8], at index: Int, open: [UInt8]) -> (end: Int, text: [UInt8])? {
    guard index + 2 < text.count, text[index] == 0xE2, text[index + 1] == 0x80, text[index + 2] == 0xAA,
      open.last == 0xAB
    else { return nil }
    var close = index + 3
    while close < text.count, text[close] != 0x0A, PageLine.bidiControlLength(text, at: close) == nil {
      close += 1
    }
    guard close + 2 < text.count, text[close + 1] == 0x80, text[close + 2] == 0xAC else { return nil }
    var start = index + 3
    while start < close, let length = neutralLength(text, at: start) { start += length }
    var end = close
    while end > start, let length = neutralLength(text, endingAt: end) { end -= length }
    guard start > index + 3 || end < close else { return nil }
    let replacement =
      mirroredReversed(text[end..<close]) + text[start..<end] + mirroredReversed(text[(index + 3)..<start])
    return (close + 3, replacement)
  }

  /// The byte length of the neutral character (a space, punctuation, a quote or dash) at
  /// `index`, if there is one.
  static func neutralLength(_ text: [UInt8], at index: Int) -> Int? {
    let byte = text[index]
    if byte < 0x80 { return isNeutralASCII(byte) ? 1 : nil }
    guard index + 1 < text.count else { return nil }
    let pair = (byte, text[index + 1])
    switch pair {
    case (0xC2, 0xA0), (0xC2, 0xAB), (0xC2, 0xBB), (0xD8, 0x8C): return 2
    case (0xE2, 0x80) where index + 2 < text.count && (0x90...0xA7).contains(text[index + 2]): return 3
    case (0xE2, 0x80) where index + 2 < text.count && (0xB0...0xBE).contains(text[index + 2]): return 3
    default: return nil
    }
  }

  /// The byte length of the neutral character that ends just before `end`, if there is one.
  static func neutralLength(_ text: [UInt8], endingAt end: Int) -> Int? {
    var start = end - 1
    while start > 0, text[start] & 0xC0 == 0x80, end - start < 3 { start -= 1 }
    guard let length = neutralLength(text, at: start), start + length == end else { return nil }
    return length
  }

  static func isNeutralASCII(_ byte: UInt8) -> Bool {
    (0x20...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
      || (0x7B...0x7E).contains(byte)
  }

  /// The characters of `run` in reverse order, brackets turned to face the other way.
  static func mirroredReversed(_ run: ArraySlice<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    var end = run.endIndex
    while end > run.startIndex {
      var start = end - 1
      while start > run.startIndex, run[start] & 0xC0 == 0x80 { start -= 1 }
      if end - start == 1 {
        result.append(mirrored(run[start]))
      } else if run[start] == 0xC2, run[start + 1] == 0xAB || run[start + 1] == 0xBB {
        result += [0xC2, run[start + 1] == 0xAB ? 0xBB : 0xAB]
      } else {
        result += run[start..<end]
      }
      end = start
    }
    return result
  }

  static func mirrored(_ byte: UInt8) -> UInt8 {
    switch byte {
    case UInt8(ascii: "("): UInt8(ascii: ")")
    case UInt8(ascii: ")"): UInt8(ascii: "(")
    case UInt8(ascii: "["): UInt8(ascii: "]")
    case UInt8(ascii: "]"): UInt8(ascii: "[")
    case UInt8(ascii: "{"): UInt8(ascii: "}")
    case UInt8(ascii: "}"): UInt8(ascii: "{")
    case UInt8(ascii: "<"): UInt8(ascii: ">")
    case UInt8(ascii: ">"): UInt8(ascii: "<")
    default: byte
    }
  }
}
