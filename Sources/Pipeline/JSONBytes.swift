#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// JSON read and written straight on UTF-8 bytes, for the records and reports that docclean
/// streams, where Foundation's object graph would cost more than the cleaning.
public enum JSONBytes {
  /// Appends `value` as a JSON string: quotes, backslashes and control characters escaped,
  /// everything else (slashes and non-ASCII included) as it is, as `JSONEncoder` writes it.
  public static func appendString<Bytes: Collection<UInt8>>(_ value: Bytes, to output: inout [UInt8]) {
    // A generic loop called from another module runs unspecialized, one witness call a byte.
    let appended: Void? = value.withContiguousStorageIfAvailable { appendString($0, to: &output) }
    if appended == nil { Array(value).withUnsafeBufferPointer { appendString($0, to: &output) } }
  }

  /// Appends `value` as a JSON string.
  public static func appendString(_ value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.append(0x22)
    var runStart = 0
    var index = 0
    while index < value.count {
      index = Escaped.first(in: value, from: index)
      guard index < value.count else { break }
      let byte = value[index]
      output.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<index]))
      appendEscape(for: byte, to: &output)
      index += 1
      runStart = index
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<index]))
    output.append(0x22)
  }

  /// The bytes that do not stand for themselves inside a JSON string: a quote, a backslash, a
  /// control character. A record's text is most of its line, so strings are scanned for them
  /// a block at a time (`first(in:from:)`).
  enum Escaped: ByteStops {
    #if arch(x86_64)
      @inline(__always) static func stops(in block: __m128i) -> UInt32 {
        let quotes = ByteBlock.or(ByteBlock.equal(block, 0x22), ByteBlock.equal(block, 0x5C))
        return ByteBlock.bits(ByteBlock.or(quotes, ByteBlock.below(block, 0x20)))
      }
    #endif
    @inline(__always) static func stops(in word: UInt64) -> UInt64 {
      ByteWord.equalMask(word, 0x22) | ByteWord.equalMask(word, 0x5C) | ByteWord.belowMask(word, 0x20)
    }
    @inline(__always) static func stops(at byte: UInt8) -> Bool {
      byte < 0x20 || byte == 0x22 || byte == 0x5C
    }
  }

  /// Appends `value` as a JSON string.
  public static func appendString(_ value: String, to output: inout [UInt8]) {
    var value = value
    value.withUTF8 { appendString($0, to: &output) }
  }

  private static func appendEscape(for byte: UInt8, to output: inout [UInt8]) {
    output.append(0x5C)
    switch byte {
    case 0x22, 0x5C: output.append(byte)
    case 0x0A: output.append(0x6E)
    case 0x0D: output.append(0x72)
    case 0x09: output.append(0x74)
    case 0x08: output.append(0x62)
    case 0x0C: output.append(0x66)
    default:
      output.append(contentsOf: [0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Reads one JSON object, such as a line of a JSON Lines file: the decoded bytes of its
  /// `text` string, its `id` as JSON, and its other members as written; nil unless the line is
  /// one JSON object.
  ///
  /// The text is given back as its bytes are, damage included, for the cleaner to repair: bytes
  /// that are not UTF-8, and a `\u` escape of a lone surrogate, which becomes the three bytes
  /// that a surrogate would be in UTF-8 (the decoding stage makes it U+FFFD, or joins a pair).
  /// A string `id` is given back escaped as `appendString` escapes; any other `id` as it was
  /// written, without white space; a missing one as `null`.
  public static func record(in line: ArraySlice<UInt8>) -> JSONRecord? {
    var reader = Reader(bytes: line)
    return reader.record()
  }
}

extension JSONBytes {
  /// Reads a JSON object, leaving the values of `skipped` keys of its top level unread, so
  /// that the summary of a provenance file costs no more than its small fields; nil unless
  /// `bytes` is one valid JSON object.
  public static func object(in bytes: ArraySlice<UInt8>, skipping skipped: Set<String> = []) -> [String:
    JSONValue]?
  {
    guard UTF8Scan.isValid(bytes) else { return nil }
    var reader = Reader(bytes: bytes)
    return reader.topObject(skipping: skipped)
  }
}

/// A JSON value as `JSONBytes.object(in:skipping:)` reads it; numbers keep their text.
public indirect enum JSONValue: Sendable, Equatable {
  case object([String: JSONValue])
  case array([JSONValue])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  /// The string, if the value is one.
  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The number, if the value is an integer.
  public var int: Int? {
    if case .number(let text) = self { return Int(text) }
    return nil
  }

  /// The members, if the value is an object.
  public var object: [String: JSONValue]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The elements, if the value is an array.
  public var array: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }
}

/// The fields of a JSON Lines record that `clean --jsonl` reads.
public struct JSONRecord: Sendable {
  /// The `text` string, decoded; nil where the record has no `text` or it is not a string.
  public var text: [UInt8]?
  /// The `id`, as JSON to write back.
  public var idJSON: [UInt8]
  /// The members other than `id` and `text`, each as written (`"key": value`), in order.
  public var others: [ArraySlice<UInt8>]
  /// The decoded keys of `others`, in the same order.
  public var otherKeys: [[UInt8]]
  /// The `text` member as written, where it is not a string.
  public var nonStringText: ArraySlice<UInt8>?
}

/// A recursive-descent reader over one JSON value, which checks the grammar as it goes.
///
/// Like Foundation's reader, it accepts a comma before a closing bracket, which some writers
/// leave, so that records Foundation read are still read.
private struct Reader {
  let bytes: ArraySlice<UInt8>
  var index: Int

  /// Values nested deeper than this are refused, so that a hostile line cannot exhaust the stack.
  static let maximumDepth = 512

  init(bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    // A byte-order mark before the value, as Windows tools write one, is read past as
    // Foundation's reader does.
    index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.startIndex + 3 : bytes.startIndex
  }

  mutating func record() -> JSONRecord? {
    skipSpace()
    var record = JSONRecord(
      text: nil, idJSON: Array("null".utf8), others: [], otherKeys: [], nonStringText: nil)
    let isObject = members(readingKeys: true) { reader, key, start in
      if key.elementsEqual("text".utf8) {
        if reader.peek == 0x22 {
          record.text = reader.string(keepingSurrogates: true)
          return record.text != nil
        }
        guard reader.skipValue(depth: 1) else { return false }
        record.nonStringText = reader.bytes[start..<reader.index]
        return true
      }
      if key.elementsEqual("id".utf8) {
        guard let value = reader.idJSON() else { return false }
        record.idJSON = value
        return true
      }
      guard reader.skipValue(depth: 1) else { return false }
      record.others.append(reader.bytes[start..<reader.index])
      record.otherKeys.append(key)
      return true
    }
    skipSpace()
    guard isObject, index == bytes.endIndex else { return nil }
    return record
  }

  /// Reads an object, calling `value` with the reader at each member's value and the member's
  /// key (empty unless `readingKeys`), which must read the value; false on a grammar error.
  /// Like Foundation's reader, it takes a comma before the closing brace.
  private mutating func members(readingKeys: Bool, _ value: (inout Reader, [UInt8], Int) -> Bool) -> Bool {
    guard take(0x7B) else { return false }
    repeat {
      skipSpace()
      if peek == 0x7D { break }
      let start = index
      var key: [UInt8] = []
      if readingKeys {
        guard let read = string() else { return false }
        key = read
      } else {
        guard skipString() else { return false }
      }
      skipSpace()
      guard take(0x3A) else { return false }
      skipSpace()
      guard value(&self, key, start) else { return false }
      skipSpace()
    } while take(0x2C)
    return take(0x7D)
  }

  /// Reads an array, calling `element` with the reader at each element, which must read it;
  /// false on a grammar error. A comma before the closing bracket is taken.
  private mutating func elements(_ element: (inout Reader) -> Bool) -> Bool {
    guard take(0x5B) else { return false }
    repeat {
      skipSpace()
      if peek == 0x5D { break }
      guard element(&self) else { return false }
      skipSpace()
    } while take(0x2C)
    return take(0x5D)
  }

  mutating func topObject(skipping skipped: Set<String>) -> [String: JSONValue]? {
    skipSpace()
    guard let members = object(depth: 1, skipping: skipped) else { return nil }
    skipSpace()
    return index == bytes.endIndex ? members : nil
  }

  private mutating func value(depth: Int) -> JSONValue? {
    guard depth <= Self.maximumDepth, let byte = peek else { return nil }
    switch byte {
    case 0x22: return string().map { .string(String(decoding: $0, as: UTF8.self)) }
    case 0x7B: return object(depth: depth, skipping: []).map { .object($0) }
    case 0x5B: return array(depth: depth).map { .array($0) }
    case 0x74: return literal("true") ? .bool(true) : nil
    case 0x66: return literal("false") ? .bool(false) : nil
    case 0x6E: return literal("null") ? .null : nil
    default:
      let start = index
      guard number() else { return nil }
      return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }
  }

  private mutating func object(depth: Int, skipping skipped: Set<String>) -> [String: JSONValue]? {
    var members: [String: JSONValue] = [:]
    let isObject = self.members(readingKeys: true) { reader, keyBytes, _ in
      let key = String(decoding: keyBytes, as: UTF8.self)
      if skipped.contains(key) { return reader.skipValue(depth: depth + 1) }
      members[key] = reader.value(depth: depth + 1)
      return members[key] != nil
    }
    return isObject ? members : nil
  }

  private mutating func array(depth: Int) -> [JSONValue]? {
    var values: [JSONValue] = []
    let isArray = elements { reader in
      guard let value = reader.value(depth: depth + 1) else { return false }
      values.append(value)
      return true
    }
    return isArray ? values : nil
  }

  private mutating func idJSON() -> [UInt8]? {
    var output: [UInt8] = []
    if peek == 0x22 {
      guard let value = string() else { return nil }
      JSONBytes.appendString(value, to: &output)
      return output
    }
    let start = index
    guard skipValue(depth: 1) else { return nil }
    var inString = false
    var escaped = false
    for byte in bytes[start..<index] {
      if inString {
        if escaped {
          escaped = false
        } else if byte == 0x5C {
          escaped = true
        } else if byte == 0x22 {
          inString = false
        }
      } else if byte == 0x22 {
        inString = true
      } else if Self.isSpace(byte) {
        continue
      }
      output.append(byte)
    }
    return output
  }

  private var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    index += 1
    return true
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private mutating func skipSpace() {
    while let byte = peek, Self.isSpace(byte) { index += 1 }
  }

  private mutating func skipValue(depth: Int) -> Bool {
    guard depth <= Self.maximumDepth, let byte = peek else { return false }
    switch byte {
    case 0x22: return skipString()
    case 0x7B: return members(readingKeys: false) { reader, _, _ in reader.skipValue(depth: depth + 1) }
    case 0x5B: return elements { reader in reader.skipValue(depth: depth + 1) }
    case 0x74: return literal("true")
    case 0x66: return literal("false")
    case 0x6E: return literal("null")
    default: return number()
    }
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard bytes.endIndex - index >= count else { return false }
    let matches = word.withUTF8Buffer { bytes[index..<index + count].elementsEqual($0) }
    if matches { index += count }
    return matches
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
  private mutating func number() -> Bool {
    _ = take(0x2D)
    guard let first = peek, Self.isDigit(first) else { return false }
    index += 1
    if first != 0x30 { skipDigits() }
    if take(0x2E) {
      guard let next = peek, Self.isDigit(next) else { return false }
      skipDigits()
    }
    if take(0x65) || take(0x45) {
      if !take(0x2B) { _ = take(0x2D) }
      guard let next = peek, Self.isDigit(next) else { return false }
      skipDigits()
    }
    return true
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

  private mutating func skipDigits() {
    while let byte = peek, Self.isDigit(byte) { index += 1 }
  }

  /// Steps over a string, checking it as `string()` does without keeping its bytes.
  private mutating func skipString() -> Bool {
    guard take(0x22) else { return false }
    // Runs of bytes that stand for themselves go by a block at a time, as `string` reads them;
    // an escape is checked, not decoded into bytes that nobody reads.
    while let byte = peek {
      guard JSONBytes.Escaped.stops(at: byte) else {
        index = plainRunEnd(from: index + 1)
        continue
      }
      index += 1
      if byte == 0x22 { return true }
      guard byte == 0x5C, skipEscape() else { return false }
    }
    return false
  }

  /// Steps over the escape after a backslash as `unescape` reads it; false where it reads none.
  private mutating func skipEscape() -> Bool {
    guard let byte = peek else { return false }
    index += 1
    switch byte {
    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: return true
    case 0x75: return escapedCodePoint() != nil
    default: return false
    }
  }

  /// A string's decoded bytes; nil for a control character or a bad escape.
  ///
  /// The escape of a lone surrogate becomes its three bytes as UTF-8 would spell a surrogate
  /// when `keepingSurrogates`, for a later stage to repair and record; otherwise U+FFFD.
  private mutating func string(keepingSurrogates: Bool = false) -> [UInt8]? {
    guard take(0x22) else { return nil }
    var output: [UInt8] = []
    // The text unescaped is no longer than the rest of the line that spells it.
    output.reserveCapacity(bytes.endIndex - index)
    var runStart = index
    while let byte = peek {
      guard JSONBytes.Escaped.stops(at: byte) else {
        index = plainRunEnd(from: index + 1)
        continue
      }
      if byte == 0x22 {
        output.append(contentsOf: bytes[runStart..<index])
        index += 1
        return output
      }
      guard byte >= 0x20 else { return nil }
      guard byte == 0x5C else {
        index += 1
        continue
      }
      output.append(contentsOf: bytes[runStart..<index])
      index += 1
      guard unescape(into: &output, keepingSurrogates: keepingSurrogates) else { return nil }
      runStart = index
    }
    return nil
  }

  /// The offset of the first byte from `start` on that does not stand for itself inside a
  /// string, or the end.
  private func plainRunEnd(from start: Int) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      bytes.startIndex + JSONBytes.Escaped.first(in: buffer, from: start - bytes.startIndex)
    }
  }

  private mutating func unescape(into output: inout [UInt8], keepingSurrogates: Bool = false) -> Bool {
    guard let byte = peek else { return false }
    index += 1
    switch byte {
    case 0x22, 0x5C, 0x2F: output.append(byte)
    case 0x62: output.append(0x08)
    case 0x66: output.append(0x0C)
    case 0x6E: output.append(0x0A)
    case 0x72: output.append(0x0D)
    case 0x74: output.append(0x09)
    case 0x75:
      guard let code = escapedCodePoint() else { return false }
      if let scalar = Unicode.Scalar(code) {
        UTF8.encode(scalar) { output.append($0) }
      } else if keepingSurrogates {
        output += [0xED, 0x80 | UInt8((code >> 6) & 0x3F), 0x80 | UInt8(code & 0x3F)]
      } else {
        output += [0xEF, 0xBF, 0xBD]
      }
    default: return false
    }
    return true
  }

  /// The code point of `\uXXXX`, of a `\uD8XX\uDCXX` surrogate pair, or of a lone surrogate.
  private mutating func escapedCodePoint() -> UInt32? {
    guard let high = hexQuad() else { return nil }
    guard (0xD800...0xDBFF).contains(high) else { return high }
    let afterHigh = index
    guard take(0x5C), take(0x75), let low = hexQuad(), (0xDC00...0xDFFF).contains(low) else {
      index = afterHigh
      return high
    }
    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
  }

  private mutating func hexQuad() -> UInt32? {
    guard bytes.endIndex - index >= 4 else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x41...0x46: digit = byte - 0x41 + 10
      case 0x61...0x66: digit = byte - 0x61 + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
