import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Substring search on UTF-8 bytes, which the rules use instead of Foundation's string search.
enum ByteSearch {
  /// The offset of the first occurrence of `needle` in `haystack`, if any.
  static func firstOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pin in firstOffset(of: pin, in: hay) }
    }
  }

  /// The index in `haystack` of the first occurrence of `needle`, if any.
  static func firstOffset(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
    haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pin in firstOffset(of: pin, in: hay).map { haystack.startIndex + $0 } }
    }
  }

  /// The offset of the first occurrence of `needle` in `haystack`, if any.
  static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    guard !needle.isEmpty else { return 0 }
    guard needle.count <= haystack.count, let base = haystack.baseAddress, let pattern = needle.baseAddress
    else {
      return nil
    }
    // The search stops at the needle's first byte that is not a space (` | `, ` · `): spaces
    // are the commonest byte of text, and each stop costs a comparison.
    let anchor = needle.firstIndex { $0 != 0x20 } ?? 0
    let last = haystack.count - needle.count
    var start = 0
    while start <= last {
      guard let found = memchr(base + start + anchor, Int32(needle[anchor]), last - start + 1) else {
        return nil
      }
      let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - anchor
      if memcmp(base + offset, pattern, needle.count) == 0 { return offset }
      start = offset + 1
    }
    return nil
  }

  /// The index of the first `byte` in `bytes` at or after `start`, found with `memchr`.
  static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
    guard start < bytes.endIndex else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      let offset = start - bytes.startIndex
      guard let found = memchr(base + offset, Int32(byte), buffer.count - offset) else { return nil }
      return bytes.startIndex + base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// Whether `haystack` contains `needle`.
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    firstOffset(of: needle, in: haystack) != nil
  }

  /// Whether `needle` occurs in `haystack`.
  static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
    firstOffset(of: needle, in: haystack) != nil
  }

  /// `text` split at the first `separator`, if it has one.
  static func splitOnce(_ text: String, at separator: String) -> (before: String, after: String)? {
    var text = text
    var separator = separator
    return text.withUTF8 { bytes in
      separator.withUTF8 { pattern in
        guard let offset = firstOffset(of: pattern, in: bytes) else { return nil }
        return (
          String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offset]), as: UTF8.self),
          String(decoding: UnsafeBufferPointer(rebasing: bytes[(offset + pattern.count)...]), as: UTF8.self)
        )
      }
    }
  }

  /// `text` split at every `separator`.
  static func split(_ text: String, at separator: String) -> [String] {
    var parts: [String] = []
    var rest = text
    while let (before, after) = splitOnce(rest, at: separator) {
      parts.append(before)
      rest = after
    }
    parts.append(rest)
    return parts
  }
}

/// A set of bytes as a table of 256 flags, for scans that step over most bytes.
///
/// A set of a few bytes is also kept as SSE2 blocks of each byte on x86-64, so that a scan
/// tests sixteen bytes of text against it at once.
struct ByteTable: Sendable {
  private let flags: [Bool]
  #if arch(x86_64)
    /// Each byte of the set sixteen times over, where the set has few enough bytes that
    /// comparing a block with each is quicker than reading the flags a byte at a time.
    private let blocks: [ByteBlock.Bytes]
  #endif

  /// The most bytes a set may have to be scanned a block at a time.
  private static let blockMembers = 8

  init(_ bytes: [UInt8]) {
    var flags = [Bool](repeating: false, count: 256)
    for byte in bytes { flags[Int(byte)] = true }
    self.flags = flags
    #if arch(x86_64)
      let members = (0...255).filter { flags[$0] }.map(UInt8.init)
      blocks = members.count <= Self.blockMembers ? members.map(ByteBlock.Bytes.init) : []
    #endif
  }

  /// Whether `byte` is in the table.
  func contains(_ byte: UInt8) -> Bool { flags[Int(byte)] }

  /// The first offset in `range` of `text` whose byte is in the table, or `range.upperBound`.
  func firstIndex(in text: [UInt8], _ range: Range<Int>) -> Int {
    firstIndex(in: text[range])
  }

