import Pipeline
import Testing

@testable import Stages

@Suite struct BoilerplateTests {
  static let body = """
    The collapse of government forces before several hundred insurgents is a humiliation for the central government, exposing its weakness.

    Mosul is known as the political capital of northern Iraq and is strategically located on the border of the autonomous Kurdish region.
    """

  /// The body with `line` standing between its two paragraphs.
  static func insideArticle(_ line: String) -> String {
    let paragraphs = body.components(separatedBy: "\n\n")
    return paragraphs[0] + "\n\n" + line + "\n\n" + paragraphs[1] + "\n"
  }

  /// Runs the stage on a document made of `head`, the body, and `tail`.
  func run(head: String = "", tail: String = "") throws -> StageRun {
    try StageRun(Boilerplate(), on: head + Self.body + "\n\n" + tail)
  }

  @Test(
    arguments: [
      ("Copyright © 2017 Plainsview Daily. All rights reserved.", "copyright"),
      ("© 2021 Nordic Times. Todos los derechos reservados.", "copyright"),
      ("Disclaimer: The views expressed in this article are the author's own.", "notice"),
      ("This article was first published by The Ledger. Republication is permitted.", "notice"),
      ("Subscribe to the Daily Planet newsletter to get stories like this in your inbox.", "call-to-action"),
      ("Support independent journalism. Become a member of the Review", "call-to-action"),
      ("Unterstützen Sie unabhängigen Journalismus: Mitglied werden", "call-to-action"),
      ("Share this article: Facebook Twitter Email", "call-to-action"),
      ("Поделиться статьёй: ВКонтакте Telegram", "call-to-action"),
      ("Tags: politics, world", "taxonomy"),
      ("Region: Middle East & North Africa", "taxonomy"),
      ("Source URL: https://example.org/articles/1", "source"),
      ("Media inquiries: press@example.org", "notice"),
      ("Page 132", "page-number"),
      ("Страница 14", "page-number"),
      ("- 24 -", "page-number"),
      ("۱", "page-number"),
      ("www.example.org editor@example.org", "site-address"),
    ])
  func removesTailBoilerplate(line: String, rule: String) throws {
    let run = try run(tail: line + "\n")
    #expect(run.output == Self.body + "\n\n\n")
    #expect(run.rules == ["boilerplate.\(rule)"])
  }

  /// Lines inside the article that share words or shapes with boilerplate stay.
  @Test(
    arguments: [
      "The licence says that all rights reserved by the authors stay with them, which is why the handbook lists each copyright holder in its own file.",
      "Users can subscribe to the debian-announce mailing list to hear about new releases, and share what they learn on the wiki.",
      "Tags are how the package tracker sorts its work: region, theme and section each have a field.",
      "In 1914 the war began.",
      "The Kurds",
      "A Sunni Uprising?",
    ])
  func keepsArticleTextThatLooksAlike(line: String) throws {
    let text = Self.insideArticle(line)
    let run = try StageRun(Boilerplate(), on: text)
    #expect(run.output == text)
    #expect(run.rules.isEmpty)
  }

