/// The lowercase of the scalars below U+2500, looked up in a table, because asking Unicode's
/// properties for each letter of every line of a Greek or Russian document is the slowest
/// part of reading it.
enum LowercaseTable {
  /// For each scalar below `limit`: 0 when lowercasing leaves it alone, the lowercase scalar
  /// when it lowercases to one scalar, and `complex` when it lowercases to several.
  private static let table: [UInt32] = (0..<limit).map { value in
    guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased else { return 0 }
    let mapping = scalar.properties.lowercaseMapping.unicodeScalars
    guard mapping.count == 1, let lowered = mapping.first else { return complex }
    return lowered.value
  }

  private static let limit: UInt32 = 0x2500
  private static let complex = UInt32.max

  /// Whether lowercasing leaves `scalar` alone: looked up below U+2500; above, the wide
  /// blocks with no cased letter (CJK, kana, Hangul, the Indic and Southeast Asian scripts
  /// from U+2D00 to U+A63F, and from U+A800 to the fullwidth capitals) are known so without
  /// asking Unicode.
  static func keepsCase(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < limit { return table[Int(value)] == 0 }
    if caselessBlocks.contains(where: { $0.contains(value) }) { return true }
    return !scalar.properties.changesWhenLowercased
  }

  /// Blocks above `limit` in which no scalar changes when lowercased (a test holds each).
  static let caselessBlocks: [Range<UInt32>] = [0x2D00..<0xA640, 0xA800..<0xFF21]

  /// Appends the UTF-8 of `scalar` lowercased, without the combining dot above (U+0307)
  /// that Turkish `İ` lowercases to.
  static func appendLowercase(of scalar: Unicode.Scalar, to output: inout [UInt8]) {
    let entry = scalar.value < limit ? table[Int(scalar.value)] : complex
    if entry == 0 {
      UTF8.encode(scalar) { output.append($0) }
    } else if entry != complex, let lowered = Unicode.Scalar(entry) {
      UTF8.encode(lowered) { output.append($0) }
    } else if scalar.properties.changesWhenLowercased {
      for lowered in scalar.properties.lowercaseMapping.unicodeScalars where lowered != "\u{307}" {
        UTF8.encode(lowered) { output.append($0) }
      }
    } else {
      UTF8.encode(scalar) { output.append($0) }
    }
  }
}

/// Unicode properties that the rules ask of a letter of every word or line (`Uppercase`,
/// `Lowercase`, `White_Space`, `Alphabetic`, `Cased`), looked up in a table below U+2500, for the same
/// reason as `LowercaseTable`: the properties are a search each time.
enum ScalarProperties {
  /// Five bits a scalar below `limit`: 1 uppercase, 2 lowercase, 4 white space, 8 alphabetic,
  /// 16 cased.
  private static let table: [UInt8] = (0..<limit).map { value in
    guard let scalar = Unicode.Scalar(value) else { return 0 }
    let properties = scalar.properties
    return (properties.isUppercase ? 1 : 0) | (properties.isLowercase ? 2 : 0)
      | (properties.isWhitespace ? 4 : 0) | (properties.isAlphabetic ? 8 : 0) | (properties.isCased ? 16 : 0)
  }

  private static let limit: UInt32 = 0x2500

  /// Unicode's `Uppercase` property of `scalar`.
  static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < limit ? table[Int(scalar.value)] & 1 != 0 : scalar.properties.isUppercase
  }

  /// Unicode's `Lowercase` property of `scalar`.
  static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < limit ? table[Int(scalar.value)] & 2 != 0 : scalar.properties.isLowercase
  }

  /// Unicode's `White_Space` property of `scalar`.
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < limit ? table[Int(scalar.value)] & 4 != 0 : scalar.properties.isWhitespace
  }

  /// Unicode's `Cased` property of `scalar`.
  static func isCased(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < limit ? table[Int(scalar.value)] & 16 != 0 : scalar.properties.isCased
  }

  /// Unicode's `Alphabetic` property of `scalar`.
  static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < limit ? table[Int(scalar.value)] & 8 != 0 : scalar.properties.isAlphabetic
  }
}
