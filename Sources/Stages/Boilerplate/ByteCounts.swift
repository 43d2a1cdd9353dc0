import Pipeline

#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// What a line's bytes count: words, scalars, and whether any byte is not ASCII or may be
/// markdown markup; and what the markup shape of a line without links reads (`shape`).
///
/// Every line of every document is read, in one pass: sixteen bytes at a time with SSE2 on
/// x86-64 (which every such processor has), and eight at a time in a 64-bit word for what the
/// blocks leave and on other processors.
struct ByteCounts {
  /// The runs of bytes between spaces and tabs.
  var words = 0
  /// The bytes that are not UTF-8 continuation bytes.
  var scalars = 0
  var isASCII = true
  /// Whether a byte is `*`, `[`, `_`, `#`, `<` or `!`, which may start markdown markup.
  var hasMarkup = false
  /// The ASCII digits.
  var digits = 0
  var shape = Shape()

  /// The counts `LineMarkupShape` takes for a line with no link, image or address.
  struct Shape {
    /// The bytes a reader sees: not continuation bytes, spaces, `*`, `_` or `#`.
    var visible = 0
    var pipes = 0
    /// The leads of scalars of the scripts written without spaces (E3 to ED).
    var noSpaceScalars = 0
    /// Whether a byte may open a link, an image or an address (`[`, `@`, `http`), or is
    /// 0xE0, which leads Thai letters among others: such a line is scanned. An image's `!`, a
    /// closing `]` and an address's `<` count only beside a `[` or an `http`, which are
    /// flagged themselves; alone they are text, as exclamation marks are.
    var mayHaveLinks = false
  }

  /// The counts of `buffer`, `shape` among them.
  init(_ buffer: UnsafeBufferPointer<UInt8>) {
    self.init(buffer, readsShape: true, inBlocks: true)
  }

  /// The counts of `buffer` but `shape`: for a line's plain text, whose shape is not asked.
  init(plain buffer: UnsafeBufferPointer<UInt8>) {
    self.init(buffer, readsShape: false, inBlocks: true)
  }

  /// The counts of `buffer`, read in sixteen-byte blocks where the processor has them and
  /// `inBlocks` asks for them (the tests read every line both ways).
  @inline(__always)
  init(_ buffer: UnsafeBufferPointer<UInt8>, readsShape: Bool, inBlocks: Bool) {
    var index = 0
    #if arch(x86_64)
      if inBlocks { index = countBlocks(buffer, readsShape: readsShape) }
    #endif
    var nonASCII: UInt64 = 0
    var markup: UInt64 = 0
    var special: UInt64 = 0
    // The high bit of byte 0 set when the byte before it is a space, or there is none.
    var spaceBefore: UInt64 = index == 0 || buffer[index - 1] == 0x20 || buffer[index - 1] == 0x09 ? 0x80 : 0
    // The counts of the eight-byte words, summed after the loop.
    var (wordLanes, continuationLanes, digitLanes) = (ByteLanes(), ByteLanes(), ByteLanes())
    var (unseenLanes, pipeLanes, noSpaceLanes) = (ByteLanes(), ByteLanes(), ByteLanes())
    var wordCount = 0
    while let word = ByteWord.load(buffer, at: index) {
      let blanks = ByteWord.equalMask(word, 0x20)
      let spaces = blanks | ByteWord.equalMask(word, 0x09)
      // A word starts at a byte that is no space after one that is (or after none).
      let wordStarts = ~spaces & (spaces << 8 | spaceBefore) & 0x8080_8080_8080_8080
      wordLanes.add(wordStarts)
      let continuations = ByteWord.continuationMask(word)
      continuationLanes.add(continuations)
      wordCount += 1
      nonASCII |= ByteWord.nonASCIIMask(word)
      let (stars, brackets, underscores) =
        (ByteWord.equalMask(word, 0x2A), ByteWord.equalMask(word, 0x5B), ByteWord.equalMask(word, 0x5F))
      let (hashes, angles, bangs) =
        (ByteWord.equalMask(word, 0x23), ByteWord.equalMask(word, 0x3C), ByteWord.equalMask(word, 0x21))
      markup |= stars | brackets | underscores | hashes | angles | bangs
      digitLanes.add(ByteWord.between(word, 0x2F, 0x3A))
      spaceBefore = spaces >> 56
      index += 8
      guard readsShape else { continue }
      special |=
        brackets | ByteWord.equalMask(word, 0x40) | ByteWord.equalMask(word, 0xE0)
      unseenLanes.add(continuations | blanks | stars | underscores | hashes)
      pipeLanes.add(ByteWord.equalMask(word, 0x7C))
      // E3 to ED lead the scripts written without spaces: with the high bit flipped they
      // are the only bytes from 0x63 to 0x6D.
      noSpaceLanes.add(ByteWord.between(word ^ 0x8080_8080_8080_8080, 0x62, 0x6E))
      var aitches = shape.mayHaveLinks ? 0 : ByteWord.equalMask(word, 0x68)
      while aitches != 0 {
        if LineMarkupShape.hasPrefix(buffer, "http", at: index - 8 + aitches.trailingZeroBitCount / 8) {
          shape.mayHaveLinks = true
        }
        aitches &= aitches - 1
      }
    }
    words += wordLanes.total
    scalars += 8 * wordCount - continuationLanes.total
    digits += digitLanes.total
    if readsShape {
      shape.visible += 8 * wordCount - unseenLanes.total
      shape.pipes += pipeLanes.total
      shape.noSpaceScalars += noSpaceLanes.total
    }
    var inWord = spaceBefore == 0
    var tail: UInt8 = 0
    while index < buffer.count {
      let byte = buffer[index]
      let isSpace = byte == 0x20 || byte == 0x09
      words &+= !isSpace && !inWord ? 1 : 0
      inWord = !isSpace
      scalars &+= byte & 0xC0 == 0x80 ? 0 : 1
      tail |= byte
      digits &+= (0x30...0x39).contains(byte) ? 1 : 0
      hasMarkup =
        hasMarkup || byte == 0x2A || byte == 0x5B || byte == 0x5F || byte == 0x23 || byte == 0x3C
        || byte == 0x21
      index += 1
      guard readsShape else { continue }
      switch byte {
      case 0x5B, 0x40, 0xE0: shape.mayHaveLinks = true
      case 0x68 where LineMarkupShape.hasPrefix(buffer, "http", at: index - 1): shape.mayHaveLinks = true
      case 0x7C: shape.pipes += 1
      case 0xE3...0xED: shape.noSpaceScalars += 1
      default: break
      }
      let isUnseen = byte == 0x20 || byte == 0x2A || byte == 0x5F || byte == 0x23 || byte & 0xC0 == 0x80
      shape.visible &+= isUnseen ? 0 : 1
    }
    isASCII = isASCII && nonASCII == 0 && tail < 0x80
    hasMarkup = hasMarkup || markup != 0
    shape.mayHaveLinks = shape.mayHaveLinks || special != 0
  }
}