  /// The byte test ahead of the reading of a date turns away only texts that the reading
  /// turns away too, and on ASCII text answers as it does: each line of the fixture, and
  /// each run of its last one to seven words.
  @Test func theDateByteTestTurnsAwayOnlyWhatTheReadingDoes() throws {
    let lines = try Paths.fixture("date-lines.txt").split(separator: 0x0A).map {
      String(decoding: $0, as: UTF8.self)
    }
    var texts: [String] = []
    for line in lines {
      let words = line.split(separator: " ")
      for count in 1...min(words.count, 7) { texts.append(words.suffix(count).joined(separator: " ")) }
    }
    var dates = 0
    var turnedAway = 0
    for text in texts {
      var bytes = text
      let mayBe = bytes.withUTF8 { Judgement.mayBeDate($0) }
      let read = Judgement.readDate(in: text)
      if !mayBe {
        turnedAway += 1
        #expect(read == nil, "\(text)")
      }
      // On ASCII text the bytes decide as the reading does.
      if text.utf8.allSatisfy({ $0 < 0x80 }) { #expect(mayBe == (read != nil), "\(text)") }
      #expect(Judgement.date(in: text) == read, "\(text)")
      if read != nil { dates += 1 }
    }
    // Both sides are exercised: dates read, and texts turned away by bytes.
    #expect(dates >= 15)
    #expect(turnedAway >= 40)
  }

  /// A line's dated facts, read on its bytes, are those of the reading of its strings: every
  /// fixture line, alone and after a name or a site with each separator, with tabs and runs of
  /// spaces between its words.
  @Test func readsDatedFactsOnBytesAsOnStrings() throws {
    let dates = try Paths.fixture("date-lines.txt").split(separator: 0x0A).map {
      String(decoding: $0, as: UTF8.self)
    }
    let heads = ["Jane Doe", "Harbour Street Review", "Ольга Петрова", "By Jane Doe", "Staff", "Published"]
    var texts: [String] = []
    for date in dates {
      let words = date.split(separator: " ", omittingEmptySubsequences: false)
      texts += [date, words.joined(separator: "\t"), words.joined(separator: "  ")]
      for head in heads {
        texts += [" | ", " · ", ", ", " - ", " — ", " ? ", " ", "\t"].map { head + $0 + date }
      }
    }
    var split = 0
    var dated = 0
    for text in texts {
      let line = try #require(TextLine.lines(in: Array(text.utf8)).first, "\(text)")
      let fact = Judgement.splitFact(line.plainBytes, wordCount: line.wordCount)
      let expected = Self.splitFactOfStrings(line)
      #expect(fact?.rest == expected?.rest && fact?.date == expected?.date, "\(text)")
      #expect(
        Judgement.dateValue(line.plainBytes, wordCount: line.wordCount) == Self.dateValueOfStrings(line),
        "\(text)")
      if fact != nil { split += 1 }
      if Judgement.dateValue(line.plainBytes, wordCount: line.wordCount) != nil { dated += 1 }
    }
    // Both readings find facts, by both of the split's ways.
    #expect(split >= 150)
    #expect(dated >= 40)
  }

  /// `Judgement.splitFact` as it read strings: the oracle of the reading of bytes.
  private static func splitFactOfStrings(_ line: TextLine) -> (rest: String, date: String)? {
    guard line.wordCount <= 10 else { return nil }
    for separator in [" | ", " · ", ", ", " - ", " — ", " ? "] {
      guard let (before, tail) = ByteSearch.splitOnce(line.plain, at: separator) else { continue }
      let rest = before.trimmingCharacters()
      if let date = Judgement.date(in: tail), !rest.isEmpty { return (rest, date) }
    }
    let words = line.words
    guard words.count > 1 else { return nil }
    let hasYear = { (word: Substring) in LineFacts.longestDigitRun(in: Array(word.utf8), upTo: 4) == 4 }
    guard let yearWord = words.lastIndex(where: hasYear) else { return nil }
    let shortest = words.count - yearWord
    guard shortest <= min(4, words.count - 1) else { return nil }
    for count in (shortest...min(4, words.count - 1)).reversed() {
      guard let date = Judgement.date(in: words.suffix(count).joined(separator: " ")) else { continue }
      let rest = words.dropLast(count).joined(separator: " ").trimmingCharacters(in: " ,|·-–—")
      if Judgement.isName(rest) || Judgement.isCorrespondent(rest) { return (rest, date) }
    }
    return nil
  }

  /// `Judgement.dateValue` as it read strings.
  private static func dateValueOfStrings(_ line: TextLine) -> String? {
    guard line.wordCount <= 8 else { return nil }
    var text = line.plain
    for word in BoilerplatePhrases.publishedWords where text.lowercased().hasPrefix(word) {
      text = String(text.dropFirst(word.count)).trimmingCharacters()
      for filler in ["on ", "am ", "le ", "el ", "em ", "il "] where text.hasPrefix(filler) {
        text = String(text.dropFirst(filler.count))
      }
      break
    }
    return Judgement.date(in: text)
  }

