import Testing

@testable import Stages

@Suite struct ReflowTests {
  static let longLine = Array(repeating: "A long paragraph that runs on and on.", count: 5).joined(
    separator: " ")

  @Test(
    arguments: [
      // English PDF hard wraps.
      (
        "The sudden termination of Colonel Brandon's visit at the park, with\nhis steadiness in concealing its cause, filled the mind, and raised\nthe wonder of Mrs. Jennings.",
        "The sudden termination of Colonel Brandon's visit at the park, with his steadiness in concealing its cause, filled the mind, and raised the wonder of Mrs. Jennings."
      ),
      // A paragraph split mid-sentence.
      (
        "On Tuesday, Maliki went on television. He did\n\nnot, however, indicate how.",
        "On Tuesday, Maliki went on television. He did not, however, indicate how."
      ),
      // French and German wraps.
      (
        "Le paquet est installé dans le système de fichiers, et la configuration\nest ensuite réalisée par le script de post-installation du paquet.",
        "Le paquet est installé dans le système de fichiers, et la configuration est ensuite réalisée par le script de post-installation du paquet."
      ),
      (
        "Die Pakete werden in einem Archiv abgelegt, das von\n\nallen Rechnern genutzt wird.",
        "Die Pakete werden in einem Archiv abgelegt, das von allen Rechnern genutzt wird."
      ),
      // Russian wraps.
      (
        "Процесс может клонировать себя, и это действие называется\nразветвлением, а копия называется дочерним процессом системы.",
        "Процесс может клонировать себя, и это действие называется разветвлением, а копия называется дочерним процессом системы."
      ),
    ])
  func joinsBrokenParagraphs(input: String, expected: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(run.output == expected)
  }

  /// A line that would be made a paragraph of its own is joined where, cleaned again, the
  /// break across the blank line would be: one pass decides both alike.
  @Test(
    arguments: [
      (
        "Jana Novak, consultant to cities and regions,\nIdeas for a new start in local politics.",
        "Jana Novak, consultant to cities and regions, Ideas for a new start in local politics."
      ),
      ("Dear Ann,\nThanks for the note.", "Dear Ann,\n\nThanks for the note."),
      (
        "The report on the river\nwas late, as the survey of the old harbour wall took longer than planned,\n\n\u{30B}and the rest.",
        "The report on the river was late, as the survey of the old harbour wall took longer than planned, \u{30B}and the rest."
      ),
    ])
  func decidesABreakAsTheCleanTextWouldBeDecided(input: String, expected: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(run.output == expected)
    #expect(try StageRun(Reflow(), on: run.output).rules.isEmpty)
  }

  @Test func undoesHyphenationWhenTheWordOccursElsewhere() throws {
    let input = "This example shows a wrapped exam-\nple of the word in a longer paragraph of text here."
    let run = try StageRun(Reflow(), on: input)
    #expect(
      run.output == "This example shows a wrapped example of the word in a longer paragraph of text here.")
    #expect(run.rules == ["reflow.hyphenation"])
  }

  @Test func keepsTheHyphenOfACompound() throws {
    let input =
      "The rebels used US-supplied weapons and US-\ntrained fighters to take the city of Mosul in June."
    let run = try StageRun(Reflow(), on: input)
    #expect(
      run.output
        == "The rebels used US-supplied weapons and US-trained fighters to take the city of Mosul in June.")
    #expect(run.rules == ["reflow.compound"])
  }

  @Test(
    arguments: [
      ("* first item\n* second item", "• first item\n\n• second item"),
      ("- eins\n- zwei", "• eins\n\n• zwei"),
      (
        "+ <<: less than;\n\n+ <=: less than or equal to;", "• <<: less than;\n\n• <=: less than or equal to;"
      ),
      ("· élément\n▪ autre", "• élément\n\n• autre"),
    ])
  func writesListItemsAsBulletParagraphs(input: String, expected: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(run.output == expected)
  }

  @Test(
    arguments: [
      // Sentences one per line, as in a quoted block, stay apart.
      ("I came.\nI saw.\nI conquered.", "I came.\n\nI saw.\n\nI conquered."),
      // A subheading above a paragraph stays its own paragraph.
      ("A Sunni Uprising?\nThe revolt began in Anbar.", "A Sunni Uprising?\n\nThe revolt began in Anbar."),
      // Long lines are paragraphs of their own, not hard wraps.
      (
        ReflowTests.longLine + "\n" + ReflowTests.longLine,
        ReflowTests.longLine + "\n\n" + ReflowTests.longLine
      ),
    ])
  func keepsSeparateLinesApart(input: String, expected: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(run.output == expected)
  }

  @Test(
    arguments: [
      "Title\n\nFirst paragraph.\n\nSecond paragraph.\n",
      "What is curses?\n\nThe curses library supplies a terminal-independent screen-painting facility.\n",
      "العنوان\n\nهذه فقرة كاملة.\n",
    ])
  func leavesCleanLayoutAlone(input: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }
}

