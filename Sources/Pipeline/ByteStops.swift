#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// The bytes a scan stops at, told three ways, so that one loop (`first(in:from:)`) reads a
/// text sixteen bytes at a time with SSE2 on x86-64, then eight at a time in a 64-bit word,
/// then byte by byte.
public protocol ByteStops {
  #if arch(x86_64)
    /// One bit for each byte of `block` the scan stops at, byte 0 in bit 0.
    static func stops(in block: __m128i) -> UInt32
  #endif
  /// The high bit of each byte of `word` (read little-endian) the scan stops at: exact for the
  /// lowest such byte, which is all the loop asks.
  static func stops(in word: UInt64) -> UInt64
  /// Whether the scan stops at `byte`.
  static func stops(at byte: UInt8) -> Bool
}

extension ByteStops {
  /// The first offset of `buffer` from `start` on whose byte the scan stops at, or the count.
  @inlinable @inline(__always)
  public static func first(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    #if arch(x86_64)
      while let block = ByteBlock.load(buffer, at: index) {
        let found = stops(in: block)
        if found != 0 { return index + found.trailingZeroBitCount }
        index += 16
      }
    #endif
    while let word = ByteWord.load(buffer, at: index) {
      let found = stops(in: word)
      if found != 0 { return index + found.trailingZeroBitCount / 8 }
      index += 8
    }
    while index < buffer.count, !stops(at: buffer[index]) { index += 1 }
    return index
  }
}