  /// Lines are the same text where their bytes are, or where they spell it in canonically
  /// equivalent ways; bytes that differ in ASCII, or a text that goes on, make them differ.
  @Test(arguments: [
    ("Running head", "Running head", true), ("Running head", "Running heads", false), ("", "", true),
    ("Caf\u{E9} news", "Cafe\u{301} news", true), ("\u{2126}mega", "\u{3A9}mega", true),
    ("Abc", "abc", false),
    ("Caf\u{E9}", "Cafe", false), ("Cafe\u{301}", "Cafe", false),
  ])
  func comparesLinesAsTheirTextsCompare(line: String, other: String, isSame: Bool) {
    #expect(Judgement.isSameText(Array(line.utf8)[...], Array(other.utf8)[...]) == isSame)
    #expect(Judgement.isSameText(Array(other.utf8)[...], Array(line.utf8)[...]) == isSame)
  }

  /// The text's string, where the caller has it, is read only where the bytes do not decide,
  /// and then decides as a string made from the bytes would.
  @Test func readsTheTextsStringOnlyWhereTheBytesDoNotDecide() {
    var asked = 0
    let title = "Cafe\u{301} news"
    // Each answer is taken before `#expect`, which reads the arguments of a call it is given.
    func same(_ line: String, _ text: String, string: String) -> Bool {
      Judgement.isSameText(
        Array(line.utf8)[...], Array(text.utf8)[...],
        string: {
          asked += 1
          return string
        }())
    }
    let longer = same("Running head", "Running heads", string: "")
    let equal = same("Running head", "Running head", string: "")
    #expect(!longer && equal && asked == 0)
    let composed = same("Caf\u{E9} news", title, string: title)
    let shorter = same("Caf\u{E9} new", title, string: title)
    #expect(composed && !shorter && asked == 2)
  }

  /// The lead byte a byline is tested by is the first byte of the first word as `byline`
  /// lowercases and trims it, on bylines and look-alikes: colons, spaces and markup before
  /// the word, capitals whose lowercase differs in length (`İ`), a word of colons alone.
  @Test(arguments: [
    "By Jane Doe", "by: Jane Doe", ":By Jane Doe", "  **By** Jane Doe", "BY JANE DOE", "İle Ali Veli",
    "Σ Jane Doe", "::: Jane Doe", "Автор Иван Петров", "Von\tJane Doe", "Photo by Jane Doe", "*: by x",
  ])
  func readsTheLeadOfABylineAsItsWord(text: String) throws {
    let bytes = Array(text.utf8)
    let line = TextLine(text: bytes, range: 0..<bytes.count)
    let word = line.words.first.map { $0.lowercased().trimmingCharacters(in: ":") }
    #expect(Judgement.bylineLead(line.lowerBytes) == word?.utf8.first, "\(text)")
  }

  /// A name read scalar by scalar is read as its characters are: names, and look-alikes in
  /// capitals, with digits, marks, too many or too few words, at every spacing.
  @Test(arguments: [
    "Jane Doe", "Jane  Doe", " Jane Doe ", "J. R. Doe", "Mary-Jane O'Neil", "?lodie Martin", "Jo Li",
    "JANE DOE", "Jane DOE", "UN Desk", "Jane Doe Smith Jones", "Jane Doe Smith Jones Brown", "Jane",
    "jane Doe", "Jane doe", "Jane Doe2", "Jane D0e", "Jane (Doe)", "Jane Doe,", "Jane Doe!", "AB Cd",
    "A B", "Ab C", "", " ", "Jane\tDoe", "Mc?Doe Jane", "Jane ?", "Jane ?a", "Zoë Doe", "Łukasz Żółć",
    "ÉMILE ZOLA", "Émile Zola", "Ærøskøbing Ø", "José Ñúñez-Ortiz", "ǅemal Bijedić", "Ŋ ŋa", "Jane ×Doe",
    "Jane Dœ", "Jane Doe²", "ß Doe", "Jane ǀDoe",
  ])
  func readsALatinNameAsItsCharacters(text: String) {
    let bytes = Array(text.utf8)
    let read = bytes.withUnsafeBufferPointer { Judgement.isSingleLatinName($0) }
    #expect(read == Judgement.isSingleNameReadAsCharacters(text))
    #expect(Array("Zoë D\u{301}oe".utf8).withUnsafeBufferPointer { Judgement.isSingleLatinName($0) } == nil)
    #expect(Array("Jane O’Neil".utf8).withUnsafeBufferPointer { Judgement.isSingleLatinName($0) } == nil)
  }