/// A title set on top of the body without a blank line, as PDF extractors leave it.
@Suite struct ReflowTitleTests {
  @Test(arguments: [
    // pdftotext: title over two lines, the body right under it.
    (
      "Connecting through an ADSL\nModem\nThe generic term covers a multitude of devices with\nvery different functions and shapes.\n",
      "Connecting through an ADSL Modem\n\nThe generic term covers a multitude of devices with very different functions and shapes.\n"
    ),
    // pdfminer: the title's block, then a blank line.
    (
      "Einschränkungen beim Empfangen und\nSenden\n\nDer Text beginnt hier.\n",
      "Einschränkungen beim Empfangen und Senden\n\nDer Text beginnt hier.\n"
    ),
    // pypdf: one title line, closing a bracket, glued to the body's first line.
    (
      "Emma, Chapter 16 (part 1)\nThe hair was curled, and the maid sent away,\nand she sat down to think of it all again.\n",
      "Emma, Chapter 16 (part 1)\n\nThe hair was curled, and the maid sent away, and she sat down to think of it all again.\n"
    ),
    // A label in capitals under the title is no part of it; one word in capitals is (`ADSL`).
    (
      "Configuring the Network\nBACK TO BASICS\nEssential network concepts and the\nwords they use.\n",
      "Configuring the Network\n\nBACK TO BASICS\n\nEssential network concepts and the words they use.\n"
    ),
    // A script without capitals: a title half as wide as the body's first line.
    (
      "تثبيت Postfix\nتتضمن الحزمة postfix خدمة SMTP الرئيسية أما الحزم\nالأخرى فهي تضيف وظائف.\n",
      "تثبيت Postfix\n\nتتضمن الحزمة postfix خدمة SMTP الرئيسية أما الحزم الأخرى فهي تضيف وظائف.\n"
    ),
    // pypdf: one title line glued to the body's first line.
    (
      "Persuasion, Chapter 2 (part 1)\nMr Shepherd, a civil, cautious lawyer, who, whatever\nmight be his hold, was a man of sense.\n",
      "Persuasion, Chapter 2 (part 1)\n\nMr Shepherd, a civil, cautious lawyer, who, whatever might be his hold, was a man of sense.\n"
    ),
  ])
  func makesTheTitleAParagraph(input: String, expected: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(run.output == expected)
    #expect(try StageRun(Reflow(), on: run.output).rules.isEmpty)
  }

  /// A paragraph whose first line goes on in lowercase has no title, and a long first line
  /// that stops at a comma goes on: both are joined as one paragraph.
  @Test(arguments: [
    "The first page holds a paragraph that runs\nover a few lines, as a column does.\n",
    "Jana Novak, consultant to cities and regions,\nIdeas for a new start in local politics.\n",
  ])
  func leavesParagraphsWithoutATitle(input: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(
      run.output
        == input.replacingOccurrences(of: ",\n", with: ", ").replacingOccurrences(of: "runs\n", with: "runs ")
    )
  }
}

extension ReflowTitleTests {
  /// In a script without capitals, a first line as wide as the next is no title.
  @Test func joinsAFirstLineAsWideAsTheNextInACaselessScript() throws {
    let run = try StageRun(Reflow(), on: "في هذا الفصل نشرح كيف\nتعمل الحزمة مع النظام.\n")
    #expect(run.output == "في هذا الفصل نشرح كيف تعمل الحزمة مع النظام.\n")
  }
}

