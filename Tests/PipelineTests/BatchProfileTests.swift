import Testing

@testable import Pipeline

/// `BatchProfile` counts the files of a batch that hold each line, by a key blind to case,
/// digits, punctuation and link targets.
struct BatchProfileTests {
  func key(_ line: String) -> UInt64? { BatchProfile.key(of: Array(line.utf8)[...]) }

  @Test func aLineKeepsItsKeyAcrossCaseDigitsPunctuationAndLinkTargets() {
    let base = key("Harbour office opening hours")
    #expect(base != nil)
    #expect(key("harbour OFFICE opening hours (3)") == base)
    #expect(key("* [Harbour office](https://one.example/a) opening hours") == base)
    #expect(key("[Harbour office](/b?x=1) opening hours 2026") == base)
    // Look-alikes with other letters are other lines.
    #expect(key("Harbour offices opening hours") != base)
    #expect(key("Harbour office closing hours") != base)
  }

  /// The key is FNV-1a over the line's letters, folded to lowercase, link targets left out:
  /// saved profiles hold these values, so the hash is pinned to its definition.
  @Test(arguments: [
    "Harbour office opening hours", "* [Harbour office](https://one.example/a) opening hours",
    "Ünïcode lëtters 12 and ASCII", "a b c", "日本語のニュース", "Tab\tand\rreturn",
  ])
  func keysAreFNV1aOfTheLettersFolded(line: String) {
    var bytes = Array(line.utf8)[...]
    var letters: [UInt8] = []
    while let byte = bytes.popFirst() {
      if byte == 0x5D, bytes.first == 0x28 {
        bytes = bytes.drop { $0 != 0x29 }.dropFirst()
        continue
      }
      if (0x41...0x5A).contains(byte) { letters.append(byte | 0x20) }
      if (0x61...0x7A).contains(byte) || byte >= 0x80 { letters.append(byte) }
    }
    let expected = letters.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    #expect(key(line) == (letters.count >= 3 ? expected : nil), "\(line)")
  }

  @Test func nonASCIILettersCount() {
    #expect(key("日本語のニュース") != nil)
    #expect(key("日本語のニュース") != key("日本語のニュー"))
  }

  @Test func tooShortOrTooLongLinesHaveNoKey() {
    #expect(key("12 | -- | 7") == nil)
    #expect(key("ab") == nil)
    #expect(key(String(repeating: "word ", count: 100)) != nil)  // 400 letters, the most
    #expect(key(String(repeating: "word ", count: 101)) == nil)
  }

  /// Long lines around the limit, with letters of other scripts, digits and link targets:
  /// the count ahead of the hash decides as the hash's own count does.
  @Test(arguments: [399, 400, 401, 402, 407])
  func longLinesAreCountedAsTheHashCountsThem(letters: Int) {
    let plain =
      String(repeating: "é", count: letters / 2) + String(repeating: "a", count: letters - letters / 2 * 2)
    let spread = String(repeating: "a 1 ", count: letters)
    #expect((key(plain) != nil) == (letters <= 400), "\(letters)")
    #expect((key(spread) != nil) == (letters <= 400), "\(letters)")
    // A link target's letters are not counted, however long the line.
    let linked =
      "[" + String(repeating: "b", count: letters - 1) + "](https://" + String(repeating: "c", count: 300)
      + ")"
    #expect((key(linked) != nil) == (letters - 1 <= 400), "\(letters)")
  }

  func profile(_ files: [String]) -> BatchProfile {
    BatchProfile(files: files.map { Array($0.utf8) })
  }

  func bucket(_ profile: BatchProfile, _ line: String) -> Int {
    profile.bucket(of: Array(line.utf8)[...])
  }

  @Test func countsEachFileOnceAndBucketsOnALogScale() {
    let shared = "Harbour office opening hours"
    let files = (0..<9).map {
      "Story \($0 < 5 ? "one" : "two") of the day\n\(shared)\n\(shared)\nOnly in file \($0)"
    }
    let batch = profile(files)
    #expect(batch.fileCount == 9)
    // In all nine: eight others, however often each file repeats it.
    #expect(bucket(batch, shared) == 4)
    #expect(bucket(batch, "Story one of the day") == 3)  // four others
    #expect(bucket(batch, "Story two of the day") == 2)  // three others
    #expect(bucket(batch, "Only in file 3") == 4)  // digits are ignored: all nine
    #expect(bucket(batch, "A line no file has") == 0)
    let pair = profile(["Harbour office opening hours\nfirst", "Harbour office opening hours\nsecond"])
    #expect(bucket(pair, shared) == 1)
    #expect(bucket(pair, "first") == 0)
  }

