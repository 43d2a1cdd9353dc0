#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// Byte-level UTF-8 facts that stages and the pipeline share.
public enum UTF8Scan {
  /// Whether `offset` starts a scalar (or is the end of the text), so an edit may begin there.
  @inlinable
  public static func isBoundary(_ offset: Int, in text: [UInt8]) -> Bool {
    offset <= 0 || offset >= text.count || !isContinuation(text[offset])
  }

  /// Whether `byte` is a UTF-8 continuation byte.
  @inlinable
  public static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

  /// Whether all of `bytes` is well-formed UTF-8.
  @inlinable
  public static func isValid<C: Collection<UInt8>>(_ bytes: C) -> Bool where C.Index == Int {
    if let valid = bytes.withContiguousStorageIfAvailable({ isValid($0) }) { return valid }
    var index = bytes.startIndex
    while index < bytes.endIndex {
      guard let length = sequenceLength(in: bytes, at: index) else { return false }
      index += length
    }
    return true
  }

  /// Whether all of `buffer` is well-formed UTF-8; runs of ASCII are passed as `asciiEnd`
  /// finds their ends.
  public static func isValid(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < buffer.count {
      index = asciiEnd(in: buffer, from: index)
      guard index < buffer.count else { return true }
      guard let length = sequenceLength(in: buffer, at: index) else { return false }
      index += length
    }
    return true
  }

  /// The number of scalars in `buffer`: its bytes that are not continuation bytes, counted
  /// sixteen at a time with SSE2 on x86-64 and eight at a time in a 64-bit word.
  public static func scalarCount(in buffer: UnsafeBufferPointer<UInt8>) -> Int {
    var index = 0
    var count = 0
    #if arch(x86_64)
      var blocks = BlockLanes()
      while let block = ByteBlock.load(buffer, at: index) {
        blocks.add(ByteBlock.continuations(block))
        index += 16
      }
      count = index - blocks.total
    #endif
    var continuations = ByteLanes()
    let wordsStart = index
    while let word = ByteWord.load(buffer, at: index) {
      continuations.add(ByteWord.continuationMask(word))
      index += 8
    }
    count += index - wordsStart - continuations.total
    while index < buffer.count {
      count += isContinuation(buffer[index]) ? 0 : 1
      index += 1
    }
    return count
  }

  /// The first offset at or after `start` that holds a byte that is not ASCII, or the end.
  public static func asciiEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    NonASCII.first(in: buffer, from: start)
  }

  /// The bytes above ASCII.
  enum NonASCII: ByteStops {
    #if arch(x86_64)
      @inline(__always) static func stops(in block: __m128i) -> UInt32 { ByteBlock.bits(block) }
    #endif
    @inline(__always) static func stops(in word: UInt64) -> UInt64 { ByteWord.nonASCIIMask(word) }
    @inline(__always) static func stops(at byte: UInt8) -> Bool { byte >= 0x80 }
  }

  /// The length of the well-formed UTF-8 sequence at `index`, or nil when the bytes there are
  /// not one (a stray continuation byte, an overlong form, a surrogate, a truncated sequence).
  @inlinable
  public static func sequenceLength<C: Collection<UInt8>>(in bytes: C, at index: Int) -> Int?
  where C.Index == Int {
    let lead = bytes[index]
    if lead < 0x80 { return 1 }
    let end = bytes.endIndex
    @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
      index + offset < end && (low...high).contains(bytes[index + offset])
    }
    switch lead {
    case 0xC2...0xDF:
      return continuation(1) ? 2 : nil
    case 0xE0:
      return continuation(1, 0xA0) && continuation(2) ? 3 : nil
    case 0xE1...0xEC, 0xEE...0xEF:
      return continuation(1) && continuation(2) ? 3 : nil
    case 0xED:
      return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
    case 0xF0:
      return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
    case 0xF1...0xF3:
      return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
    case 0xF4:
      return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
    default:
      return nil
    }
  }

  /// The offsets at which lines start: 0, and one past every `\n`.
  public static func lineStarts(_ text: [UInt8]) -> [Int] {
    var starts = [0]
    for (offset, byte) in text.enumerated() where byte == 0x0A {
      starts.append(offset + 1)
    }
    return starts
  }
}

/// A position a person can find in an editor: 1-based line and column, columns in scalars.
public struct LineColumn: Sendable, Hashable, Codable {
  public var line: Int
  public var column: Int

  init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// Locates `offset` in `text`, given the line starts of `text`.
  public init(offset: Int, in text: [UInt8], lineStarts: [Int]) {
    var locator = LineLocator(text, lineStarts: lineStarts)
    self = locator.locate(offset)
  }
}

/// Finds the line and column of offsets in one text, counting each column on from the last
/// offset found when it lies further along the same line, as the edits of a stage do.
struct LineLocator {
  private let text: [UInt8]
  private let lineStarts: [Int]
  private var last: (offset: Int, lineIndex: Int, column: Int)?

  init(_ text: [UInt8], lineStarts: [Int]? = nil) {
    self.text = text
    self.lineStarts = lineStarts ?? UTF8Scan.lineStarts(text)
  }

  /// The 1-based line of `offset`, and its column counted in scalars.
  mutating func locate(_ offset: Int) -> LineColumn {
    var low = 0
    var high = lineStarts.count
    while low < high {
      let middle = (low + high) / 2
      if lineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
    }
    let clamped = min(offset, text.count)
    var index = lineStarts[max(low - 1, 0)]
    var column = 1
    if let last, last.lineIndex == low, last.offset <= clamped {
      index = last.offset
      column = last.column
    }
    while index < clamped {
      if !UTF8Scan.isContinuation(text[index]) { column += 1 }
      index += 1
    }
    last = (clamped, low, column)
    return LineColumn(line: max(low, 1), column: column)
  }
}

extension UTF8Scan {
  /// The scalar that starts at `index` and its length in bytes; U+FFFD and one byte where the
  /// bytes are not well-formed.
  @inlinable
  public static func scalar<C: Collection<UInt8>>(in bytes: C, at index: Int) -> (Unicode.Scalar, Int)
  where C.Index == Int {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    guard let length = sequenceLength(in: bytes, at: index) else { return ("\u{FFFD}", 1) }
    var value = UInt32(lead) & (0xFF >> (length + 1))
    for offset in 1..<length {
      value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }

  /// The start of the scalar that ends just before `end`: the last byte that is not a
  /// continuation byte, at most three bytes back.
  @inlinable
  public static func scalarStart<C: Collection<UInt8>>(in bytes: C, before end: Int) -> Int
  where C.Index == Int {
    var start = end - 1
    while start > bytes.startIndex, end - start < 4, isContinuation(bytes[start]) { start -= 1 }
    return start
  }
}