/// A compound's hyphen that an extractor dropped, put back where the text has it.
@Suite struct DroppedHyphenTests {
  @Test(arguments: [
    (
      "Der DatenbankServer startet. Ein Datenbank-Server braucht Speicher.",
      "Der Datenbank-Server startet. Ein Datenbank-Server braucht Speicher."
    ),
    // Without the hyphenated form elsewhere, or with lowercase halves, nothing changes.
    ("Der DatenbankServer startet.", "Der DatenbankServer startet."),
    ("Send an email. An e-mail is fine.", "Send an email. An e-mail is fine."),
  ])
  func putsBackTheHyphenTheTextHasElsewhere(input: String, expected: String) throws {
    let run = try StageRun(Reflow(), on: input)
    #expect(run.output == expected)
  }
}

/// The compounds looked up for the humps' words alone give the edits that every compound of
/// the text, gathered first, gives: one spelling or several (the last decides), keys of
/// other lengths, halves in capitals.
@Suite struct DroppedHyphenLookupTests {
  /// The edits' offsets from every hyphenated word gathered, then every hump's word looked up.
  static func gatheredFirst(_ text: String) -> [Int] {
    let bytes = Array(text.utf8)
    let isWordByte = { (byte: UInt8) in
      (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
    }
    let isHump = { (index: Int) in
      index > 0 && (0x41...0x5A).contains(bytes[index]) && (0x61...0x7A).contains(bytes[index - 1])
    }
    let lowered = { (slice: ArraySlice<UInt8>) in slice.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 } }
    var compounds: [[UInt8]: Int] = [:]
    for hyphen in bytes.indices where bytes[hyphen] == 0x2D {
      var start = hyphen
      while start > 0, isWordByte(bytes[start - 1]) { start -= 1 }
      var end = hyphen + 1
      while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
      guard start < hyphen, end > hyphen + 1, start == 0 || bytes[start - 1] != 0x2D,
        end == bytes.count || bytes[end] != 0x2D
      else { continue }
      compounds[lowered(bytes[start..<hyphen]) + lowered(bytes[hyphen + 1..<end])] = hyphen - start
    }
    var capitals: [Int] = []
    var looked = 0
    for hump in bytes.indices where isHump(hump) && hump >= looked {
      var run = hump
      while run > 0, isWordByte(bytes[run - 1]) { run -= 1 }
      var end = hump
      while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
      looked = end
      let start = run > 0 && bytes[run - 1] == 0x2D ? run + 1 : run
      guard start < end, end == bytes.count || bytes[end] != 0x2D, (start + 1..<end).contains(where: isHump),
        let split = compounds[lowered(bytes[start..<end])], split > 0, start + split < end,
        isHump(start + split)
      else { continue }
      capitals.append(start + split)
    }
    return capitals
  }

  @Test(arguments: [
    "Der DatenbankServer startet. Ein Daten-bankServer und ein Datenbank-Server.",
    "Der DatenbankServer startet. Ein Datenbank-Server und ein Daten-bankServer.",
    "Ein DatenbankServer, ein WebServer, ein Web-Server, ein Daten-Bank, ein DatenBank und DATENBANK-SERVER.",
    "iPhone and i-Phone, McDonald and Mc-Donald, YouTube, You-Tube-Kanal, eBay-Shop and eBayShop.",
    "No compounds at all, only CamelCase words like JavaScript and TypeScript.",
  ])
  func looksUpTheHumpsWordsAsEveryCompoundGatheredWould(text: String) {
    let edits = Reflow().droppedHyphens(in: Array(text.utf8))
    #expect(edits.map(\.range.lowerBound) == Self.gatheredFirst(text))
  }

  /// The texts above put hyphens back: the last spelling decides, and other pairs are found.
  @Test func theComparedTextsHaveEdits() {
    #expect(
      Self.gatheredFirst("Der DatenbankServer startet. Ein Daten-bankServer und ein Datenbank-Server.").count
        == 1)
    #expect(
      Self.gatheredFirst("Der DatenbankServer startet. Ein Datenbank-Server und ein Daten-bankServer.")
        .isEmpty)
    #expect(
      Self.gatheredFirst(
        "Ein DatenbankServer, ein WebServer, ein Web-Server, ein Daten-Bank, ein DatenBank und DATENBANK-SERVER."
      ).count == 3)
  }
}

