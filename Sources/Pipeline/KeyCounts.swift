/// A count for each of a set of 64-bit keys, in one open-addressed table.
///
/// A batch profile's keys are hashes of lines, and the boilerplate stage's are hashes of
/// words: a dictionary's hashing of them again would be work spent twice, so a key's slot is
/// its top bits after one multiplication.
public struct KeyCounts: Sendable {
  /// A key and its count side by side, so that a probe reads one cache line: the table of
  /// a batch's lines is larger than the processor's caches.
  private struct Slot {
    var key: UInt64 = 0
    /// 0 where the slot is empty.
    var count: UInt32 = 0
  }

  private var slots: [Slot]
  /// How many keys the table holds.
  public private(set) var count = 0
  /// The shift that takes a mixed key to a slot: 64 less the bits of the capacity.
  private var shift: UInt64

  /// A table with no keys.
  public init() {
    self.init(minimumCapacity: 0)
  }

  /// A table with no keys, with room for `minimumCapacity` keys before it grows.
  public init(minimumCapacity: Int) {
    var capacity = Self.smallestCapacity
    while capacity < 2 * minimumCapacity { capacity *= 2 }
    slots = Array(repeating: Slot(), count: capacity)
    shift = UInt64(64 - capacity.trailingZeroBitCount)
  }

  /// The slots of the smallest table, a power of two.
  private static let smallestCapacity = 16

  /// The count of `key`, 0 where the table does not hold it.
  public subscript(key: UInt64) -> UInt32 {
    slots.withUnsafeBufferPointer { slots in
      var index = index(of: key)
      while slots[index].count != 0 {
        if slots[index].key == key { return slots[index].count }
        index = (index + 1) & (slots.count - 1)
      }
      return 0
    }
  }

  /// Adds `amount` (not 0) to the count of `key`.
  public mutating func add(_ amount: UInt32, to key: UInt64) {
    update(key) { $0 += amount }
  }

  /// Adds 1 to the count of each of `keys`, once for each time it occurs: one call for a
  /// line's words, where a call for each word cost more than its counting.
  public mutating func addOne(toEach keys: ArraySlice<Int>) {
    while 2 * (count + keys.count) > slots.count { grow() }
    let shift = shift
    var added = 0
    slots.withUnsafeMutableBufferPointer { slots in
      for key in keys {
        let key = UInt64(UInt(bitPattern: key))
        let index = Self.slot(of: key, in: slots, shift: shift)
        if slots[index].count == 0 {
          slots[index].key = key
          added += 1
        }
        slots[index].count += 1
      }
    }
    count += added
  }

  /// Sets the count of `key` to `value` (not 0).
  mutating func set(_ value: UInt32, for key: UInt64) {
    update(key) { $0 = value }
  }

  /// Calls `body` with each key and its count, in no particular order.
  func forEach(_ body: (UInt64, UInt32) -> Void) {
    for slot in slots where slot.count != 0 { body(slot.key, slot.count) }
  }

  /// The keys and their counts, in no particular order.
  public var entries: [(key: UInt64, count: UInt32)] {
    var entries: [(key: UInt64, count: UInt32)] = []
    entries.reserveCapacity(count)
    forEach { entries.append(($0, $1)) }
    return entries
  }

  /// The keys counted `minimum` times or more, with their counts, in no particular order.
  ///
  /// One scan of the slots that keeps only those: the boilerplate stage asks this of every
  /// document, whose frequent words are a few among hundreds.
  public func entries(countedAtLeast minimum: UInt32) -> [(key: UInt64, count: UInt32)] {
    var entries: [(key: UInt64, count: UInt32)] = []
    slots.withUnsafeBufferPointer { slots in
      for slot in slots where slot.count >= minimum && slot.count != 0 {
        entries.append((slot.key, slot.count))
      }
    }
    return entries
  }

  /// The keys whose counts `isIncluded` accepts, with their counts.
  func filter(_ isIncluded: (UInt32) -> Bool) -> KeyCounts {
    var keptCount = 0
    forEach { _, count in if isIncluded(count) { keptCount += 1 } }
    // Sized once: a batch's recurring lines are tens of thousands, and growing to them rehashes.
    var kept = KeyCounts(minimumCapacity: keptCount)
    forEach { key, count in
      if isIncluded(count) { kept.set(count, for: key) }
    }
    return kept
  }

  private func index(of key: UInt64) -> Int {
    Self.index(of: key, shift: shift)
  }

  private static func index(of key: UInt64, shift: UInt64) -> Int {
    // Fibonacci hashing: the multiplication spreads every bit of the key into the top bits.
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The slot that holds `key`, or the empty slot where it goes: the probe that adding and
  /// setting share.
  @inline(__always)
  private static func slot(of key: UInt64, in slots: UnsafeMutableBufferPointer<Slot>, shift: UInt64) -> Int {
    var index = index(of: key, shift: shift)
    while slots[index].count != 0, slots[index].key != key { index = (index + 1) & (slots.count - 1) }
    return index
  }

  /// Changes the count of `key` with `change`, inserting the key with a count of 0 first
  /// where the table does not hold it.
  private mutating func update(_ key: UInt64, _ change: (inout UInt32) -> Void) {
    // Half full at most, so that a probe ends soon.
    if 2 * (count + 1) > slots.count { grow() }
    let shift = shift
    let inserted = slots.withUnsafeMutableBufferPointer { slots in
      let index = Self.slot(of: key, in: slots, shift: shift)
      let isNew = slots[index].count == 0
      slots[index].key = key
      change(&slots[index].count)
      return isNew
    }
    if inserted { count += 1 }
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Slot(), count: 2 * old.count)
    shift -= 1
    count = 0
    for slot in old where slot.count != 0 { set(slot.count, for: slot.key) }
  }
}

extension KeyCounts: Equatable {
  /// Two tables are equal when they hold the same keys with the same counts, however their
  /// slots are laid out.
  public static func == (lhs: KeyCounts, rhs: KeyCounts) -> Bool {
    guard lhs.count == rhs.count else { return false }
    return lhs.entries.allSatisfy { rhs[$0.key] == $0.count }
  }
}
