/// Tests on eight bytes at once, read as one little-endian 64-bit word.
///
/// The scans of plain text (white space, line endings, control bytes, a line's counts) step
/// over it a word at a time with these, and look at single bytes only where a test says a
/// word may hold something. Each test is exact for the question it answers. They are inlinable,
/// since a call per word across modules would cost more than the test.
public enum ByteWord {
  @usableFromInline static var ones: UInt64 { 0x0101_0101_0101_0101 }
  @usableFromInline static var highs: UInt64 { 0x8080_8080_8080_8080 }

  /// The eight bytes at `offset` of `buffer`, which must hold them.
  @inlinable @inline(__always)
  public static func load(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64? {
    guard offset + 8 <= buffer.count, let base = buffer.baseAddress else { return nil }
    return UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
  }

  /// Whether some byte of `word` equals `byte`.
  @inlinable @inline(__always)
  public static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
    let x = word ^ (UInt64(byte) &* ones)
    return (x &- ones) & ~x & highs != 0
  }

  /// Whether some byte of `word` is below `limit`, which is at most 128.
  @inlinable @inline(__always)
  public static func containsBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
    belowMask(word, limit) != 0
  }

  /// The high bit of each byte of `word` below `limit` (at most 128), and perhaps of bytes
  /// after the first such byte, where a borrow runs upward; never of a byte before it, so
  /// the lowest bit set is exact.
  @inlinable @inline(__always)
  public static func belowMask(_ word: UInt64, _ limit: UInt8) -> UInt64 {
    (word &- UInt64(limit) &* ones) & ~word & highs
  }

  /// Nonzero when some byte of `word` is above `low` and below `high`, both at most 128.
  @inlinable @inline(__always)
  public static func between(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
    let low7 = word & ~highs
    return (ones &* (127 + UInt64(high)) &- low7) & ~word & (low7 &+ ones &* (127 - UInt64(low))) & highs
  }

  /// The high bit of each byte of `word` that equals `byte`, and no other bit: no borrow
  /// crosses from one byte to the next.
  @inlinable @inline(__always)
  public static func equalMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    let x = word ^ (UInt64(byte) &* ones)
    return ~(((x & ~highs) &+ ~highs) | x | ~highs)
  }

  /// The high bit of each byte of `word` that is a UTF-8 continuation byte (10xxxxxx).
  @inlinable @inline(__always)
  public static func continuationMask(_ word: UInt64) -> UInt64 {
    word & ~(word << 1) & highs
  }

  /// The high bit of each byte of `word` above 0x7F.
  @inlinable @inline(__always)
  public static func nonASCIIMask(_ word: UInt64) -> UInt64 { word & highs }
}

/// Counts the flagged bytes of masks taken eight bytes at a time (the high bit of each byte,
/// as `ByteWord`'s tests give them), in eight byte-wide lanes summed only when asked.
///
/// The package is built for the baseline x86-64, which has no population count: a
/// `nonzeroBitCount` per mask is a dozen instructions, and the line scans take several a word.
public struct ByteLanes {
  /// Each lane counts up to 255: the lanes are folded into `folded` before they can overflow.
  @usableFromInline var lanes: UInt64 = 0
  @usableFromInline var adds = 0
  @usableFromInline var folded = 0

  /// No bytes counted.
  @inlinable public init() {}

  /// Counts the bytes of `mask` whose high bit is set; `mask` has no other bits.
  @inlinable @inline(__always)
  public mutating func add(_ mask: UInt64) {
    lanes &+= mask >> 7
    adds &+= 1
    if adds == 255 { fold() }
  }

  /// How many bytes were counted.
  @inlinable public var total: Int { folded + Self.sum(lanes) }

  @inlinable
  mutating func fold() {
    folded += Self.sum(lanes)
    lanes = 0
    adds = 0
  }

  /// The sum of the eight lanes of `lanes`, each at most 255.
  @inlinable @inline(__always)
  static func sum(_ lanes: UInt64) -> Int {
    let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
    return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
  }
}
