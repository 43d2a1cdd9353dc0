import Testing

@testable import Stages

/// The table of whole lines that the boilerplate stage files by their bytes.
@Suite struct ByteKeyIndexTests {
  /// Keys of every length around the eight bytes the hash reads a step, some the same, some
  /// differing only in their last byte or only in length.
  static let keys: [[UInt8]] = (0...20).flatMap { length in
    [
      [UInt8](repeating: 0x61, count: length), [UInt8](repeating: 0x61, count: length) + [0x62],
      Array(String(repeating: "é", count: length).utf8),
    ]
  }

  @Test func filesEachKeyOnceUnderItsFirstIndexAsItGrows() {
    let keys = Self.keys + Self.keys
    var index = ByteKeyIndex(capacity: 1)
    var firsts: [Int?] = []
    for (position, key) in keys.enumerated() {
      let found = key.withUnsafeBufferPointer { bytes in
        index.insert(position, for: bytes, isKey: { keys[$0] == key })
      }
      firsts.append(found)
    }
    let expected = keys.indices.map { position in
      keys.firstIndex(of: keys[position]).flatMap { $0 < position ? $0 : nil }
    }
    #expect(firsts == expected)
    for key in Self.keys + [[0x7A], Array("absent from the table".utf8)] {
      let found = key.withUnsafeBufferPointer { bytes in index.index(of: bytes, isKey: { keys[$0] == key }) }
      #expect(found == keys.firstIndex(of: key))
    }
  }

  @Test func comparesBytesWhole() {
    let equal = { (left: String, right: String) in
      Array(left.utf8).withUnsafeBufferPointer { left in
        Array(right.utf8).withUnsafeBufferPointer { ByteKeyIndex.equal(left, $0) }
      }
    }
    #expect(equal("", "") && equal("same line", "same line"))
    #expect(!equal("same line", "same lime") && !equal("same line", "same line "))
  }
}

/// The substring search, which stops at a needle's first byte that is not a space.
@Suite struct FirstOffsetTests {
  static let needles = [" | ", "  |", " ", "   ", "a", " · ", "x y", " /"]

  /// Every needle at every offset of haystacks with spaces and near misses around it, found
  /// where a plain search finds it first.
  @Test(arguments: needles)
  func findsTheFirstOccurrenceAsAPlainSearchDoes(needle: String) {
    let pattern = Array(needle.utf8)
    for filler in ["", " ", "  |", " |", "| ", "· ·"] {
      for offset in 0...9 {
        let haystack = Array(
          (String(repeating: filler.isEmpty ? "q" : filler, count: offset) + needle + " |x").utf8)
        let plain = haystack.indices.first { haystack[$0...].starts(with: pattern) }
        #expect(ByteSearch.firstOffset(of: pattern, in: haystack) == plain, "\(needle) in \(haystack)")
        let slice = haystack[1...]
        #expect(
          ByteSearch.firstOffset(of: pattern, in: slice)
            == slice.indices.first { slice[$0...].starts(with: pattern) })
      }
    }
    #expect(ByteSearch.firstOffset(of: pattern, in: Array("  ".utf8)) == (needle == " " ? 0 : nil))
  }
}

@Suite struct HashedBytesTests {
  /// Keys equal by their bytes alone: the same bytes are one key, bytes that differ in one
  /// byte or in length are others.
  @Test func keysAreTheirBytes() {
    let keys = ["", "a", "ab", "ba", "abc", "abd", "日本", "日本語"].map { HashedBytes(Array($0.utf8)) }
    #expect(Set(keys + keys).count == keys.count)
    #expect(HashedBytes(Array("abc".utf8)).hashValue == HashedBytes(Array("abc".utf8)).hashValue)
    var counts: [HashedBytes: Int] = [:]
    for word in ["page", "12", "page", "Page"] { counts[HashedBytes(Array(word.utf8)), default: 0] += 1 }
    #expect(counts[HashedBytes(Array("page".utf8))] == 2 && counts.count == 3)
  }
}

/// `ByteTable` finds the first byte of its set a block of sixteen at a time where the set is
/// small, and a byte at a time otherwise; both find what a plain search finds, at every
/// offset of three blocks.
@Suite struct ByteTableTests {
  @Test(
    arguments: [[0x23, 0x2A, 0x5F, 0x5B, 0x3C, 0x3E, 0x26, 0x5C], [0xE2], Array(0x80...0xFF)] as [[UInt8]])
  func findsTheFirstByteOfItsSetAtEveryOffset(set: [UInt8]) {
    let table = ByteTable(set)
    for byte in set.prefix(3) + [0x00, 0x41] {
      for length in 0...44 {
        for offset in 0...length {
          var bytes = [UInt8](repeating: 0x61, count: length + 1)
          bytes[offset] = byte
          let expected = bytes.firstIndex(where: set.contains) ?? bytes.count
          #expect(table.firstIndex(in: bytes[...]) == expected, "\(byte) at \(offset) of \(length)")
          let slice = bytes[(offset / 2)...]
          #expect(table.firstIndex(in: slice) == (slice.firstIndex(where: set.contains) ?? slice.endIndex))
        }
      }
    }
  }
}
