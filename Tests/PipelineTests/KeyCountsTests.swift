import Testing

@testable import Pipeline

/// `KeyCounts` holds a count per 64-bit key in its own open-addressed table.
struct KeyCountsTests {
  /// Keys that share their top bits after the multiplication land in one slot and probe on;
  /// the zero key is a key like any other; a table made large at first (with no growth
  /// left to do) or small counts alike.
  @Test(arguments: [0, 100, 10_000])
  func countsSurviveCollisionsGrowthAndTheZeroKey(minimumCapacity: Int) {
    var table = KeyCounts(minimumCapacity: minimumCapacity)
    var expected: [UInt64: UInt32] = [:]
    // Multiples of 2^60 collide in a small table; the rest are spread.
    let keys: [UInt64] = [0, 1, 1 << 60, 2 << 60, 3 << 60, .max] + (1...5000).map { $0 &* 0x9E37_79B9 }
    for (index, key) in keys.enumerated() {
      let amount = UInt32(index % 3 + 1)
      table.add(amount, to: key)
      expected[key, default: 0] += amount
    }
    table.add(7, to: 1 << 60)
    expected[1 << 60, default: 0] += 7
    #expect(table.count == expected.count)
    for (key, count) in expected { #expect(table[key] == count, "\(key)") }
    #expect(table[12345] == 0)
    #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, $0.count) }) == expected)
    // The frequent keys alone: those counted three times or more, none of those counted less
    // (the zero key, counted once, among the latter).
    let frequent = table.entries(countedAtLeast: 3)
    #expect(
      Dictionary(uniqueKeysWithValues: frequent.map { ($0.key, $0.count) })
        == expected.filter { $0.value >= 3 })
    #expect(frequent.contains { $0.key == 0 } == (expected[0, default: 0] >= 3))
    #expect(table.entries(countedAtLeast: 0).count == expected.count)
  }

  /// A line's keys added at once count as they do added one by one: repeats within the line,
  /// keys the table holds already, colliding and negative keys, and a table that must grow
  /// more than once for one call.
  @Test func addingALinesKeysAtOnceCountsAsOneByOne() {
    var atOnce = KeyCounts()
    var oneByOne = KeyCounts()
    let lines: [[Int]] = [
      [1, 1, 2], [], [1 << 60, 2 << 60, 3 << 60, -1, Int.min, 0, 0],
      (1...200).map { $0 &* 0x9E37_79B9 }, [2, 2, 2, -1],
    ]
    for line in lines {
      atOnce.addOne(toEach: line[...])
      for key in line { oneByOne.add(1, to: UInt64(UInt(bitPattern: key))) }
    }
    #expect(atOnce == oneByOne)
    #expect(atOnce.count == oneByOne.count)
    #expect(atOnce[2] == 4)
    #expect(atOnce[UInt64(UInt(bitPattern: -1))] == 2)
  }

  @Test func setReplacesACountAndFilterKeepsWhatItAccepts() {
    var table = KeyCounts()
    table.add(1, to: 10)
    table.add(1, to: 20)
    table.set(5, for: 10)
    #expect(table[10] == 5)
    let kept = table.filter { $0 > 1 }
    #expect(kept.count == 1)
    #expect(kept[10] == 5)
    #expect(kept[20] == 0)
  }

  /// Tables filled in different orders, and so laid out differently after growing, are equal
  /// when their keys and counts are; one count apart, they are not.
  @Test func equalityIgnoresTheLayout() {
    var forward = KeyCounts()
    var backward = KeyCounts()
    let keys = (0..<300).map { UInt64($0) << 58 | UInt64($0) }
    for key in keys { forward.add(2, to: key) }
    for key in keys.reversed() { backward.add(2, to: key) }
    #expect(forward == backward)
    backward.add(1, to: keys[7])
    #expect(forward != backward)
    #expect(KeyCounts() == KeyCounts())
  }
}

/// `ByteLanes` counts the flagged bytes of masks as their bit counts do, past the 255 adds at
/// which its lanes fold.
struct ByteLanesTests {
  @Test(arguments: [0, 1, 254, 255, 256, 1_000])
  func countsAsBitCountsDo(adds: Int) {
    var lanes = ByteLanes()
    var expected = 0
    for index in 0..<adds {
      // Every pattern of high bits in turn, all eight set among them.
      let mask = (UInt64(index) &* 0x9E37_79B9_7F4A_7C15) & 0x8080_8080_8080_8080
      let full = index % 7 == 0 ? 0x8080_8080_8080_8080 : mask
      lanes.add(full)
      expected += full.nonzeroBitCount
    }
    #expect(lanes.total == expected)
  }
}

/// A buffer's scalars, counted eight bytes at a time, are its bytes that are not continuation
/// bytes, at every length and past the 255 words at which the counts fold.
struct ScalarCountTests {
  @Test(arguments: ["plain ASCII text", "Zoë – “quoted” 日本語 😀", String(repeating: "é日a", count: 900)])
  func countsTheBytesThatStartScalars(text: String) {
    let bytes = Array(text.utf8)
    for length in Set([0, 1, 7, 8, 9, 17, bytes.count / 2, bytes.count]) where length <= bytes.count {
      let prefix = Array(bytes.prefix(length))
      let counted = prefix.withUnsafeBufferPointer { UTF8Scan.scalarCount(in: $0) }
      #expect(counted == prefix.filter { $0 & 0xC0 != 0x80 }.count, "\(length)")
    }
  }
}
