import Foundation
import Pipeline
import Testing

@testable import Stages

/// The line model of the boilerplate stage reads its facts off the bytes; these tests hold it
/// to what the same facts read off Swift strings give.
@Suite struct TextLineTests {
  static let lines = [
    "The Quick Brown Fox", "ΑΘΗΝΑ, 4 Μαΐου 2011", "İSTANBUL ŞEHİR", "Straße ẞ Ǆemal", "ПЕРВАЯ СТРАНИЦА",
    "Việt Nam Ở Đây", "**Bold** and _emphasis_ with [a link](https://example.org)", "# Heading!",
    "\u{A0}Non-breaking spaces\u{A0}", "«Цитата» — сказал он.", "١٢٣٤ رقم", "plain words, lowercase",
    "(“Quoted”)", "![image](a.png)", "<https://example.org> address",
  ]

  @Test(arguments: lines)
  func lowercasesAsUnicodeDoes(line: String) {
    let bytes = Array(line.utf8)
    let model = TextLine(text: bytes, range: 0..<bytes.count)
    var expected: [UInt8] = []
    for scalar in model.plain.unicodeScalars {
      for lowered in scalar.properties.lowercaseMapping.unicodeScalars where lowered != "\u{307}" {
        expected.append(contentsOf: String(lowered).utf8)
      }
    }
    #expect(Array(model.lowerBytes) == expected)
  }

  /// A capital at every offset of three blocks of sixteen bytes, in ASCII lines and in lines
  /// that are not all ASCII, lowercases as Unicode does.
  @Test(arguments: ["Q", "É", "[A]", "@Z"])
  func lowercasesACapitalAtEveryOffset(piece: String) {
    for length in 0...44 {
      for offset in 0...length {
        for lead in ["", "é "] {
          let line =
            lead + String(repeating: "x", count: offset) + piece
            + String(repeating: "y", count: length - offset)
          let bytes = Array(line.utf8)
          let model = TextLine(text: bytes, range: 0..<bytes.count)
          #expect(Array(model.lowerBytes) == Array(model.plain.lowercased().utf8), "\(line)")
        }
      }
    }
  }

