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

/// A list of lowercase phrases, kept as UTF-8 for byte search.
///
/// Finds all of them in one pass over a line: each phrase is filed under its first two bytes,
/// and a bit per byte pair says whether any phrase starts with it, so most positions of a line
/// cost one bit test, where a search per phrase would scan the line once for every phrase.
/// Common pairs (`th`, `co`) start some phrase; a second bit, for a hash of the first three
/// bytes, spares those positions the lookup of the phrases filed under the pair.
struct PhraseList: Sendable {
  let phrases: [[UInt8]]
  /// The phrases, by their first two bytes.
  private let byPair: [UInt16: [Int]]
  /// One bit per byte pair that some phrase starts with.
  private let pairBits: [UInt64]
  /// The phrases of one byte, which no pair can file.
  private let single: [Int]
  /// One bit per hash of the first three bytes of a phrase, and all bits set for the pairs
  /// of two-byte phrases, which have no third byte.
  private let tripleBits: [UInt64]

  init(_ phrases: [String]) {
    self.phrases = phrases.map { Array($0.utf8) }
    var byPair: [UInt16: [Int]] = [:]
    var pairBits = [UInt64](repeating: 0, count: 1024)
    var single: [Int] = []
    var tripleBits = [UInt64](repeating: 0, count: 1024)
    for (index, phrase) in self.phrases.enumerated() where !phrase.isEmpty {
      guard phrase.count >= 2 else {
        single.append(index)
        continue
      }
      let pair = UInt16(phrase[0]) << 8 | UInt16(phrase[1])
      byPair[pair, default: []].append(index)
      pairBits[Int(pair >> 6)] |= 1 << UInt64(pair & 63)
      if phrase.count == 2 {
        for third in 0...255 { Self.set(Self.triple(phrase[0], phrase[1], UInt8(third)), in: &tripleBits) }
      } else {
        Self.set(Self.triple(phrase[0], phrase[1], phrase[2]), in: &tripleBits)
      }
    }
    self.tripleBits = tripleBits
    self.byPair = byPair
    self.pairBits = pairBits
    self.single = single
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
      pairBits.withUnsafeBufferPointer { pairBits in
        tripleBits.withUnsafeBufferPointer { tripleBits in
          for start in 0..<(text.count - 1) {
            let pair = UInt16(text[start]) << 8 | UInt16(text[start + 1])
            guard pairBits[Int(pair >> 6)] & (1 << UInt64(pair & 63)) != 0 else { continue }
            // At the last byte, only a two-byte phrase can start; their pairs set every third byte.
            let third = start + 2 < text.count ? text[start + 2] : 0
            let bit = Self.triple(text[start], text[start + 1], third)
            guard tripleBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = byPair[pair] else {
              continue
            }
            for index in candidates where Self.occurs(phrases[index], in: text, at: start) {
              guard body(index) else { return }
            }
          }
        }
      }
    }
  }

  private static func triple(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    Int((UInt32(first) &* 0x9E37 ^ UInt32(second) &* 0x85EB ^ UInt32(third) &* 0xC2B3) & 0xFFFF)
  }

  private static func set(_ bit: Int, in bits: inout [UInt64]) {
    bits[bit >> 6] |= 1 << UInt64(bit & 63)
  }

  private static func occurs(_ phrase: [UInt8], in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    guard start + phrase.count <= text.count else { return false }
    for offset in 2..<phrase.count where text[start + offset] != phrase[offset] { return false }
    return true
  }
}
