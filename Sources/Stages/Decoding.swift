import Pipeline

/// Turns raw bytes into UTF-8 text without losing any of them.
///
/// Finds a byte-order mark and removes it; decodes UTF-16 with a byte-order mark; decodes every
/// run of bytes that is not well-formed UTF-8 as Windows-1252, which gets back the text of a file
/// that is wholly Windows-1252 or Latin-1 and of stray such bytes inside a UTF-8 file. Each of
/// these is an edit that keeps the original bytes, so nothing is dropped and nothing crashes.
public struct Decoding: Stage {
  public let id = "decoding"
  public let version = 1

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    if let utf16 = decodeUTF16(text) { return utf16 }
    var edits: [TextEdit] = []
    var index = 0
    var encoding = "utf-8"
    if text.starts(with: [0xEF, 0xBB, 0xBF]) {
      edits.append(
        TextEdit(range: 0..<3, replacement: [], rule: "decoding.bom", reason: "byte-order mark removed"))
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
      let start = index
      index += 1
      while index < text.count, text[index] >= 0x80, UTF8Scan.sequenceLength(in: text, at: index) == nil {
        index += 1
      }
      invalidBytes += index - start
      edits.append(
        TextEdit(
          range: start..<index, replacement: Windows1252.decode(text[start..<index]),
          rule: "decoding.windows-1252",
          reason: "\(index - start) byte(s) that are not UTF-8 read as Windows-1252"))
    }
    if invalidBytes > 0 {
      encoding = sawMultibyte ? "utf-8 with windows-1252 bytes" : "windows-1252"
    }
    return Proposal(edits: edits, detectedEncoding: encoding)
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
      range: 0..<text.count, replacement: decoded, rule: "decoding.utf-16",
      reason: "\(name) with byte-order mark converted to UTF-8")
    return Proposal(edits: [edit], detectedEncoding: name)
  }
}
