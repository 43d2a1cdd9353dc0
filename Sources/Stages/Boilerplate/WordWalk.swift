import Pipeline

#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// The walk over a line's words that the main-text model's word counts take: the words that
/// are capitalized, those that end in a comma, and the keys of the short ones.
///
/// It reads the line 64 bytes at a time as masks, one bit a byte, and counts from the masks:
/// it stops only at the words it must read, the short ones (about a third of prose's words)
/// and those that start with a byte above ASCII. A step for every word, which branches on
/// the word's length, cost most of the walk, as word lengths do not predict.
enum WordWalk {
  /// The counts of a line's words.
  struct Counts: Equatable {
    /// Words whose first scalar is a capital.
    var capitalized = 0
    /// Words whose last byte is a comma.
    var commas = 0
  }

  /// Walks the words of `plain`, the runs of bytes between spaces and tabs, appending the key
  /// of each short word (`BlockFeatures.shortWordKey`) to `keys` in the order of the words.
  ///
  /// `inBlocks` reads the masks with SSE2 where the processor has it (the tests read every
  /// line both ways).
  static func walk(_ plain: UnsafeBufferPointer<UInt8>, keys: inout [Int], inBlocks: Bool = true) -> Counts {
    let chunks = (plain.count + 63) / 64
    // The line, then spaces: a word's end needs no test of the line's, and each chunk may
    // read the one after it. A line has at most one word for every two bytes, and one more.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: (chunks + 1) * 64) { padded in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: plain.count / 2 + 1) { found in
        guard let base = padded.baseAddress, let foundBase = found.baseAddress else { return Counts() }
        if let source = plain.baseAddress { base.initialize(from: source, count: plain.count) }
        (base + plain.count).initialize(repeating: 0x20, count: padded.count - plain.count)
        var walker = Walker(bytes: UnsafeBufferPointer(padded), found: foundBase, inBlocks: inBlocks)
        for chunk in 0..<chunks { walker.walk(chunkAt: chunk * 64) }
        // The keys go to `keys` at once: an append for each word would check for room and
        // sharing every time.
        keys.append(contentsOf: UnsafeBufferPointer(start: foundBase, count: walker.foundCount))
        return walker.counts
      }
    }
  }

  /// The state of one walk: the chunk it is on and the one after it.
  private struct Walker {
    let bytes: UnsafeBufferPointer<UInt8>
    let found: UnsafeMutablePointer<Int>
    let inBlocks: Bool
    var foundCount = 0
    var counts = Counts()
    var current: WordMasks
    /// Bit 0 set when the byte before the chunk is a space or a tab, or there is none.
    var separatorBefore: UInt64 = 1

    init(bytes: UnsafeBufferPointer<UInt8>, found: UnsafeMutablePointer<Int>, inBlocks: Bool) {
      self.bytes = bytes
      self.found = found
      self.inBlocks = inBlocks
      current = WordMasks(bytes, at: 0, inBlocks: inBlocks)
    }

    /// Counts the words that start in the 64 bytes from `offset`.
    mutating func walk(chunkAt offset: Int) {
      let next = WordMasks(bytes, at: offset + 64, inBlocks: inBlocks)
      let separators = current.separators
      let starts = ~separators & (separators << 1 | separatorBefore)
      // A word ends at a byte before a separator; the next chunk's first two ends are read
      // from its own separators, since a short word may run into it.
      let ends = ~separators & (separators >> 1 | next.separators << 63)
      let nextEnds = ~next.separators & next.separators >> 1
      let endsWithinTwo = ends | (ends >> 1 | nextEnds << 63) | (ends >> 2 | nextEnds << 62)
      let nonASCII = current.nonASCII
      let nonASCIIWithinThree =
        nonASCII | (nonASCII >> 1 | next.nonASCII << 63) | (nonASCII >> 2 | next.nonASCII << 62)
        | (nonASCII >> 3 | next.nonASCII << 61)
      counts.commas += (ends & current.commas).nonzeroBitCount
      counts.capitalized += (starts & current.capitals).nonzeroBitCount
      var otherStarts = starts & nonASCII
      while otherStarts != 0 {
        let scalar = UTF8Scan.scalar(in: bytes, at: offset + otherStarts.trailingZeroBitCount).0
        if ScalarProperties.isUppercase(scalar) { counts.capitalized += 1 }
        otherStarts &= otherStarts - 1
      }
      // A word of up to three bytes that starts with a letter is short; a longer one may be
      // only where its first four bytes are not all ASCII (`shortWordKey`).
      let lettered = starts & current.letters
      let short = lettered & endsWithinTwo
      var candidates = short | lettered & nonASCIIWithinThree
      // The buffer and its count are kept here while the keys are found: a key written
      // through the buffer might, for all the compiler knows, change them in `self`.
      let found = self.found
      var foundCount = self.foundCount
      while candidates != 0 {
        let bit = candidates.trailingZeroBitCount
        candidates &= candidates - 1
        if short >> bit & 1 != 0 {
          let following = separators >> bit | next.separators << (64 - bit)
          found[foundCount] = WordWalk.shortKey(
            bytes, at: offset + bit, length: (following >> 1).trailingZeroBitCount + 1)
          foundCount += 1
        } else if let key = BlockFeatures.shortWordKey(word(at: offset + bit)) {
          found[foundCount] = key
          foundCount += 1
        }
      }
      self.foundCount = foundCount
      separatorBefore = separators >> 63
      current = next
    }

    /// The word at `start`, or its first thirteen bytes, which are enough to tell that it is
    /// not short.
    private func word(at start: Int) -> UnsafeBufferPointer<UInt8> {
      var end = start + 1
      while end - start <= 12, bytes[end] != 0x20, bytes[end] != 0x09 { end += 1 }
      return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
  }

  /// `BlockFeatures.lowerKey` of the `length` bytes (one to three) at `start`, which may be
  /// followed by two more: the three steps are taken and one is chosen, with no branch on the
  /// length.
  @inline(__always)
  static func shortKey(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> Int {
    let first = BlockFeatures.lowerKeyStep(BlockFeatures.lowerKeyBasis, bytes[start])
    let second = BlockFeatures.lowerKeyStep(first, bytes[start + 1])
    let third = BlockFeatures.lowerKeyStep(second, bytes[start + 2])
    return Int(truncatingIfNeeded: length == 1 ? first : length == 2 ? second : third)
  }
}

/// What the word walk asks of 64 bytes, one bit a byte, byte 0 in bit 0.
struct WordMasks {
  /// Spaces and tabs, which part words.
  var separators: UInt64 = 0
  var nonASCII: UInt64 = 0
  /// The bytes a short word may start with: ASCII letters and the leads of scalars past
  /// U+007F (`BlockFeatures.shortWordKey`).
  var letters: UInt64 = 0
  /// ASCII capitals.
  var capitals: UInt64 = 0
  var commas: UInt64 = 0

  /// The masks of the 64 bytes from `offset` of `bytes`, which must hold them.
  @inline(__always)
  init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, inBlocks: Bool) {
    #if arch(x86_64)
      if inBlocks {
        for block in 0..<4 {
          guard let loaded = ByteBlock.load(bytes, at: offset + 16 * block) else { return }
          add(loaded, shift: UInt64(16 * block))
        }
        return
      }
    #endif
    for index in 0..<64 {
      let byte = bytes[offset + index]
      let bit: UInt64 = 1 << UInt64(index)
      separators |= byte == 0x20 || byte == 0x09 ? bit : 0
      nonASCII |= byte >= 0x80 ? bit : 0
      letters |= BlockFeatures.isLetterByte(byte) ? bit : 0
      capitals |= (0x41...0x5A).contains(byte) ? bit : 0
      commas |= byte == 0x2C ? bit : 0
    }
  }

  #if arch(x86_64)
    /// Adds the masks of sixteen bytes, shifted to their place.
    @inline(__always)
    private mutating func add(_ block: __m128i, shift: UInt64) {
      let bits = { (mask: __m128i) in UInt64(ByteBlock.bits(mask)) << shift }
      let capitals = ByteBlock.between(block, 0x40, 0x5B)
      let leads = ByteBlock.without(ByteBlock.below(block, 0xC0), in: _mm_set1_epi8(-1))
      separators |= bits(ByteBlock.or(ByteBlock.equal(block, 0x20), ByteBlock.equal(block, 0x09)))
      nonASCII |= bits(block)
      letters |= bits(ByteBlock.or(ByteBlock.or(capitals, ByteBlock.between(block, 0x60, 0x7B)), leads))
      self.capitals |= bits(capitals)
      commas |= bits(ByteBlock.equal(block, 0x2C))
    }
  #endif
}