  /// Below U+0300 every scalar is a character of its own whose properties are the scalar's:
  /// the name read scalar by scalar rests on it.
  @Test func readsEveryLatinScalarAsItsCharacter() throws {
    for value in UInt32(0x21)..<0x300 {
      let scalar = try #require(Unicode.Scalar(value))
      let character = Character(scalar)
      #expect(character.isLetter == ScalarProperties.isAlphabetic(scalar), "\(value)")
      #expect(character.isLowercase == ScalarProperties.isLowercase(scalar), "\(value)")
      #expect(String(scalar) + "a" != String(scalar) && (String(scalar) + "a").count == 2, "\(value)")
    }
  }

  /// A domain read on ASCII bytes is read as its characters are: addresses, and look-alikes
  /// with dots at the ends or side by side, other marks, digits in the last label, one label.
  @Test(arguments: [
    "example.org", "www.example.org", "a.b.co", "x-y.example.de", "xn--bcher-kva.example", "Example.ORG",
    "example.org.", ".example.org", "example..org", "example.o", "example.o2", "example.123", "example",
    "e.g.", "e.g", "a@b.org", "a/b.org", "example.org/x", "1.5", "3.14.co", "-.-", "", ".", "..",
    "ex_ample.org",
    "example.org:80",
  ])
  func readsAnASCIIDomainAsItsCharacters(word: String) {
    let read = Array(word.utf8).withUnsafeBufferPointer { Judgement.isASCIIDomain($0) }
    #expect(read == Judgement.isDomainReadAsCharacters(word))
    #expect(Array("bücher.de".utf8).withUnsafeBufferPointer { Judgement.isASCIIDomain($0) } == nil)
  }

  /// A label's name read on ASCII bytes is read as the characters of the line are: labels
  /// of one to three words, spaced, empty or too long, and marks that join a colon or a space.
  @Test(arguments: [
    "Photo: Jane Doe", "Tags : politics, world", "Source:  example.org", "Photo credit: Jane", "a b c d: x",
    "Photo:", "Photo: ", ":x", "a:b:c", "Time 10:30", "Fото: Jane", "Foto:\u{301} Jane", "Foto \u{301}: Jane",
    "Région : Afrique", "Photo:Jane", "Photo:é", "a  b   c : x", "a  b   c  d: x",
    "He said that the plan would work: it did", "  Photo  credit  : Jane",
  ])
  func readsALabelNameAsTheCharactersDo(text: String) throws {
    let line = try #require(TextLine.lines(in: Array(text.utf8)).first)
    let read = Judgement.labelName(of: line)
    let byCharacters = Judgement.labelNameReadAsCharacters(of: line)
    #expect(read?.name == byCharacters?.name)
    #expect(read?.colon == byCharacters?.colon)
  }

  /// The runs between spaces are counted as a split on spaces counts them, up to the limit.
  @Test(arguments: ["", " ", "a", " a ", "a b", "a  b", "  a b  c ", "a\tb c", "é ü", "a b c d e f"])
  func countsTheRunsBetweenSpacesAsASplitDoes(text: String) {
    let bytes = Array(text.utf8)[...]
    let runs = bytes.split(separator: 0x20).count
    for limit in 1...5 {
      #expect(Judgement.spaceRuns(in: bytes, upTo: limit) == min(runs, limit), "\(text) \(limit)")
    }
  }