  @Test func theTopBucketHoldsEveryWiderLine() {
    let batch = profile((0..<200).map { "Harbour office opening hours\nstory \($0)" })
    #expect(bucket(batch, "Harbour office opening hours") == BatchProfile.Limits.topBucket)
  }

  @Test func aFileViewChangesOnlyWhenOneOfItsLinesChangesBucket() {
    let file = "Harbour office opening hours\nA story of its own."
    let three = profile([file, "Harbour office opening hours", "Harbour office opening hours"])
    let four = profile([
      file, "Harbour office opening hours", "Harbour office opening hours", "Harbour office opening hours",
    ])
    let five = profile([file] + Array(repeating: "Harbour office opening hours", count: 4))
    let bytes = Array(file.utf8)
    // Two and three others share a bucket; four others are the next.
    #expect(three.view(of: bytes) == four.view(of: bytes))
    #expect(four.view(of: bytes) != five.view(of: bytes))
    #expect(three.sha256 != four.sha256)
  }

  /// Lines end at a line feed or a carriage return, found eight bytes at a time: an end at
  /// every offset of a word, lines of every length around eight, and a last line without an end.
  @Test func linesEndAtEveryLineFeedAndCarriageReturn() {
    for length in 0..<20 {
      for end in [UInt8(0x0A), 0x0D] {
        let line = (0..<length).map { UInt8(0x61 + $0 % 26) }
        let text = line + [end] + line + [0x0D, 0x0A] + line
        var seen: [[UInt8]] = []
        BatchProfile.forEachLine(of: text) { seen.append(Array($0)) }
        // `\r\n` is two ends, with an empty line between them.
        let expected = length == 0 ? [line, line, line] : [line, line, [], line]
        #expect(seen == expected, "\(length) \(end)")
      }
    }
  }

  @Test func aSavedProfileReadsBackTheSame() throws {
    let batch = profile([
      "Harbour office opening hours\nx one", "Harbour office opening hours\ny two", "z three",
    ])
    let saved = batch.encoded()
    #expect(String(decoding: saved, as: UTF8.self).hasPrefix("docclean-profile 1\nfiles 3\n"))
    let read = try BatchProfile(decoding: saved, path: "p")
    #expect(read == batch)
    #expect(read.sha256 == batch.sha256)
    #expect(BatchProfile.empty.encoded() == Array("docclean-profile 1\nfiles 0\n".utf8))
  }

  /// A saved profile's lines are each key in sixteen hex digits, zeros leading, and its count
  /// in decimal, sorted by key: the form its SHA-256, which provenance records, is taken of.
  @Test func savesEachKeyInSixteenHexDigits() throws {
    let keys: [UInt64] = [0, 0xF, 0xAB, 0x1234_5678, 0x0FFF_FFFF_FFFF_FFFF, .max, 0x8000_0000_0000_0001]
    var text = "docclean-profile 1\nfiles 70000\n"
    for (index, key) in keys.enumerated().sorted(by: { $0.element < $1.element }) {
      let hex = String(key, radix: 16)
      text +=
        String(repeating: "0", count: 16 - hex.count) + hex
        + " \([2, 9, 10, 99, 100, 65_536, 70_000][index])\n"
    }
    let read = try BatchProfile(decoding: Array(text.utf8), path: "p")
    #expect(read.encoded() == Array(text.utf8))
  }

  @Test(arguments: [
    ("not a profile\n", "does not start with"),
    ("docclean-profile 1\nfiles x\n", "line 2"),
    ("docclean-profile 1\nfiles 3\nzz 2\n", "line 3"),
    ("docclean-profile 1\nfiles 3\n00000000000000ab 9\n", "line 3"),
  ])
  func aDamagedProfileIsAnErrorNamingTheFile(text: String, reason: String) {
    #expect {
      try BatchProfile(decoding: Array(text.utf8), path: "saved.profile")
    } throws: { error in
      let message = "\(error)"
      return message.hasPrefix("saved.profile: not a batch profile") && message.contains(reason)
    }
  }
}
