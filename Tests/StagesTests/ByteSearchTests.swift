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