  /// A page line in ASCII is read on its bytes as its words read as strings: numbers, page
  /// words, connectors, domains and the marks around them, and the lines that only look so.
  @Test(arguments: [
    "12", "- 12 -", "Page 12", "page 12 of 40", "12 / 40", "147 site.example", "May 4, 2011", "p. 12", "(12)",
    "[12]", "|12|", "12.", "Seite 3 von 9", "Side 2", "1 2 3", "12 34", "a 12", "12a", "PAGE 7", "12\t/\t40",
    "... 12", "- -", "z 12", "de 12 de", "strona 1 z 2", "12 example", "12 .example.org", "-12-", "Trang 4",
    "12 of", "()", "(page) [12]",
  ])
  func readsAnASCIIPageLineAsItsWordsRead(text: String) {
    let bytes = Array(text.utf8)[...]
    #expect(
      Judgement.isASCIIPageNumber(bytes) == Judgement.isPageNumberReadAsCharacters(TextLine.words(of: text)))
  }

  /// The byte test ahead of a document number turns away only lines whose words name none.
  @Test(arguments: [
    "Report No. 12", "NR. 4", "Policy brief no. 2021", "№ 7", "Working Paper Nº 12", "No.12", "Nov. 2021",
    "Nor. 12", "ano. 12", "no.\t12", "in no. 12 of", "No 12", "no.", "No. 12a", "Number 12", "Heft Nr. 3",
  ])
  func turnsAwayOnlyLinesThatNameNoNumber(text: String) throws {
    let line = try #require(TextLine.lines(in: Array(text.utf8)).first)
    if !Judgement.mayNameANumber(line.plainBytes) { #expect(!Judgement.namesANumber(line.words)) }
    #expect(
      Judgement.isDocumentType(line.plainBytes, wordCount: line.wordCount)
        == (line.wordCount <= 6 && Judgement.namesANumber(line.words)))
  }

  @Test func takesTheHeadIntoMetadataAndKeepsTheTitle() throws {
    let head = """
      HARBOUR STREET REVIEW
      Home | News | Opinion | About us

      # Al Qaeda Offshoot Captures Mosul

      By [Jane Doe](#)

      Global Research, June 11, 2014


      """
    let run = try run(head: head)
    #expect(run.output.hasPrefix("\n\n\n# Al Qaeda Offshoot Captures Mosul\n"))
    let metadata = run.proposal.metadata
    #expect(metadata.title == "Al Qaeda Offshoot Captures Mosul")
    #expect(metadata.byline == "Jane Doe")
    #expect(metadata.date == "June 11, 2014")
    #expect(metadata.site == "HARBOUR STREET REVIEW")
  }

  @Test func takesANameAndAffiliationBlock() throws {
    let head = "Sense and Sensibility, Chapter 14\n\nYusuf Demir\nLakeside University Press\n20 June 2009\n\n"
    let run = try run(head: head)
    #expect(run.output.hasPrefix("Sense and Sensibility, Chapter 14\n\n\n\n\n\n"))
    #expect(run.proposal.metadata.byline == "Yusuf Demir")
    #expect(run.proposal.metadata.date == "20 June 2009")
  }

  @Test func keepsASubheadingUnderTheTitle() throws {
    let head = "Notable changes in Python 3.5.4\n\nNew make regen-all build target\n\n"
    let run = try run(head: head)
    #expect(run.output == head + Self.body + "\n\n")
  }

  @Test func removesFurnitureBetweenTheHalvesOfAParagraph() throws {
    let text = """
      The estate at Delaford was never reckoned more than two thousand a year, and his brother left everything

      - 48 -
      harbourstreet.example

      sadly involved, so that he must have been sent for about money matters.
      """
    let run = try StageRun(Boilerplate(), on: text)
    #expect(!run.output.contains("48"))
    #expect(!run.output.contains("harbourstreet"))
    #expect(run.output.contains("everything\n\n"))
  }

  @Test(
    arguments: [
      ("sect-map-ai2html-180Besides, the city fell.", "Besides, the city fell."),
      ("img-58205Иногда процесс живёт дальше.", "Иногда процесс живёт дальше."),
      ("photo_5544.jpgThe rebels advanced.", "The rebels advanced."),
    ])
  func removesGluedImageNames(line: String, expected: String) throws {
    let run = try run(tail: line + "\n")
    #expect(run.output == Self.body + "\n\n" + expected + "\n")
    #expect(run.rules == ["boilerplate.glued-image-name"])
  }

  @Test(arguments: ["mp3-player sales rose.", "covid-19 cases fell.", "x86-64 machines run it."])
  func keepsHyphenatedWordsWithNumbers(line: String) throws {
    let run = try run(tail: line + "\n")
    #expect(run.rules.isEmpty)
  }

  /// Each shape rule with a line it removes below the article, and a look-alike line inside
  /// the article that it keeps.
  @Test(
    arguments: [
      (
        "Home | News | Opinion | About us", "navigation",
        "The grammar allows a | b | c as alternatives in one rule."
      ),
      ("June 11, 2014", "dateline", "On June 11, 2014 the city fell to the insurgents after four days."),
      (
        "Share this article: Facebook Twitter Email", "call-to-action",
        "Facebook and Twitter were blocked in the city for a week."
      ),
      ("Photo: Reuters", "caption", "Photographs taken by Reuters showed the damage to the airport."),
      ("© 2019 Éditions du Port", "copyright", "L’été 2019, le café du port a fermé après l’incendie."),
      ("Related articles", "related", "Related articles of the law were changed in 2012 as well."),
      ("Page 12", "page-number", "Page 12 of the report lists the losses."),
      (
        "editor@example.org", "site-address",
        "Write to the list at debian-user@lists.debian.org with questions."
      ),
      ("Articles by: Barry Grey", "byline", "Articles by foreign journalists were banned from the papers."),
      (
        "For reprint rights contact: rights@example.org", "notice",
        "The novel was first published in 1813 and has never been out of print since then."
      ),
      (
        "Source URL: https://example.org/a/1", "source",
        "Source code of the tool is in the repository as well."
      ),
    ])
  func judgesByShape(removed: String, rule: String, kept: String) throws {
    let removal = try run(tail: removed + "\n")
    #expect(removal.rules == ["boilerplate.\(rule)"], "\(removed)")
    let text = Self.insideArticle(kept)
    let keeping = try StageRun(Boilerplate(), on: text)
    #expect(keeping.output == text, "\(kept)")
  }

  /// A menu's items stand between two separators or more of one kind; one separator, or two
  /// of different kinds, is text.
  @Test(
    arguments: [
      ("Home · News · Sport", true), ("Politik • Wirtschaft • Kultur", true), ("World / Europe / Asia", true),
      ("Inicio | Noticias | Opinión", true), ("Either this / or that, she said", false),
      ("Home | News · Sport", false), ("Ceci n’est pas une pipe — dit-il.", false),
    ])
  func readsAMenuByItsSeparators(line: String, isMenu: Bool) {
    let bytes = Array(line.utf8)
    #expect(Judgement.isNavigation(TextLine(text: bytes, range: 0..<bytes.count)) == isMenu)
  }

  /// A caption with no label names what its picture shows; a subheading or a sentence that
  /// opens the same way stays.
  @Test(
    arguments: [
      (
        "A view of the old city",
        "A view of the old city from the fort shows how much of it burned that night."
      ),
      ("Vue générale de la vieille ville", "Vue générale"),
      ("Widok na stare miasto", "Widok na stare miasto zmienił się po wojnie, gdy odbudowano rynek."),
      ("Вид на старый город", "Старый город"),
      ("Aerial view of the harbour", "Views of the harbour"),
    ])
  func removesAnUnlabeledCaptionInsideTheArticle(caption: String, kept: String) throws {
    let removal = try StageRun(Boilerplate(), on: Self.insideArticle(caption))
    #expect(removal.rules == ["boilerplate.caption"], "\(caption)")
    let text = Self.insideArticle(kept)
    let keeping = try StageRun(Boilerplate(), on: text)
    #expect(keeping.output == text, "\(kept)")
  }

  @Test func takesAMastheadAndDocumentTypeAboveTheTitle() throws {
    let head = "THE NORTHERN LEDGER\nWorking Paper No. 91936\n\nPEP 453: Explicit Bootstrapping of PIP\n\n"
    let run = try run(head: head)
    #expect(run.output.hasPrefix("\n\n\nPEP 453: Explicit Bootstrapping of PIP\n"))
    #expect(run.proposal.metadata.site == "THE NORTHERN LEDGER")
    #expect(run.proposal.metadata.title == "PEP 453: Explicit Bootstrapping of PIP")
  }

  /// A text that opens with a title of two capitalized words (it reads as a name) keeps it as
  /// its title, where nothing stands above it; a name under a title is the byline.
  @Test(arguments: [
    ("Garden Irrigation\n", "Garden Irrigation", ""),
    ("A Report on River Levels\nMarta Lindgren\n\n", "A Report on River Levels", "Marta Lindgren"),
  ])
  func takesANameLikeFirstLineAsTheTitle(head: String, title: String, byline: String) throws {
    let run = try run(head: head)
    #expect(run.output.hasPrefix(title + "\n"))
    #expect(run.proposal.metadata.title == title)
    #expect(run.proposal.metadata.byline == byline)
  }

  /// An all-capitals label under a title is no masthead that pushes the title below it; above
  /// the title, an all-capitals line is the masthead.
  @Test(arguments: [
    ("A Report on River Levels\nBACK TO BASICS\n\n", "A Report on River Levels", ""),
    ("RIVER WEEKLY\nA Report on River Levels\n\n", "A Report on River Levels", "RIVER WEEKLY"),
  ])
  func takesTheTitleAboveAnAllCapitalsLabel(head: String, title: String, site: String) throws {
    let run = try run(head: head)
    #expect(run.proposal.metadata.title == title)
    #expect(run.output.contains(title + "\n"))
    #expect(run.proposal.metadata.site == site)
  }

  @Test func keepsAnAllCapitalsTitleWithABylineUnderIt() throws {
    let head = "DHCP\n\nPriya Raman\nInstitute for Public Understanding\n\n"
    let run = try run(head: head)
    #expect(run.output.hasPrefix("DHCP\n"))
    #expect(run.proposal.metadata.byline == "Priya Raman")
  }
}

