/// The Windows-1252 code page, the usual culprit when UTF-8 is misread.
///
/// The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1
/// controls of the same value, as Latin-1 reads them, so that every byte has a decoding.
enum Windows1252 {
  /// The scalars of bytes 0x80 to 0x9F; the other bytes are their own Latin-1 scalar.
  static let highControls: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]

  /// The scalar value that Windows-1252 gives `byte`.
  static func scalar(for byte: UInt8) -> UInt32 {
    (0x80...0x9F).contains(byte) ? highControls[Int(byte - 0x80)] : UInt32(byte)
  }

  /// The byte that Windows-1252 gives `scalar`, above ASCII; nil where it has none.
  static func byte(for scalar: UInt32) -> UInt8? {
    if (0xA0...0xFF).contains(scalar) { return UInt8(scalar) }
    return highControls.firstIndex(of: scalar).map { UInt8(0x80 + $0) }
  }

  /// Decodes bytes as Windows-1252 into UTF-8.
  static func decode<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      appendUTF8(scalar(for: byte), to: &output)
    }
    return output
  }

  /// Appends the UTF-8 encoding of `scalar`, which must be below U+10000.
  static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case ..<0x80:
      output.append(UInt8(scalar))
    case ..<0x800:
      output.append(UInt8(0xC0 | (scalar >> 6)))
      output.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      output.append(UInt8(0xE0 | (scalar >> 12)))
      output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      output.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }
}