#if arch(x86_64)
  extension ByteCounts {
    /// Counts the whole sixteen-byte blocks of `buffer` and returns where they end; the
    /// counts are those of the eight-byte loop, flags as 0xFF bytes instead of high bits.
    @inline(__always)
    fileprivate mutating func countBlocks(_ buffer: UnsafeBufferPointer<UInt8>, readsShape: Bool) -> Int {
      var tallies = Tallies()
      var index = 0
      var nonASCII = _mm_setzero_si128()
      var markup = _mm_setzero_si128()
      var special = _mm_setzero_si128()
      var previousSpaces = _mm_set1_epi8(-1)
      while let block = ByteBlock.load(buffer, at: index) {
        let blanks = ByteBlock.equal(block, 0x20)
        let spaces = _mm_or_si128(blanks, ByteBlock.equal(block, 0x09))
        // The space flags moved one byte up, the last byte of the block before coming in
        // at byte 0 (in lanes of 64 bits: SSE2 shifts whole registers by constants only).
        let carried = _mm_srli_epi64(_mm_unpackhi_epi64(previousSpaces, previousSpaces), 56)
        let before = _mm_or_si128(
          _mm_slli_epi64(spaces, 8), _mm_unpacklo_epi64(carried, _mm_srli_epi64(spaces, 56)))
        tallies.words.add(_mm_andnot_si128(spaces, before))
        let continuations = ByteBlock.continuations(block)
        tallies.continuations.add(continuations)
        nonASCII = _mm_or_si128(nonASCII, block)
        let stars = ByteBlock.equal(block, 0x2A)
        let brackets = ByteBlock.equal(block, 0x5B)
        let underscores = ByteBlock.equal(block, 0x5F)
        let hashes = ByteBlock.equal(block, 0x23)
        let angles = ByteBlock.equal(block, 0x3C)
        let bangs = ByteBlock.equal(block, 0x21)
        markup = _mm_or_si128(
          markup,
          _mm_or_si128(
            _mm_or_si128(stars, brackets),
            _mm_or_si128(_mm_or_si128(underscores, hashes), _mm_or_si128(angles, bangs))))
        tallies.digits.add(ByteBlock.between(block, 0x2F, 0x3A))
        index += 16
        previousSpaces = spaces
        guard readsShape else { continue }
        special = _mm_or_si128(
          special,
          _mm_or_si128(brackets, _mm_or_si128(ByteBlock.equal(block, 0x40), ByteBlock.equal(block, 0xE0))))
        tallies.unseen.add(
          _mm_or_si128(
            _mm_or_si128(continuations, blanks), _mm_or_si128(_mm_or_si128(stars, underscores), hashes)))
        tallies.pipes.add(ByteBlock.equal(block, 0x7C))
        tallies.noSpace.add(ByteBlock.between(block, 0xE2, 0xEE))
        guard !shape.mayHaveLinks else { continue }
        var aitches = ByteBlock.bits(ByteBlock.equal(block, 0x68))
        while aitches != 0 {
          if LineMarkupShape.hasPrefix(buffer, "http", at: index - 16 + aitches.trailingZeroBitCount) {
            shape.mayHaveLinks = true
          }
          aitches &= aitches - 1
        }
      }
      words += tallies.words.total
      scalars += index - tallies.continuations.total
      digits += tallies.digits.total
      isASCII = ByteBlock.bits(nonASCII) == 0
      hasMarkup = ByteBlock.bits(markup) != 0
      if readsShape {
        shape.visible += index - tallies.unseen.total
        shape.pipes += tallies.pipes.total
        shape.noSpaceScalars += tallies.noSpace.total
        shape.mayHaveLinks = shape.mayHaveLinks || ByteBlock.bits(special) != 0
      }
      return index
    }

    private struct Tallies {
      var words = BlockLanes()
      var continuations = BlockLanes()
      var digits = BlockLanes()
      var unseen = BlockLanes()
      var pipes = BlockLanes()
      var noSpace = BlockLanes()
    }
  }
#endif