  /// Lines read together share one buffer of lowercased bytes; each must come out as the
  /// line read alone does, a line of markup alone (whose plain text is empty) among them.
  @Test func linesReadTogetherLowercaseAsEachAlone() throws {
    let text = try Paths.fixture("markdown-lines.md") + Array("\n\n##\nÉTÉ À PARIS\n".utf8)
    let lines = TextLine.lines(in: text)
    #expect(lines.count == 10)
    for line in lines {
      let alone = TextLine(text: text, range: line.range)
      #expect(line.lowerBytes == alone.lowerBytes, "\(line.plain)")
      #expect(
        line.phrases.notices == alone.phrases.notices
          && line.phrases.callToAction == alone.phrases.callToAction)
    }
    #expect(lines.last.map { Array($0.lowerBytes) } == Array("été à paris".utf8))
  }

  @Test(arguments: lines)
  func countsWordsAndScalarsOfThePlainText(line: String) {
    let bytes = Array(line.utf8)
    let model = TextLine(text: bytes, range: 0..<bytes.count)
    #expect(model.wordCount == model.plain.split(whereSeparator: { $0 == " " || $0 == "\t" }).count)
    #expect(model.scalarCount == model.plain.unicodeScalars.count)
    #expect(model.words.count == model.wordCount)
  }

  /// Lines of every length up to three blocks of sixteen bytes, with spaces, tabs, markup and
  /// non-ASCII letters at every offset, so that no count depends on where a block of sixteen
  /// bytes or a word of eight starts; each read in blocks and in words alone.
  @Test(arguments: [
    "a", " ", "\t", "é", "日", "*", "[", "!", "  ", "0", "9", "/", ":", "٣", "|", "]", "@", "<", "#", "_",
    "http", "htt", "ภ", "한", "x y",
  ])
  func countsBytesAtEveryOffset(piece: String) {
    for length in 0...44 {
      for offset in 0...length {
        let line =
          String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
        Self.expectCounts(of: line)
        Self.expectCounts(of: " " + line + " ")
      }
    }
  }

  /// A line long enough that every lane of the block and word counts folds more than once.
  @Test func countsLongLines() {
    let piece = "ab 1é [x]|\t日 http"
    Self.expectCounts(of: String(repeating: piece, count: 700))
    Self.expectCounts(of: String(repeating: "a ", count: 4100) + "z")
  }

  static func expectCounts(of line: String) {
    let bytes = Array(line.utf8)
    for inBlocks in [true, false] {
      let counts = bytes.withUnsafeBufferPointer { ByteCounts($0, readsShape: true, inBlocks: inBlocks) }
      let plain = bytes.withUnsafeBufferPointer { ByteCounts($0, readsShape: false, inBlocks: inBlocks) }
      #expect(
        plain.words == counts.words && plain.scalars == counts.scalars && plain.isASCII == counts.isASCII
          && plain.hasMarkup == counts.hasMarkup && plain.digits == counts.digits, "\(line)")
      #expect(counts.words == line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count, "\(line)")
      #expect(counts.scalars == line.unicodeScalars.count, "\(line)")
      #expect(counts.isASCII == line.utf8.allSatisfy { $0 < 0x80 }, "\(line)")
      #expect(counts.hasMarkup == line.contains { "*[_#<!".contains($0) }, "\(line)")
      #expect(counts.digits == line.utf8.filter { (0x30...0x39).contains($0) }.count, "\(line)")
      let unseen: [UInt8] = [0x20, 0x2A, 0x5F, 0x23]
      #expect(counts.shape.visible == bytes.filter { $0 & 0xC0 != 0x80 && !unseen.contains($0) }.count)
      #expect(counts.shape.pipes == bytes.filter { $0 == 0x7C }.count, "\(line)")
      #expect(counts.shape.noSpaceScalars == bytes.filter { (0xE3...0xED).contains($0) }.count, "\(line)")
      // An image's `!`, a `]` and an address's `<` need a `[` or an `http` beside them.
      let opensLink = bytes.contains { [0x5B, 0x40, 0xE0].contains($0) } || line.contains("http")
      #expect(counts.shape.mayHaveLinks == opensLink, "\(line)")
    }
  }

  @Test(arguments: [
    ("**Bold** and _emphasis_ with [a link](https://example.org)", "Bold and emphasis with a link"),
    ("# Heading!", "Heading!"), ("\u{A0}Non-breaking spaces\u{A0}", "Non-breaking spaces"),
    ("snake_case stays", "snake_case stays"), ("<https://example.org> address", "address"),
    (
      "What a day! It rained _all_ day, said the man in the *yellow* coat.",
      "What a day! It rained all day, said the man in the yellow coat."
    ),
    (
      "A long line of plain words before a [link](https://a.example/x) and after it",
      "A long line of plain words before a link and after it"
    ),
    ("__init__ and a < b, with an ![icon](i.png) glued", "init_ and a < b, with an icon glued"),
  ])
  func takesOutMarkupAndTrims(line: String, plain: String) {
    let bytes = Array(line.utf8)
    #expect(TextLine(text: bytes, range: 0..<bytes.count).plain == plain)
  }

  @Test(arguments: [
    ("It ended.", true, false), ("it went on", false, true), ("«Он сказал.»", true, false),
    ("(“quoted”)", false, true), ("Ελλάδα;", true, false), ("éte", false, true), ("Dots…", false, false),
  ])
  func readsSentenceEnds(line: String, endsSentence: Bool, startsLowercase: Bool) {
    let bytes = Array(line.utf8)
    let model = TextLine(text: bytes, range: 0..<bytes.count)
    #expect(model.endsSentence == endsSentence)
    #expect(model.startsLowercase == startsLowercase)
  }

  @Test(arguments: [
    ("4 May 2011", 4), ("No. 12", 2), ("١٢٣٤ رقم", 4), ("no digits", 0), ("12 and 345", 3),
  ])
  func findsDigitRunsInAnyScript(text: String, run: Int) {
    let bytes = Array(text.utf8)[...]
    #expect((LineFacts.longestDigitRun(in: bytes) > 0) == (run > 0))
    #expect((LineFacts.longestDigitRun(in: bytes, upTo: 4) == 4) == (run == 4))
  }

  /// A text whose lines are those of the text just judged, byte for byte and block for block,
  /// is not judged again: a final line break, spaces or carriage returns around a line, or
  /// blank lines of spaces make no difference; a changed byte, a line more or less, or a
  /// blank line more or less do.
  @Test func tellsATextWithTheSameLines() {
    let text = Array("# Title\n\nFirst line of prose\nand its second line.\n\n\nLast line.".utf8)
    let lines = TextLine.lines(in: text)
    let same = [
      "# Title\n\nFirst line of prose\nand its second line.\n\n\nLast line.\n",
      "# Title  \r\n \t\nFirst line of prose\n  and its second line.\n\n\nLast line.",
    ]
    for other in same { #expect(TextLine.areSame(lines, of: text, as: Array(other.utf8)), "\(other)") }
    let different = [
      "# Title\n\nFirst line of prose\nand its second line!\n\n\nLast line.",
      "# Title\n\nFirst line of prose\n\nand its second line.\n\n\nLast line.",
      "# Title\n\nFirst line of prose\nand its second line.\n\nLast line.",
      "# Title\n\nFirst line of prose\nand its second line.\n\n\nLast line.\nOne more.",
      "# Title\n\nFirst line of prose\nand its second line.\n",
      "Title\n\nFirst line of prose\nand its second line.\n\n\nLast line.", "",
    ]
    for other in different { #expect(!TextLine.areSame(lines, of: text, as: Array(other.utf8)), "\(other)") }
  }

  /// A text that keeps all its lines and lacks only its final line break cleans as the same
  /// text with one.
  @Test func cleansATextWithoutItsFinalLineBreakAsOneWithIt() throws {
    for url in try Paths.files(in: Paths.devsetRaw).prefix(12) {
      let clean = Pipeline.standard.clean(Array(try Data(contentsOf: url))).text
      try #require(clean.last == 0x0A)
      let cut = Pipeline.standard.clean(Array(clean.dropLast()))
      #expect(cut.text == clean, "\(url.lastPathComponent)")
    }
  }

  /// What the stage's second judgement reads of the kept text, taking the lines it has read
  /// already, is what reading every line anew gives: over real dumps and their clean text,
  /// and for lines that move into a paragraph and a table and out again, whose place is found
  /// anew; what the batch says of a line comes with it.
  @Test func reusesTheLinesItHasReadWithTheirPlaceFoundAnew() throws {
    var pairs: [(earlier: [UInt8], text: [UInt8])] = []
    for url in try Paths.files(in: Paths.devsetRaw).prefix(24) {
      let raw = Array(try Data(contentsOf: url))
      pairs.append((raw, Pipeline.standard.clean(raw).text))
    }
    let alone = "A view of the harbour at dawn\n\nHome | News | Sport\nand a line of prose under the menu.\n"
    let placed = "Before it\nA view of the harbour at dawn\n\na | b | c\nHome | News | Sport\nd | e | f\n"
    pairs.append((Array(alone.utf8), Array(placed.utf8)))
    pairs.append((Array(placed.utf8), Array(alone.utf8)))
    let profile = BatchProfile(files: pairs.map(\.earlier))
    var recurs = false
    for (earlier, text) in pairs {
      let fresh = TextLine.lines(in: text)
      let earlierLines = TextLine.lines(in: earlier)
      let (reused, origins) = TextLine.lines(in: text, reusing: earlierLines, of: earlier)
      try #require(fresh.count == reused.count)
      for (read, taken) in zip(fresh, reused) {
        #expect(Self.summary(read) == Self.summary(taken))
      }
      // What the earlier judgement read of a line alone is what reading it now gives.
      let batch = Boilerplate.BatchLines(lines: earlierLines, text: earlier, profile: .empty)
      let judged = Boilerplate.judged(earlierLines, text: earlier, batch: batch).judged
      let own = judged.own(for: reused, origins: origins)
      #expect(own.map { $0?.name } == reused.map { Judgement.anywhere($0)?.name })
      // What the batch says of a line is taken with it.
      let earlierBatch = Boilerplate.BatchLines(lines: earlierLines, text: earlier, profile: profile)
      let takenBatch = Boilerplate.BatchLines(
        lines: reused, text: text, profile: profile, reusing: earlierBatch, origins: origins)
      let readBatch = Boilerplate.BatchLines(lines: reused, text: text, profile: profile)
      #expect(takenBatch.recurrence == readBatch.recurrence)
      recurs = recurs || readBatch.recurrence.contains { $0 > 0 }
      let walks = BlockFeatures.WordWalks(reused, reusing: judged.walks, origins: origins)
      let walked = BlockFeatures.WordWalks(reused)
      for index in reused.indices {
        #expect(Array(walks.keys(of: index)) == Array(walked.keys(of: index)))
        let (taken, read) = (walks.counts[index], walked.counts[index])
        #expect(
          taken.digits == read.digits && taken.capitalized == read.capitalized && taken.commas == read.commas)
      }
    }
    #expect(recurs)
    let lines = TextLine.lines(in: Array(placed.utf8))
    #expect(lines[1].isWrapped && !lines[1].isTable && lines[3].isTable)
    // Alone, the caption and the menu are what they say; in a paragraph and in a table, the
    // rules leave them be.
    let aloneLines = TextLine.lines(in: Array(alone.utf8))
    #expect(aloneLines[1].isWrapped && !aloneLines[1].isTable)
    #expect(
      Judgement.anywhere(aloneLines[0]) != nil && Judgement.anywhere(aloneLines[1])?.name == "navigation")
    #expect(Judgement.anywhere(lines[1]) == nil && Judgement.anywhere(lines[3]) == nil)
  }

  /// A date after a word of publishing, in any case and script, is a date fact of the line as
  /// the reader reads it among others; a line that only starts like one is not.
  @Test(arguments: [
    ("Posted on April 29, 2022", "April 29, 2022"), ("UPDATED 4 May 2011", "4 May 2011"),
    ("Опубликовано 16/08/2021", "16/08/2021"), ("Đăng ngày 2021-08-16", "2021-08-16"),
    ("Publié le 4 May 2011", "4 May 2011"), ("4 May 2011", "4 May 2011"),
    ("Postage 4 May 2011", nil), ("Spotted 4 May 2011", nil),
  ])
  func readsADateAfterAWordOfPublishing(line: String, date: String?) {
    let lines = TextLine.lines(in: Array(("Some words before it.\n\n" + line + "\n").utf8))
    #expect(lines.count == 2 && lines[1].facts.date == date, "\(line)")
  }

  /// Everything a line model says, as text, so that two can be compared whole.
  static func summary(_ line: TextLine) -> String {
    [
      "\(line.range)", line.plain, line.lower, "\(line.wordCount)", "\(line.scalarCount)",
      "\(line.endsSentence)",
      "\(line.isHeading)", "\(line.isImage)", "\(line.isLinkOnly)", "\(line.startsLowercase)",
      "\(line.mayHaveDigit)", "\(line.block)", "\(line.isWrapped)", "\(line.isTable)",
      "\(String(describing: line.facts.date))", "\(String(describing: line.facts.split))",
      "\(line.facts.isDocumentType)", "\(line.phrases.notices)", "\(line.phrases.copyright)",
      "\(line.phrases.callToAction)", "\(line.phrases.network)",
    ].joined(separator: "|")
  }

  /// The case table answers as Unicode's properties do, below its limit and past it.
  @Test func readsPropertiesAsUnicodeDoes() {
    for value in UInt32(0)..<0x3100 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let properties = scalar.properties
      let name = "U+\(String(value, radix: 16))"
      #expect(ScalarProperties.isUppercase(scalar) == properties.isUppercase, "\(name)")
      #expect(ScalarProperties.isLowercase(scalar) == properties.isLowercase, "\(name)")
      #expect(ScalarProperties.isWhitespace(scalar) == properties.isWhitespace, "\(name)")
      #expect(ScalarProperties.isAlphabetic(scalar) == properties.isAlphabetic, "\(name)")
      #expect(ScalarProperties.isCased(scalar) == properties.isCased, "\(name)")
    }
    #expect(
      ScalarProperties.isUppercase("Ж") && ScalarProperties.isLowercase("ж")
        && !ScalarProperties.isUppercase("ж"))
    #expect(
      !ScalarProperties.isUppercase("日") && !ScalarProperties.isLowercase("日")
        && ScalarProperties.isUppercase("Ａ"))
    #expect(
      ScalarProperties.isWhitespace("\u{3000}") && ScalarProperties.isAlphabetic("日")
        && !ScalarProperties.isAlphabetic("!"))
  }

  /// ASCII is lowered eight bytes at a time: every ASCII byte, at every offset and in lines
  /// of every length around eight, lowers as one byte at a time does.
  /// Text of any script lowers as each scalar lowers alone (a byte that starts none as
  /// U+FFFD), whether it is copied in runs or mapped.
  @Test(arguments: [
    "Ünter den LINDEN – “Zürich”", "ΑΘΗΝΑ Σήμερα", "İSTANBUL ıI", "東京 ＡＢＣ ｄｅｆ", "Ⰰ Ⱡ ⰰ", "МОСКВА, Москва",
    "한국어 HANGUL", "ǅ ǈ ǋ", "ﬀ ß ẞ", "a\u{301}B\u{301}", "",
  ])
  func lowersAnyScriptAsEachScalarLowers(text: String) {
    var bytes = Array(text.utf8)
    bytes.insert(contentsOf: [0xFF, 0x80, 0xC3], at: bytes.count / 2)
    Self.expectLoweredAsEachScalar(bytes)
  }

  /// A character that lowercasing changes or that is not ASCII, at every offset of the
  /// sixteen-byte blocks the text is read in, across their edges too.
  @Test(arguments: ["Ж", "ж", "日", "A", "İ", "\u{1F600}", "ÉÉ", "éA"])
  func lowersACharacterAtEveryOffset(piece: String) {
    for length in [15, 16, 17, 31, 33, 40] {
      for offset in 0...length {
        let line =
          String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
        Self.expectLoweredAsEachScalar(Array(line.utf8))
      }
    }
  }

  static func expectLoweredAsEachScalar(_ bytes: [UInt8]) {
    var expected: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let (scalar, length) = UTF8Scan.scalar(in: bytes, at: index)
      if scalar.isASCII {
        expected.append((0x41...0x5A).contains(bytes[index]) ? bytes[index] | 0x20 : bytes[index])
      } else {
        LowercaseTable.appendLowercase(of: scalar, to: &expected)
      }
      index += length
    }
    var lowered: [UInt8] = [0x41]
    TextLine.appendLowercased(bytes[...], isASCII: false, to: &lowered)
    #expect(lowered == [0x41] + expected, "\(String(decoding: bytes, as: UTF8.self))")
  }

  /// The blocks known to have no cased scalar have none.
  @Test func caselessBlocksHaveNoScalarThatLowers() {
    for block in LowercaseTable.caselessBlocks {
      let lowering = block.compactMap(Unicode.Scalar.init).filter { $0.properties.changesWhenLowercased }
      #expect(lowering.isEmpty, "\(block)")
    }
  }

  @Test func lowersASCIIAtEveryOffset() {
    let all = (UInt8(0)..<0x80).map { $0 }
    for length in 0...19 {
      for start in all.indices {
        let bytes = (0..<length).map { all[(start + $0 * 7) % all.count] }
        let expected = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        var lowered: [UInt8] = [0x5A]
        TextLine.appendLowercased(bytes[...], isASCII: true, to: &lowered)
        #expect(lowered == [0x5A] + expected, "\(bytes)")
      }
    }
  }

  /// The closers and sentence ends a line's end is read by, and the openers its start is read
  /// past, are these scalars and no others of the plane.
  @Test func knowsTheScalarsAroundASentence() {
    let closers = Set("\"'”’»)]".unicodeScalars)
    let enders = Set(".!?;:。！？؟".unicodeScalars)
    let openers = Set("\"'“‘«([¿¡•*-".unicodeScalars)
    for value in UInt32(0)..<0x10000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(TextLine.isCloser(scalar) == closers.contains(scalar), "\(value)")
      #expect(TextLine.isSentenceEnder(scalar) == enders.contains(scalar), "\(value)")
      #expect(TextLine.isOpener(scalar) == openers.contains(scalar), "\(value)")
    }
  }
}
