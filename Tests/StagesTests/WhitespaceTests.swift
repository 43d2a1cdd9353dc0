import Testing

@testable import Stages

@Suite struct WhitespaceTests {
  @Test(
    arguments: [
      ("a  b", "a b", "whitespace.run"),
      ("a\tb", "a b", "whitespace.run"),
      ("prix\u{A0}\u{A0}5 €", "prix 5 €", "whitespace.run"),
      ("a\u{2003}b", "a b", "whitespace.run"),
      ("   indented", "indented", "whitespace.indent"),
      ("\u{3000}全角", "全角", "whitespace.indent"),
      ("trailing  \nnext", "trailing\nnext", "whitespace.trailing"),
      ("end \t", "end", "whitespace.trailing"),
      ("   \n", "\n", "whitespace.indent"),
    ])
  func tidiesSpaces(input: String, expected: String, rule: String) throws {
    let run = try StageRun(Whitespace(), on: input)
    #expect(run.output == expected)
    #expect(run.rules == [rule])
  }

  @Test(
    arguments: [
      "One space between words.\n\nNext paragraph.\n",
      "Hyphen-ated, em—dash and € sign.\n",
      "Arabic: مرحبا بالعالم\n",
    ])
  func leavesSingleSpacesAlone(input: String) throws {
    let run = try StageRun(Whitespace(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }

  /// Every space the stage edits, at every offset of a line, so that the sixteen- and
  /// eight-byte steps over plain words can hide none of them.
  @Test(arguments: ["  ", "\t", "\u{A0}", "\u{2003}", " \u{3000}"])
  func findsSpacesAtEveryOffset(space: String) throws {
    for offset in 1...40 {
      let before = String(repeating: "a", count: offset)
      let after = String(repeating: "b", count: 44 - offset)
      let run = try StageRun(Whitespace(), on: before + space + after + "\n")
      #expect(run.output == before + " " + after + "\n", "offset \(offset)")
    }
  }

  /// A run of spaces after a curly quote, an accented letter or a lone space, at every
  /// offset: the steps past the bytes before a possible space stop at each of them.
  @Test(arguments: ["”", "é", "a b", "日本", "\u{2014}"])
  func findsARunAfterOtherBytesAtEveryOffset(lead: String) throws {
    for offset in 0...40 {
      let before = String(repeating: "a", count: offset) + lead
      let run = try StageRun(Whitespace(), on: before + "  \u{A0}tail of the line\n")
      #expect(run.output == before + " tail of the line\n", "offset \(offset)")
    }
  }

  @Test(arguments: [0x20, 0x09, 0x0A, 0x0B, 0x01, 0xC2, 0xE2, 0xE3] as [UInt8])
  func countsTheBytesBeforeAPossibleSpace(stop: UInt8) {
    for position in 0..<8 {
      var bytes = Array("wordsé!x".utf8.prefix(8))
      bytes[position] = stop
      let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
      #expect(Whitespace.bytesBeforeSpace(word) == position, "\(stop) at \(position)")
    }
    #expect(Whitespace.bytesBeforeSpace(0x6F77_A9C3_6472_6F77) == 8)
  }

  /// The bytes stepped over at once end at the first byte that may start a space or end a
  /// line, in a block of sixteen as in a word of eight; inside a line, single spaces between
  /// words are stepped over.
  @Test(arguments: [0x20, 0x09, 0x0A, 0x0B, 0x01, 0xC2, 0xE2, 0xE3] as [UInt8])
  func skipsTheBytesBeforeAPossibleSpace(stop: UInt8) {
    for length in [8, 12, 16, 20] {
      for position in 0..<min(length, 16) {
        var bytes = Array(String(repeating: "wordsé!x", count: 3).utf8.prefix(length))
        bytes[position] = stop
        let skip = bytes.withUnsafeBufferPointer { Whitespace.bytesToSkip($0, at: 0, lineStart: true) }
        // Fewer than sixteen bytes are stepped over a word of eight at a time.
        #expect(skip == (length >= 16 ? position : min(position, 8)), "\(stop) at \(position) of \(length)")
      }
    }
    let words = Array("two words, a few of them".utf8)
    let skip = words.withUnsafeBufferPointer { Whitespace.bytesToSkip($0, at: 0, lineStart: false) }
    #expect(skip == 16)
    let spaceLast = Array("two words, a fe and more".utf8)
    let stopped = spaceLast.withUnsafeBufferPointer { Whitespace.bytesToSkip($0, at: 0, lineStart: false) }
    #expect(stopped == 3)
  }

  @Test func findsTrailingSpaceAtEveryOffset() throws {
    for offset in 1...40 {
      let line = String(repeating: "a", count: offset)
      let run = try StageRun(Whitespace(), on: line + " \nnext")
      #expect(run.output == line + "\nnext", "offset \(offset)")
    }
  }

  @Test(arguments: [0x6F77_2073_6472_6F77 as UInt64, 0x6120_6220_6320_6420])
  func stepsOverPlainWords(word: UInt64) {
    #expect(Whitespace.isPlainWords(word))
  }

  @Test(arguments: [
    0x6F77_2020_6472_6F77 as UInt64,  // two spaces
    0x2064_726F_7720_6120,  // a space last
    0x6F77_0A73_6472_6F77,  // a line feed
    0x6F77_A0C2_6472_6F77,  // a no-break space
    0x6F77_8080_E364_726F,  // a lead byte of U+3000
  ])
  func stopsAtWhatItEdits(word: UInt64) {
    #expect(!Whitespace.isPlainWords(word))
  }

  @Test func cleansMessyFixture() throws {
    let run = try StageRun(Whitespace(), bytes: try Paths.fixture("messy-whitespace.txt"))
    #expect(run.output == "\n\nIndented title\n\n\n\nA run of spaces.\n\n\n")
  }
}
