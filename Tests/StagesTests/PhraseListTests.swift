import Testing

@testable import Stages

/// `PhraseList` files phrases by hashes of their first bytes and tests every other position
/// of a line; these tests hold it to a plain search for each phrase at each offset.
@Suite struct PhraseListTests {
  /// Phrases of every length from one byte, searched one by one below five bytes; `aaaaa`
  /// is filed twice under one hash and overlaps itself in the lines of `a`s.
  static let phrases = [
    "©", "vk", "(c)", "xing", "share", "aaaaa", "follow us", "subscribe", "поделиться",
    "tous droits réservés",
  ]

  /// Every phrase, at every offset of a line, found where a plain search finds it.
  @Test(arguments: phrases)
  func findsEachPhraseAtEveryOffset(phrase: String) {
    let list = PhraseList(Self.phrases)
    for offset in 0...12 {
      for tail in 0...9 {
        let line = Array(
          (String(repeating: "a", count: offset) + phrase + String(repeating: "b", count: tail)).utf8)
        #expect(Self.found(by: list, in: line) == Self.plainSearch(in: line), "\(phrase) at \(offset)")
      }
    }
  }

  @Test(arguments: [
    "", "a", "ab", "sha", "shar", "xin", "share", "the views of the author", "vvkk ©© follow usfollow us",
    "sharesharexingxing(c)", "aaaaaa", "a share",
  ])
  func findsWhatAPlainSearchFinds(line: String) {
    let bytes = Array(line.utf8)
    #expect(Self.found(by: PhraseList(Self.phrases), in: bytes) == Self.plainSearch(in: bytes))
  }

  @Test func stopsWhenAsked() {
    var calls = 0
    Array("share share share".utf8).withUnsafeBufferPointer { line in
      PhraseList(Self.phrases).forEachOccurrence(in: line) { _ in
        calls += 1
        return false
      }
    }
    #expect(calls == 1)
  }

  /// The phrase indices found, with how often, as the list reports them.
  static func found(by list: PhraseList, in line: [UInt8]) -> [Int: Int] {
    var counts: [Int: Int] = [:]
    line.withUnsafeBufferPointer { buffer in
      list.forEachOccurrence(in: buffer) { index in
        counts[index, default: 0] += 1
        return true
      }
    }
    return counts
  }

  static func plainSearch(in line: [UInt8]) -> [Int: Int] {
    var counts: [Int: Int] = [:]
    for (index, phrase) in phrases.enumerated() {
      let needle = Array(phrase.utf8)
      for start in line.indices where line[start...].starts(with: needle) { counts[index, default: 0] += 1 }
    }
    return counts
  }
}
