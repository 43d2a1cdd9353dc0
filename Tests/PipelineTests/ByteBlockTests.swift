import Testing

@testable import Pipeline

#if arch(x86_64)
  import _Builtin_intrinsics.intel

  /// The SSE2 block tests flag each byte as a byte-by-byte test does, for every byte value,
  /// the signed compares behind them among them; the lanes count past their 255-add fold.
  @Suite struct ByteBlockTests {
    /// All 256 byte values, sixteen to a block, and what each test flags in them.
    static func flagged(_ test: (__m128i) -> __m128i) -> [Bool] {
      let bytes = (0...255).map(UInt8.init)
      return bytes.withUnsafeBufferPointer { buffer in
        stride(from: 0, to: 256, by: 16).flatMap { offset -> [Bool] in
          guard let block = ByteBlock.load(buffer, at: offset) else { return [] }
          let bits = ByteBlock.bits(test(block))
          return (0..<16).map { bits >> $0 & 1 == 1 }
        }
      }
    }

    @Test(arguments: [0x00, 0x20, 0x41, 0x7F, 0x80, 0xC2, 0xFF] as [UInt8])
    func flagsEachByteAsItsValueSays(limit: UInt8) {
      let values = (0...255).map(UInt8.init)
      #expect(Self.flagged { ByteBlock.equal($0, limit) } == values.map { $0 == limit })
      #expect(Self.flagged { ByteBlock.below($0, limit) } == values.map { $0 < limit })
      for high in [0x3A, 0x5B, 0xC0, 0xEE] as [UInt8] where high > limit {
        #expect(Self.flagged { ByteBlock.between($0, limit, high) } == values.map { $0 > limit && $0 < high })
      }
      #expect(Self.flagged(ByteBlock.continuations) == values.map { $0 & 0xC0 == 0x80 })
      #expect(
        Self.flagged { ByteBlock.or(ByteBlock.equal($0, 0x20), ByteBlock.equal($0, limit)) }
          == values.map { $0 == 0x20 || $0 == limit })
      let splat = ByteBlock.Bytes(limit)
      let matched = values.withUnsafeBufferPointer { buffer in
        stride(from: 0, to: 256, by: 16).flatMap { offset -> [Bool] in
          guard let block = ByteBlock.load(buffer, at: offset) else { return [] }
          return (0..<16).map { splat.matches(in: block) >> $0 & 1 == 1 }
        }
      }
      #expect(matched == values.map { $0 == limit })
    }

    /// Lowercasing a block lowers ASCII capitals and leaves every other byte, stored back
    /// where it was read.
    @Test func lowercasesTheASCIICapitalsOfABlock() {
      let values = (0...255).map(UInt8.init)
      var output = [UInt8](repeating: 0, count: 256)
      values.withUnsafeBufferPointer { buffer in
        output.withUnsafeMutableBytes { output in
          for offset in stride(from: 0, to: 256, by: 16) {
            if let block = ByteBlock.load(buffer, at: offset) {
              ByteBlock.store(ByteBlock.lowercasingASCII(block), in: output, at: offset)
            }
          }
        }
      }
      #expect(output == values.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
      #expect(values.withUnsafeBufferPointer { ByteBlock.load($0, at: 241) } == nil)
    }

    @Test(arguments: [0, 1, 254, 255, 256, 1_000])
    func countsFlaggedBytesPastTheFold(adds: Int) {
      var lanes = BlockLanes()
      let mask = _mm_set_epi32(-1, 0, 0xFF, 0x00FF_00FF)
      for _ in 0..<adds { lanes.add(mask) }
      #expect(lanes.total == adds * 7)
    }
  }
#endif