/// The byte tests that spare lines the string work of a rule must pass every line the rule
/// takes.
@Suite struct BoilerplateGateTests {
  @Test(arguments: [
    "example.org", "press@example.org", "https://example.org/page", "news.example.co.uk", "..example.org..",
  ])
  func addressesPassTheGate(word: String) {
    #expect(Judgement.mayBeAddress(firstWordOf: Array((word + " and more").utf8)[...]))
    #expect(Judgement.isDomain(word) || Judgement.isEmail(word) || word.hasPrefix("http"))
  }

  @Test(arguments: ["He", "so.", "...", ".com", "end..", "Mr", "", "a b.c"])
  func wordsThatAreNoAddressStop(word: String) {
    let first = word.split(separator: " ").first.map(String.init) ?? ""
    #expect(!Judgement.mayBeAddress(firstWordOf: Array(word.utf8)[...]))
    #expect(!(Judgement.isDomain(first) || Judgement.isEmail(first) || first.hasPrefix("http")))
  }

  /// The rules' verdicts on a text: features of the model, which decides.
  static func ruleVerdicts(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    var judge = Judgement(lines: TextLine.lines(in: bytes), text: bytes)
    judge.run()
    return judge.verdicts.compactMap { $0?.name }
  }

  @Test(arguments: ["Related articles", "Related articles:", "READ MORE", "Lire aussi"])
  func relatedHeadersAreFound(line: String) throws {
    #expect(Self.ruleVerdicts(BoilerplateTests.insideArticle(line)).contains("related"), "\(line)")
  }

