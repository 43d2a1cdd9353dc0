#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Substring search on UTF-8 bytes, which the rules use instead of Foundation's string search.
enum ByteSearch {
  /// The offset of the first occurrence of `needle` in `haystack`, if any.
  static func firstOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard let first = needle.first else { return 0 }
    guard needle.count <= haystack.count else { return nil }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pin in
        let last = hay.count - pin.count
        var start = 0
        while start <= last {
          guard let base = hay.baseAddress, let pattern = pin.baseAddress,
            let found = memchr(base + start, Int32(first), last - start + 1)
          else { return nil }
          let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          if memcmp(base + offset, pattern, pin.count) == 0 { return offset }
          start = offset + 1
        }
        return nil
      }
    }
  }

  /// Whether `haystack` contains `needle`.
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    firstOffset(of: needle, in: haystack) != nil
  }

  /// `text` split at the first `separator`, if it has one.
  static func splitOnce(_ text: String, at separator: String) -> (before: String, after: String)? {
    let bytes = Array(text.utf8)
    let pattern = Array(separator.utf8)
    guard let offset = firstOffset(of: pattern, in: bytes) else { return nil }
    return (
      String(decoding: bytes[..<offset], as: UTF8.self),
      String(decoding: bytes[(offset + pattern.count)...], as: UTF8.self)
    )
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
struct PhraseList: Sendable {
  let phrases: [[UInt8]]

  init(_ phrases: [String]) {
    self.phrases = phrases.map { Array($0.utf8) }
  }

  /// How many of the phrases occur in `lower`, a lowercased line's bytes.
  func count(in lower: [UInt8]) -> Int {
    phrases.reduce(0) { $0 + (ByteSearch.contains(lower, $1) ? 1 : 0) }
  }

  /// Whether any phrase occurs in `lower`.
  func matches(_ lower: [UInt8]) -> Bool {
    phrases.contains { ByteSearch.contains(lower, $0) }
  }

  /// Whether `lower` starts with one of the phrases.
  func prefixes(_ lower: [UInt8]) -> Bool {
    phrases.contains { lower.starts(with: $0) }
  }
}