/// The humps (a capital after a lowercase letter) that dropped hyphens are looked for at are
/// found sixteen or eight bytes at a time: the compound is repaired wherever it falls.
@Suite struct DroppedHyphenOffsetTests {
  @Test func putsBackTheHyphenAtEveryOffset() throws {
    for padding in 0...40 {
      let lead = String(repeating: "x", count: padding)
      let input = lead + " DatenbankServer startet. Ein Datenbank-Server braucht Speicher."
      let run = try StageRun(Reflow(), on: input)
      #expect(
        run.output == lead + " Datenbank-Server startet. Ein Datenbank-Server braucht Speicher.", "\(padding)"
      )
    }
  }

  /// A hump at every offset of three blocks, and a capital after a capital or a digit there,
  /// found as a byte-by-byte reading finds them.
  @Test(arguments: ["aB", "AB", "4B", "a B", "éB"])
  func findsHumpsAtEveryOffset(piece: String) {
    for length in 0...44 {
      for offset in 0...length {
        let bytes = Array(
          (String(repeating: "x", count: offset) + piece + String(repeating: "Y", count: length - offset))
            .utf8)
        let expected = bytes.indices.filter { index in
          index > 0 && (0x41...0x5A).contains(bytes[index]) && (0x61...0x7A).contains(bytes[index - 1])
        }
        #expect(bytes.withUnsafeBufferPointer(Reflow.humps) == expected, "\(piece) at \(offset)")
      }
    }
  }

  /// Capitals after capitals or after a digit are no humps.
  @Test(arguments: [
    "Der DATENBANKServer startet. Ein DATENBANK-Server.", "Der 4Server startet. Ein 4-Server.",
  ])
  func leavesCapitalsWithoutALowercaseLetterBefore(input: String) throws {
    #expect(try StageRun(Reflow(), on: input).output == input)
  }
}

/// A word looked for in the text is found where the set of the text's words has it.
@Suite struct ReflowWordReadTests {
  /// The line ends that may ask for words are counted to one past the limit, and only a
  /// hyphen right before a line feed counts.
  @Test func countsHyphenatedLineEndsUpToTheLimit() {
    let text = Array("exam-\nple, well-known - \nnot-\rthis\n-\nend-".utf8)
    #expect(Reflow.hyphenatedLineEnds(in: text, upTo: 8) == 2)
    let many = Array(String(repeating: "hy-\nphen ", count: 20).utf8)
    #expect(Reflow.hyphenatedLineEnds(in: many, upTo: 4) == 5)
  }

  static let texts = [
    "The well-known exam-\nple of a state-of-the-art US-trained pilot, exam ple.",
    "Ein Straßen-bahn und die Straßenbahn; e-\u{301}mail, café-bar, naïve--x.",
    "Kelvin \u{212A}m and km, CO2-free, x-ray--, --dash, a-b-c-, MIXED-Case Word.",
  ]

  @Test(arguments: texts)
  func findsWhatTheSetHas(text: String) {
    let bytes = Array(text.utf8)
    let set = Reflow.words(in: bytes)
    let asked = set.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
    let lookAlikes = [
      "exam", "example", "wellknown", "state", "the-art", "us", "trained", "bahn", "e", "mail", "km", "k",
      "co", "x", "ray", "x-ray", "dash", "a-b-c", "b", "c", "mixed-case", "case", "word", "missing", "", "-",
    ]
    #expect(asked.count >= 5)
    for word in Set(asked).union(lookAlikes) {
      #expect(Reflow.hasWord(Array(word.utf8), in: bytes) == set.contains(word), "\(word)")
    }
  }

  /// The openers a line's first letter is sought past are those ten scalars; the closing
  /// marks (`”`, `’`, `»`, `)`, `]`) and the reversed `‟` are not among them.
  @Test func knowsTheOpenersOfQuotationsAndParentheses() {
    let openers = Set("\"'“‘«„([¿¡".unicodeScalars)
    for value in UInt32(0)..<0x3000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(Reflow.isOpener(scalar) == openers.contains(scalar), "\(value)")
    }
    for closer in "”’»)]‟".unicodeScalars { #expect(!Reflow.isOpener(closer)) }
  }

  /// A line ends a sentence at these scalars past ASCII, and at no other of the plane.
  @Test func knowsTheScalarsThatEndASentence() {
    let enders = Set("…”’»。！？؟۔।॥".unicodeScalars)
    for value in UInt32(0x80)..<0x10000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      #expect(Reflow.isSentenceEnd(scalar) == enders.contains(scalar), "\(value)")
    }
  }
}