  /// A header in another script or with accents, in NFC and decomposed (NFD), whose bytes
  /// differ but whose text is the same.
  @Test(arguments: [
    "Artículos relacionados", "Arti\u{301}culos relacionados", "À LIRE AUSSI", "A\u{300} lire aussi :",
    "Читайте также", "Σχετικά άρθρα", "Đọc thêm",
  ])
  func relatedHeadersAreFoundInAnyNormalForm(line: String) throws {
    let bytes = TextLine.lines(in: Array(line.utf8))
    #expect(bytes.count == 1 && Judgement.isRelatedHeader(bytes[0]), "\(line)")
  }

  /// Non-ASCII look-alikes: a header's words with more after them, or one letter off.
  @Test(arguments: ["Artículos relacionadoss", "Lire aussiè", "Читайте также-то", "Σχετικά άρθρο"])
  func nonASCIILookAlikesOfRelatedHeadersAreNot(line: String) {
    let bytes = TextLine.lines(in: Array(line.utf8))
    #expect(bytes.count == 1 && !Judgement.isRelatedHeader(bytes[0]), "\(line)")
  }

  @Test func relatedHeadersAreInNFC() {
    for phrase in BoilerplatePhrases.relatedHeader {
      #expect(NFC.isNormalized(Array(phrase.utf8)[...]), "\(phrase)")
    }
  }

