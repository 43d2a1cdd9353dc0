import Pipeline
import Testing

@testable import Stages

/// The word walk counts from masks of 64 bytes and reads only the words it must; these tests
/// hold it to a walk of every word, with the telling word at every offset across the chunks'
/// edges, read with SSE2 and without.
@Suite struct WordWalkTests {
  /// What a walk of every word gives: capitals, commas and short words' keys.
  static func walkedWordByWord(_ bytes: [UInt8]) -> (counts: WordWalk.Counts, keys: [Int]) {
    var counts = WordWalk.Counts()
    var keys: [Int] = []
    for word in bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }) {
      if word.last == 0x2C { counts.commas += 1 }
      if UTF8Scan.scalar(in: Array(word), at: 0).0.properties.isUppercase { counts.capitalized += 1 }
      if let key = BlockFeatures.shortWordKey(word) { keys.append(key) }
    }
    return (counts, keys)
  }

  static func expectWalkedAsWordByWord(_ bytes: [UInt8], _ comment: Comment) {
    let expected = walkedWordByWord(bytes)
    for inBlocks in [true, false] {
      var keys = [7]
      let counts = bytes.withUnsafeBufferPointer { WordWalk.walk($0, keys: &keys, inBlocks: inBlocks) }
      #expect(counts == expected.counts, comment)
      #expect(keys == [7] + expected.keys, comment)
    }
  }

  /// `piece` at every offset of lines up to two chunks and a half long, between words that
  /// are not short, and alone between spaces.
  @Test(arguments: [
    "a", "Ab,", "abc", "abcd", "de,", "É", "éa", "Été", "étés", "不", "日本語", "日本語だ", "Ωμέγα", "ωμ",
    "1a", "-a", "x\ty", ",", "A", "Über", "a\u{301}b", "İ",
  ])
  func walksAsWordByWordAtEveryOffset(piece: String) {
    for length in [0, 1, 2, 3, 61, 62, 63, 64, 65, 127, 128, 150] {
      for offset in 0...length {
        let before = String(repeating: "x", count: offset)
        let after = String(repeating: "y", count: length - offset)
        for line in [before + piece + after, before + " " + piece + " " + after, piece + " " + before] {
          Self.expectWalkedAsWordByWord(Array(line.utf8), "\(line)")
        }
      }
    }
  }

  /// Bytes that are no UTF-8 are words as others are: a stray continuation byte or a lone
  /// lead opens no capital, and a short word of them is keyed by its bytes, even one of four
  /// bytes whose last counts as no scalar.
  @Test func walksBrokenBytesAsWordByWord() {
    let pieces: [[UInt8]] = [
      [0x80], [0xC3], [0xC3, 0x41], [0xFF, 0x61], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x61, 0x62, 0x63, 0x80],
    ]
    for piece in pieces {
      for offset in 0...66 {
        let line = Array(repeating: 0x78, count: offset) + [0x20] + piece + [0x20, 0x41, 0x2C]
        Self.expectWalkedAsWordByWord(line, "\(piece) at \(offset)")
      }
    }
  }

  /// Every line of the fixtures, prose in several languages and markdown among them.
  @Test(arguments: ["function-words.txt", "markdown-lines.md", "date-lines.txt", "nfd.txt"])
  func walksTheFixturesAsWordByWord(name: String) throws {
    let text = try Paths.fixture(name)
    for line in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
      Self.expectWalkedAsWordByWord(Array(line), "\(String(decoding: line, as: UTF8.self))")
    }
  }

  /// A short word's key, chosen among three steps, is the key of its bytes alone.
  @Test func keysShortWordsAsTheWholeKeyDoes() {
    let bytes = Array("Ab cD é x".utf8) + [0x20, 0x20]
    bytes.withUnsafeBufferPointer { buffer in
      #expect(WordWalk.shortKey(buffer, at: 0, length: 2) == BlockFeatures.lowerKey(Array("ab".utf8)))
      #expect(WordWalk.shortKey(buffer, at: 3, length: 2) == BlockFeatures.lowerKey(Array("cd".utf8)))
      #expect(WordWalk.shortKey(buffer, at: 6, length: 2) == BlockFeatures.lowerKey(Array("é".utf8)))
      #expect(WordWalk.shortKey(buffer, at: 9, length: 1) == BlockFeatures.lowerKey(Array("x".utf8)))
      #expect(WordWalk.shortKey(buffer, at: 0, length: 3) != WordWalk.shortKey(buffer, at: 0, length: 2))
    }
  }
}
