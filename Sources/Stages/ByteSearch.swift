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
    guard let first = needle.first else { return 0 }
    guard needle.count <= haystack.count, let base = haystack.baseAddress, let pattern = needle.baseAddress
    else {
      return nil
    }
    let last = haystack.count - needle.count
    var start = 0
    while start <= last {
      guard let found = memchr(base + start, Int32(first), last - start + 1) else { return nil }
      let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if memcmp(base + offset, pattern, needle.count) == 0 { return offset }
      start = offset + 1
    }
    return nil
  }

  /// Whether `haystack` contains `needle`.
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
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

/// A set of bytes, kept in four words, so that a scan tests a byte without a table in memory.
struct ByteSet: Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0
  private var lowUpper: UInt64 = 0
  private var highUpper: UInt64 = 0

  init(_ bytes: [UInt8]) {
    for byte in bytes {
      let bit: UInt64 = 1 << UInt64(byte & 63)
      switch byte >> 6 {
      case 0: low |= bit
      case 1: high |= bit
      case 2: lowUpper |= bit
      default: highUpper |= bit
      }
    }
  }

  func contains(_ byte: UInt8) -> Bool {
    // Selects, where a switch would jump through a table on every byte of a scan.
    let lower = byte & 0x40 == 0 ? low : high
    let upper = byte & 0x40 == 0 ? lowUpper : highUpper
    let word = byte & 0x80 == 0 ? lower : upper
    return word >> UInt64(byte & 63) & 1 != 0
  }
}

/// A list of lowercase phrases, kept as UTF-8 for byte search.
///
/// Finds all of them in one pass over a line. A bit per hash of three bytes says whether some
/// phrase starts with bytes of that hash, so most positions of a line cost one bit test, where
/// a search per phrase would scan the line once for every phrase. The phrases of a hash are
/// kept in flat arrays, found by the hash's rank among the set bits, so that a position that
/// passes the test costs no dictionary lookup either.
struct PhraseList: Sendable {
  let phrases: [[UInt8]]
  /// The phrases' bytes one after the other; phrase `i` is `bytes[starts[i]..<starts[i + 1]]`.
  private let bytes: [UInt8]
  private let starts: [Int]
  /// The phrases of one byte, which no hash of three bytes can file.
  private let single: [Int]
  /// One bit per hash of the first three bytes of a phrase. A two-byte phrase has no third
  /// byte, so it sets the bits of its two bytes with every third byte.
  private let hashBits: [UInt64]
  /// For each word of `hashBits`, how many bits the words before it have set.
  private let rankBefore: [Int32]
  /// The phrases of the hash of rank `r` are `candidates[candidateStarts[r]..<candidateStarts[r + 1]]`.
  private let candidateStarts: [Int32]
  private let candidates: [Int32]

  init(_ phrases: [String]) {
    self.phrases = phrases.map { Array($0.utf8) }
    var byHash: [Int: [Int]] = [:]
    var single: [Int] = []
    for (index, phrase) in self.phrases.enumerated() where !phrase.isEmpty {
      guard phrase.count >= 2 else {
        single.append(index)
        continue
      }
      let thirds = phrase.count == 2 ? Array(0...255) : [Int(phrase[2])]
      for third in thirds {
        let hash = Self.hash(phrase[0], phrase[1], UInt8(third))
        // Two thirds of a two-byte phrase can share a hash; the phrase is filed there once.
        if byHash[hash]?.last != index { byHash[hash, default: []].append(index) }
      }
    }
    var hashBits = [UInt64](repeating: 0, count: Self.hashCount / 64)
    for hash in byHash.keys { hashBits[hash >> 6] |= 1 << UInt64(hash & 63) }
    var rankBefore: [Int32] = []
    var rank: Int32 = 0
    for word in hashBits {
      rankBefore.append(rank)
      rank += Int32(word.nonzeroBitCount)
    }
    var candidateStarts: [Int32] = [0]
    var candidates: [Int32] = []
    for hash in byHash.keys.sorted() {
      candidates += (byHash[hash] ?? []).map { Int32($0) }
      candidateStarts.append(Int32(candidates.count))
    }
    self.bytes = self.phrases.flatMap { $0 }
    self.starts = self.phrases.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
    self.single = single
    self.hashBits = hashBits
    self.rankBefore = rankBefore
    self.candidateStarts = candidateStarts
    self.candidates = candidates
  }

  /// Whether any phrase occurs in `lower`.
  func matches(_ lower: [UInt8]) -> Bool {
    var any = false
    forEachOccurrence(in: lower) { _ in
      any = true
      return false
    }
    return any
  }

  /// Whether `lower` starts with one of the phrases.
  func prefixes(_ lower: [UInt8]) -> Bool {
    phrases.contains { !$0.isEmpty && lower.starts(with: $0) }
  }

  /// Calls `body` with the index of each phrase found at each position, until it returns false.
  func forEachOccurrence(in lower: [UInt8], _ body: (Int) -> Bool) {
    for index in single where lower.contains(phrases[index][0]) {
      guard body(index) else { return }
    }
    guard lower.count >= 2 else { return }
    lower.withUnsafeBufferPointer { text in
      bytes.withUnsafeBufferPointer { phraseBytes in
        hashBits.withUnsafeBufferPointer { hashBits in
          guard let textBase = text.baseAddress, let phraseBase = phraseBytes.baseAddress else { return }
          for start in 0..<(text.count - 1) {
            let hash: Int
            if start + 4 <= text.count {
              // One load for the three bytes the hash reads, where most positions end.
              let word = UnsafeRawPointer(textBase + start).loadUnaligned(as: UInt32.self)
              hash = Self.hash(UInt32(littleEndian: word) & 0xFF_FFFF)
            } else {
              // At the last byte, only a two-byte phrase can start; their hashes take any third byte.
              let third = start + 2 < text.count ? text[start + 2] : 0
              hash = Self.hash(text[start], text[start + 1], third)
            }
            let word = hashBits[hash >> 6]
            let bit: UInt64 = 1 << UInt64(hash & 63)
            guard word & bit != 0 else { continue }
            let rank = Int(rankBefore[hash >> 6]) + (word & (bit &- 1)).nonzeroBitCount
            for slot in Int(candidateStarts[rank])..<Int(candidateStarts[rank + 1]) {
              let index = Int(candidates[slot])
              let from = starts[index]
              let count = starts[index + 1] - from
              guard start + count <= text.count, memcmp(textBase + start, phraseBase + from, count) == 0
              else {
                continue
              }
              guard body(index) else { return }
            }
          }
        }
      }
    }
  }

  /// The number of hash values, a power of two.
  private static let hashCount = 1 << 16

  private static func hash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    hash(UInt32(first) | UInt32(second) << 8 | UInt32(third) << 16)
  }

  /// The hash of three bytes, the first in the low byte of `bytes`: the high bits of a
  /// multiplication by a large odd number, where every input bit reaches.
  private static func hash(_ bytes: UInt32) -> Int {
    Int((bytes &* 0x9E37_79B1) >> 16)
  }
}