  @Test(arguments: ["Relatedness", "Read moreover", "More fromage"])
  func textStartingLikeARelatedHeaderStays(line: String) throws {
    #expect(!Self.ruleVerdicts(BoilerplateTests.insideArticle(line)).contains("related"), "\(line)")
    let run = try StageRun(Boilerplate(), on: BoilerplateTests.insideArticle(line))
    #expect(!run.rules.contains("boilerplate.related"), "\(line)")
  }
}

/// The main-text model finds the article by the kinds of lines a page has.
@Suite struct MainTextModelTests {
  static let article = """
    The council voted on Tuesday to keep the old library open for another ten years, after a long debate.

    Residents had gathered outside the town hall since the morning, many of them carrying books they had borrowed as children.

    The decision means the building will need new heating before the winter, which the council says it can pay for from reserves.
    """

  @Test func weightsAreForTheFeaturesTheStageReads() {
    #expect(MainTextModel.featureNames == BlockFeatures.names)
    #expect(MainTextModel.lineWeights.count == BlockFeatures.count)
    let columns = BlockFeatures.count + 2 * MainTextModel.contextWindows.count + 1
    let nodes = MainTextModel.treeFeature.count
    #expect(
      [MainTextModel.treeThreshold.count, MainTextModel.treeLeft.count, MainTextModel.treeRight.count] == [
        nodes, nodes, nodes,
      ])
    #expect(MainTextModel.treeFeature.allSatisfy { $0 < columns })
    #expect(MainTextModel.treeRoots.allSatisfy { (0..<nodes).contains(Int($0)) })
  }

  /// A menu of links above the article and a list of links below it go; the article stays,
  /// though no phrase of either is in any list.
  @Test func removesLinkMenusAroundTheArticle() throws {
    let menu = (1...8).map { "  * [Section \($0)](/section/\($0))" }.joined(separator: "\n")
    let footer = (1...6).map { "  * [Other story number \($0)](/story/\($0))" }.joined(separator: "\n")
    let page = menu + "\n\n# Library stays open\n\n" + Self.article + "\n\n" + footer + "\n"
    let run = try StageRun(Boilerplate(), on: page)
    #expect(run.output.contains(Self.article))
    #expect(run.output.contains("# Library stays open"))
    #expect(!run.output.contains("Section 3"))
    #expect(!run.output.contains("Other story number 2"))
    #expect(run.proposal.metadata.title == "Library stays open")
  }

  /// Text on the line of an image is the article's; the image alone is not.
  @Test func keepsTextBesideAnImage() throws {
    let paragraphs = Self.article.components(separatedBy: "\n\n")
    let beside = "![Town hall](/img/hall.jpg) " + paragraphs[1]
    let page = paragraphs[0] + "\n\n" + beside + "\n\n" + paragraphs[2] + "\n"
    let run = try StageRun(Boilerplate(), on: page)
    #expect(run.output == page)
    let alone = paragraphs[0] + "\n\n![Town hall](/img/hall.jpg)\n\n" + paragraphs[2] + "\n"
    #expect(try StageRun(Boilerplate(), on: alone).rules == ["boilerplate.image"])
  }

  /// A table of the article stays, though its rows are short and split by bars like a menu.
  @Test func keepsATable() throws {
    let paragraphs = Self.article.components(separatedBy: "\n\n")
    let table = "Year | Visitors | Books lent\n---|---|---\n2019 | 41 000 | 120 000\n2020 | 22 000 | 80 000"
    let page = paragraphs[0] + "\n\n" + table + "\n\n" + paragraphs[1] + "\n"
    let run = try StageRun(Boilerplate(), on: page)
    #expect(run.output == page)
    let menu = paragraphs[0] + "\n\n" + paragraphs[1] + "\n\nHome | News | Opinion | About us\n"
    #expect(try StageRun(Boilerplate(), on: menu).rules == ["boilerplate.navigation"])
  }
}