  /// The first index of `bytes` whose byte is in the table, or `bytes.endIndex`.
  func firstIndex(in bytes: ArraySlice<UInt8>) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var offset = 0
      #if arch(x86_64)
        if !blocks.isEmpty {
          offset = blocks.withUnsafeBufferPointer { blocks in
            var offset = 0
            while let block = ByteBlock.load(buffer, at: offset) {
              var found: UInt32 = 0
              for member in blocks { found |= member.matches(in: block) }
              if found != 0 { return offset + found.trailingZeroBitCount }
              offset += 16
            }
            return offset
          }
        }
      #endif
      flags.withUnsafeBufferPointer { flags in
        while offset < buffer.count, !flags[Int(buffer[offset])] { offset += 1 }
      }
      return bytes.startIndex + offset
    }
  }
}

/// A list of lowercase phrases, kept as UTF-8 for byte search.
///
/// Finds all of them in one pass over a line. A bit per hash of four bytes says whether some
/// phrase has bytes of that hash at one of its first `sampling` offsets, so a position costs
/// one bit test, where a search per phrase would scan the line once for every phrase; four
/// bytes pass the test far less often than three would (`the`, `com` open many words). Only
/// every `sampling`-th position of a line is tested: a phrase of at least `sampling + 3`
/// bytes has four of its first bytes at one of them wherever it stands. The rare shorter
/// phrases are searched for one by one.
struct PhraseList: Sendable {
  let phrases: [[UInt8]]
  /// The phrases' bytes one after the other; phrase `i` is `bytes[starts[i]..<starts[i + 1]]`.
  private let bytes: [UInt8]
  private let starts: [Int]
  /// The phrases too short to be found at the tested positions.
  private let short: [Int]
  /// The longer phrases by the hash of their four bytes at each offset below `sampling`, filed
  /// as `index * sampling + offset`.
  private let long: HashedBuckets

  /// How far apart the tested positions of a line are: every second position halves the
  /// hashing, and leaves few phrases to search one by one (those of two to four bytes).
  static let sampling = 2

  init(_ phrases: [String]) {
    self.phrases = phrases.map { Array($0.utf8) }
    var long: [Int: [Int]] = [:]
    var short: [Int] = []
    for (index, phrase) in self.phrases.enumerated() where !phrase.isEmpty {
      guard phrase.count >= Self.sampling + 3 else {
        short.append(index)
        continue
      }
      for offset in 0..<Self.sampling {
        let hash = Self.hash(Self.fourBytes(of: phrase, at: offset))
        long[hash, default: []].append(index * Self.sampling + offset)
      }
    }
    self.bytes = self.phrases.flatMap { $0 }
    self.starts = self.phrases.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
    self.short = short
    self.long = HashedBuckets(long)
  }

