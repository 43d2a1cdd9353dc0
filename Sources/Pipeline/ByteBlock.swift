#if arch(x86_64)
  import _Builtin_intrinsics.intel

  /// Tests on sixteen bytes at once with SSE2, which every x86-64 processor has.
  ///
  /// The byte scans read a text in these blocks first and leave the bytes after the last whole
  /// block to `ByteWord`'s eight-byte words, which are also all they use on other processors.
  /// A test gives a mask with 0xFF in each byte it flags and zero elsewhere; `bits` gives one
  /// bit a byte, byte 0 in bit 0.
  public enum ByteBlock {
    /// The sixteen bytes at `offset` of `buffer`, or nil where fewer are left.
    @inlinable @inline(__always)
    public static func load(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> __m128i? {
      guard offset + 16 <= buffer.count, let base = buffer.baseAddress else { return nil }
      return _mm_loadu_si128(UnsafeRawPointer(base + offset).assumingMemoryBound(to: __m128i.self))
    }

    /// Stores `block` at `offset` of `buffer`, which must have room for sixteen bytes there.
    @inlinable @inline(__always)
    public static func store(_ block: __m128i, in buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
      guard let base = buffer.baseAddress, offset + 16 <= buffer.count else { return }
      _mm_storeu_si128((base + offset).assumingMemoryBound(to: __m128i.self), block)
    }

    /// `block` with its ASCII capitals lowercased and every other byte as it is.
    @inlinable @inline(__always)
    public static func lowercasingASCII(_ block: __m128i) -> __m128i {
      _mm_or_si128(block, _mm_and_si128(between(block, 0x40, 0x5B), _mm_set1_epi8(0x20)))
    }

    /// The bytes equal to `byte`.
    @inlinable @inline(__always)
    public static func equal(_ block: __m128i, _ byte: UInt8) -> __m128i {
      _mm_cmpeq_epi8(block, _mm_set1_epi8(Int8(bitPattern: byte)))
    }

    /// The bytes below `limit`. SSE2 compares signed bytes only; with the high bits flipped,
    /// the signed order is the unsigned one.
    @inlinable @inline(__always)
    public static func below(_ block: __m128i, _ limit: UInt8) -> __m128i {
      _mm_cmplt_epi8(_mm_xor_si128(block, _mm_set1_epi8(-128)), _mm_set1_epi8(Int8(bitPattern: limit ^ 0x80)))
    }

    /// The bytes above `low` and below `high`.
    @inlinable @inline(__always)
    public static func between(_ block: __m128i, _ low: UInt8, _ high: UInt8) -> __m128i {
      let flipped = _mm_xor_si128(block, _mm_set1_epi8(-128))
      return _mm_and_si128(
        _mm_cmpgt_epi8(flipped, _mm_set1_epi8(Int8(bitPattern: low ^ 0x80))),
        _mm_cmplt_epi8(flipped, _mm_set1_epi8(Int8(bitPattern: high ^ 0x80))))
    }

    /// The UTF-8 continuation bytes (0x80 to 0xBF): the signed bytes below -64.
    @inlinable @inline(__always)
    public static func continuations(_ block: __m128i) -> __m128i {
      _mm_cmplt_epi8(block, _mm_set1_epi8(-64))
    }

    /// One bit for each byte of `mask`: its high bit, byte 0 in bit 0.
    @inlinable @inline(__always)
    public static func bits(_ mask: __m128i) -> UInt32 {
      UInt32(truncatingIfNeeded: _mm_movemask_epi8(mask))
    }

    /// The bytes flagged in `mask` but not in `excluded`.
    @inlinable @inline(__always)
    public static func without(_ excluded: __m128i, in mask: __m128i) -> __m128i {
      _mm_andnot_si128(excluded, mask)
    }

    /// The bytes flagged in either mask.
    @inlinable @inline(__always)
    public static func or(_ first: __m128i, _ second: __m128i) -> __m128i { _mm_or_si128(first, second) }

    /// One byte sixteen times over, made once for the scans that look for it in many blocks.
    public struct Bytes: Sendable {
      @usableFromInline let splat: __m128i

      /// `byte` in each of sixteen lanes.
      public init(_ byte: UInt8) {
        splat = _mm_set1_epi8(Int8(bitPattern: byte))
      }

      /// One bit for each byte of `block` that is this byte, byte 0 in bit 0.
      @inlinable @inline(__always)
      public func matches(in block: __m128i) -> UInt32 {
        ByteBlock.bits(_mm_cmpeq_epi8(block, splat))
      }
    }
  }

  /// Counts the flagged bytes of sixteen-byte SSE2 masks (0xFF where flagged) in sixteen
  /// byte-wide lanes, folded before a lane can overflow: `ByteLanes` for the blocks that
  /// every x86-64 processor reads at once.
  public struct BlockLanes {
    @usableFromInline var lanes = _mm_setzero_si128()
    @usableFromInline var adds = 0
    @usableFromInline var folded = 0

    /// No bytes counted.
    @inlinable public init() {}

    /// Counts the bytes of `mask` that are 0xFF; its other bytes are zero.
    @inlinable @inline(__always)
    public mutating func add(_ mask: __m128i) {
      lanes = _mm_sub_epi8(lanes, mask)
      adds &+= 1
      if adds == 255 {
        folded += Self.sum(lanes)
        lanes = _mm_setzero_si128()
        adds = 0
      }
    }

    /// How many bytes were counted.
    @inlinable public var total: Int { folded + Self.sum(lanes) }

    @inlinable @inline(__always)
    static func sum(_ lanes: __m128i) -> Int {
      let sums = _mm_sad_epu8(lanes, _mm_setzero_si128())
      return Int(_mm_cvtsi128_si64(sums)) + Int(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)))
    }
  }
#endif
