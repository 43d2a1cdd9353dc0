import Pipeline

/// Turns raw bytes into UTF-8 text without losing any of them.
///
/// Finds a byte-order mark and removes it; decodes UTF-16 with a byte-order mark; makes a UTF-16
/// surrogate spelled in UTF-8 bytes the character of its pair, or U+FFFD alone; decodes every
/// other run of bytes that is not well-formed UTF-8 as Windows-1252, which gets back the text of a file
/// that is wholly Windows-1252 or Latin-1 and of stray such bytes inside a UTF-8 file. Each of
/// these is an edit that keeps the original bytes, so nothing is dropped and nothing crashes.
public struct Decoding: Stage {
  public let id = "decoding"
  public let version = 2

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    if let utf16 = decodeUTF16(text) { return utf16 }
    var edits: [TextEdit] = []
    var index = 0
    var encoding = "utf-8"
    if text.starts(with: [0xEF, 0xBB, 0xBF]) {
      edits.append(
        TextEdit(range: 0..<3, replacement: [], rule: Rule("decoding.bom", "byte-order mark removed")))
      index = 3
      encoding = "utf-8 with byte-order mark"
    }
    var sawMultibyte = false
    var invalidBytes = 0
    while index < text.count {
      if text[index] < 0x80 {
        index = text.withUnsafeBufferPointer { UTF8Scan.asciiEnd(in: $0, from: index) }
        continue
      }
      if let length = UTF8Scan.sequenceLength(in: text, at: index) {
        sawMultibyte = true
        index += length
        continue
      }
      if let surrogate = Self.surrogate(in: text, at: index) {
        edits.append(surrogate)
        index = surrogate.range.upperBound
        continue
      }
      let start = index
      index += 1
      while index < text.count, text[index] >= 0x80, UTF8Scan.sequenceLength(in: text, at: index) == nil,
        Self.surrogate(in: text, at: index) == nil
      {
        index += 1
      }
      invalidBytes += index - start
      edits.append(
        TextEdit(
          range: start..<index, replacement: Windows1252.decode(text[start..<index]),
          rule: Rule("decoding.windows-1252", "bytes that are not UTF-8 read as Windows-1252")))
    }
    if invalidBytes > 0 {
      encoding = sawMultibyte ? "utf-8 with windows-1252 bytes" : "windows-1252"
    }
    return Proposal(edits: edits, detectedEncoding: encoding)
  }

  /// `bytes` as UTF-8, each byte that is not UTF-8 read as Windows-1252: for text that must be
  /// written as JSON but is no document's text, so has no provenance of its own.
  public static func repaired(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    guard !UTF8Scan.isValid(bytes) else { return Array(bytes) }
    var output: [UInt8] = []
    var index = bytes.startIndex
    while index < bytes.endIndex {
      if let length = UTF8Scan.sequenceLength(in: bytes, at: index) {
        output.append(contentsOf: bytes[index..<index + length])
        index += length
      } else {
        output.append(contentsOf: Windows1252.decode(bytes[index..<index + 1]))
        index += 1
      }
    }
    return output
  }

  /// A UTF-16 surrogate spelled as UTF-8 would spell it (`ED A0 80`), as Java's modified UTF-8,
  /// CESU-8 and a JSON `\uD800` escape leave one: a high and a low one make the character they
  /// pair for; one alone, which stands for no character, becomes U+FFFD.
  static func surrogate(in text: [UInt8], at index: Int) -> TextEdit? {
    let value = { (at: Int) -> UInt32? in
      guard at + 2 < text.count, text[at] == 0xED, (0xA0...0xBF).contains(text[at + 1]),
        (0x80...0xBF).contains(text[at + 2])
      else { return nil }
      return 0xD000 | UInt32(text[at + 1] & 0x3F) << 6 | UInt32(text[at + 2] & 0x3F)
    }
    guard let high = value(index) else { return nil }
    if high < 0xDC00, let low = value(index + 3), low >= 0xDC00,
      let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    {
      return TextEdit(
        range: index..<index + 6, replacement: Array(String(scalar).utf8),
        rule: Rule("decoding.surrogate-pair", "UTF-16 surrogate pair spelled in UTF-8 made its character"))
    }
    return TextEdit(
      range: index..<index + 3, replacement: [0xEF, 0xBF, 0xBD],
      rule: Rule("decoding.lone-surrogate", "lone UTF-16 surrogate, no character, made U+FFFD"))
  }

  /// Decodes a file that starts with a UTF-16 byte-order mark, as one edit over the whole file.
  private func decodeUTF16(_ text: [UInt8]) -> Proposal? {
    guard text.count >= 2, text.count % 2 == 0 else { return nil }
    let littleEndian: Bool
    switch (text[0], text[1]) {
    case (0xFF, 0xFE): littleEndian = true
    case (0xFE, 0xFF): littleEndian = false
    default: return nil
    }
    let units = stride(from: 2, to: text.count, by: 2).map { offset in
      littleEndian
        ? UInt16(text[offset]) | UInt16(text[offset + 1]) << 8
        : UInt16(text[offset]) << 8 | UInt16(text[offset + 1])
    }
    let decoded = String(decoding: units, as: UTF16.self)
    let name = littleEndian ? "utf-16le" : "utf-16be"
    let edit = TextEdit(
      range: 0..<text.count, replacement: decoded,
      rule: Rule("decoding.utf-16", "UTF-16 with byte-order mark converted to UTF-8"))
    return Proposal(edits: [edit], detectedEncoding: name)
  }
}