  private static func fourBytes(of phrase: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(phrase[offset + $1]) << (8 * $1) }
  }

  /// Whether any phrase occurs in `lower`.
  func matches(_ lower: ArraySlice<UInt8>) -> Bool {
    var any = false
    lower.withUnsafeBufferPointer { buffer in
      forEachOccurrence(in: buffer) { _ in
        any = true
        return false
      }
    }
    return any
  }

  /// Whether `lower` starts with one of the phrases.
  func prefixes(_ lower: ArraySlice<UInt8>) -> Bool {
    phrases.contains { !$0.isEmpty && lower.starts(with: $0) }
  }

  /// Calls `body` with the index of each phrase found, once for each place it is found,
  /// until `body` returns false. The short phrases come first; the others come in no
  /// particular order.
  func forEachOccurrence(in lower: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Bool) {
    guard let textBase = lower.baseAddress else { return }
    for index in short {
      let phrase = phrases[index]
      var from = 0
      while from + phrase.count <= lower.count,
        let found = memchr(textBase + from, Int32(phrase[0]), lower.count - from)
      {
        let offset = textBase.distance(to: found.assumingMemoryBound(to: UInt8.self))
        from = offset + 1
        guard offset + phrase.count <= lower.count else { break }
        guard (1..<phrase.count).allSatisfy({ lower[offset + $0] == phrase[$0] }) else { continue }
        guard body(index) else { return }
      }
    }
    guard lower.count >= 4 else { return }
    bytes.withUnsafeBufferPointer { phraseBytes in
      long.withBits { bits in
        guard let phraseBase = phraseBytes.baseAddress else { return }
        let raw = UnsafeRawPointer(textBase)
        /// Calls `body` for the phrases with bytes of the hash of the four bytes at
        /// `position`; false once `body` has asked to stop.
        func found(at position: Int) -> Bool {
          let head = raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)
          guard let slots = long.bucket(of: Self.hash(UInt32(littleEndian: head))) else { return true }
          for slot in slots {
            let filed = long.phrase(at: slot)
            let (index, offset) = filed.quotientAndRemainder(dividingBy: Self.sampling)
            let start = position - offset
            let from = starts[index]
            let count = starts[index + 1] - from
            guard start >= 0, start + count <= lower.count,
              memcmp(textBase + start, phraseBase + from, count) == 0
            else { continue }
            guard body(index) else { return false }
          }
          return true
        }
        let last = lower.count - 4
        var position = 0
        // Four positions a step; a step where no position's hash has phrases, as most are,
        // costs no branch of its own.
        while position + 3 * Self.sampling <= last {
          let filed =
            HashedBuckets.filed(Self.hash(at: position, in: raw), in: bits)
            | HashedBuckets.filed(Self.hash(at: position + Self.sampling, in: raw), in: bits)
            | HashedBuckets.filed(Self.hash(at: position + 2 * Self.sampling, in: raw), in: bits)
            | HashedBuckets.filed(Self.hash(at: position + 3 * Self.sampling, in: raw), in: bits)
          if filed != 0 {
            for step in 0..<4 {
              guard found(at: position + step * Self.sampling) else { return }
            }
          }
          position += 4 * Self.sampling
        }
        while position <= last {
          guard found(at: position) else { return }
          position += Self.sampling
        }
      }
    }
  }

  /// The hash of the four bytes at `offset` of `text`.
  @inline(__always)
  private static func hash(at offset: Int, in text: UnsafeRawPointer) -> Int {
    hash(UInt32(littleEndian: text.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
  }

  /// The hash of four bytes, the first in the low byte of `bytes`: the high bits of a
  /// multiplication by a large odd number, where every input bit reaches.
  private static func hash(_ bytes: UInt32) -> Int {
    Int((bytes &* 0x9E37_79B1) >> 16)
  }
}

/// Phrase indices filed by a 16-bit hash, in flat arrays.
///
/// A bit per hash says whether the hash has phrases; they are found by the hash's rank among
/// the set bits, so that a position that passes the bit test costs no dictionary lookup.
private struct HashedBuckets: Sendable {
  private let bits: [UInt64]
  /// For each word of `bits`, how many bits the words before it have set.
  private let rankBefore: [Int32]
  /// The phrases of the hash of rank `r` are `phrases[starts[r]..<starts[r + 1]]`.
  private let starts: [Int32]
  private let phrases: [Int32]

  init(_ byHash: [Int: [Int]]) {
    var bits = [UInt64](repeating: 0, count: (1 << 16) / 64)
    for hash in byHash.keys { bits[hash >> 6] |= 1 << UInt64(hash & 63) }
    var rankBefore: [Int32] = []
    var rank: Int32 = 0
    for word in bits {
      rankBefore.append(rank)
      rank += Int32(word.nonzeroBitCount)
    }
    var starts: [Int32] = [0]
    var phrases: [Int32] = []
    for hash in byHash.keys.sorted() {
      phrases += (byHash[hash] ?? []).map { Int32($0) }
      starts.append(Int32(phrases.count))
    }
    self.bits = bits
    self.rankBefore = rankBefore
    self.starts = starts
    self.phrases = phrases
  }

  /// The slots of the phrases filed under `hash`, or nil when it has none.
  @inline(__always)
  func bucket(of hash: Int) -> Range<Int>? {
    let word = bits[hash >> 6]
    let bit: UInt64 = 1 << UInt64(hash & 63)
    guard word & bit != 0 else { return nil }
    let rank = Int(rankBefore[hash >> 6]) + (word & (bit &- 1)).nonzeroBitCount
    return Int(starts[rank])..<Int(starts[rank + 1])
  }

  func phrase(at slot: Int) -> Int { Int(phrases[slot]) }

  /// Calls `body` with the bits that say which hashes have phrases.
  func withBits<Result>(_ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
    bits.withUnsafeBufferPointer(body)
  }

  /// Nonzero where `hash` has phrases, by `bits` (from `withBits`): a mask, so that the
  /// answers for several hashes combine without a branch.
  @inline(__always)
  static func filed(_ hash: Int, in bits: UnsafeBufferPointer<UInt64>) -> UInt64 {
    bits[hash >> 6] & (1 << UInt64(hash & 63))
  }
}

/// Byte strings filed by their bytes, each under the index the caller gives it: open
/// addressing on a hash that reads eight bytes a step, for the tables of whole lines that
/// every document builds, where hashing byte by byte cost more than the lookups.
///
/// The table keeps indices and hashes only; the caller says whether the bytes of an index
/// are the ones looked up, so that lines stay where they are.
struct ByteKeyIndex {
  /// An index plus one, or 0 for an empty slot.
  private var slots: [Int32]
  /// The hash of each slot's bytes, compared before the bytes are.
  private var hashes: [Int]
  private var count = 0

  /// A table for about `capacity` keys; it grows past them.
  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = [Int32](repeating: 0, count: size)
    hashes = [Int](repeating: 0, count: size)
  }

  /// The index filed under `bytes`, where `isKey` says an index's bytes are `bytes`.
  func index(of bytes: UnsafeBufferPointer<UInt8>, isKey: (Int) -> Bool) -> Int? {
    find(Self.hash(bytes), isKey: isKey).index
  }

  /// The index filed under `bytes` already, or nil after filing `index` under them.
  mutating func insert(_ index: Int, for bytes: UnsafeBufferPointer<UInt8>, isKey: (Int) -> Bool) -> Int? {
    let hash = Self.hash(bytes)
    var (found, slot) = find(hash, isKey: isKey)
    if let found { return found }
    if (count + 1) * 2 > slots.count {
      grow()
      slot = find(hash, isKey: { _ in false }).slot
    }
    slots[slot] = Int32(index + 1)
    hashes[slot] = hash
    count += 1
    return nil
  }

  /// The index with `hash` whose bytes `isKey` accepts, or the empty slot where it would go.
  private func find(_ hash: Int, isKey: (Int) -> Bool) -> (index: Int?, slot: Int) {
    var slot = hash & (slots.count - 1)
    while slots[slot] != 0 {
      let index = Int(slots[slot]) - 1
      if hashes[slot] == hash, isKey(index) { return (index, slot) }
      slot = (slot + 1) & (slots.count - 1)
    }
    return (nil, slot)
  }

  private mutating func grow() {
    let old = (slots: slots, hashes: hashes)
    slots = [Int32](repeating: 0, count: old.slots.count * 2)
    hashes = [Int](repeating: 0, count: slots.count)
    for (entry, hash) in zip(old.slots, old.hashes) where entry != 0 {
      var slot = hash & (slots.count - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
      slots[slot] = entry
      hashes[slot] = hash
    }
  }

  /// Whether two byte strings are the same.
  static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    guard left.count == right.count else { return false }
    guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
    return memcmp(leftBase, rightBase, left.count) == 0
  }

  /// Eight bytes a step, multiplied and folded; the length is mixed in first.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
    var index = 0
    while let word = ByteWord.load(bytes, at: index) {
      hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash >> 32
      index += 8
    }
    var tail: UInt64 = 0
    for (shift, byte) in bytes[index...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
    hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return Int(truncatingIfNeeded: hash ^ hash >> 29)
  }
}

/// Bytes as a dictionary key, hashed as one run: an array of bytes hashes byte by byte,
/// which costs more than the look-ups where every line of a text is a key.
struct HashedBytes: Hashable {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(bytes.count)
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
