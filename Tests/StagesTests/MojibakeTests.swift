import Foundation
import Pipeline
import Testing

@testable import Stages

@Suite struct MojibakeTests {
  @Test(
    arguments: [
      ("donâ€™t", "don’t"),  // en
      ("cafÃ© crÃ¨me brÃ»lÃ©e", "café crème brûlée"),  // fr
      ("GrÃ¶ÃŸe und ÃœbermaÃŸ", "Größe und Übermaß"),  // de
      ("SÃ£o Paulo, coraÃ§Ã£o", "São Paulo, coração"),  // pt
      ("ZaÅ¼Ã³Å‚Ä‡ gÄ™Å›lÄ… jaÅºÅ„", "Zażółć gęślą jaźń"),  // pl
      ("IÅŸÄ±k ve Ã§iÃ§ek, aÄŸaÃ§", "Işık ve çiçek, ağaç"),  // tr
      ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬ ÎºÎµÎ¯Î¼ÎµÎ½Î±", "Ελληνικά κείμενα"),  // el
      ("ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€", "Привет, мир"),  // ru
      ("Ù…Ø±Ø­Ø¨Ø§ Ø¨Ø§Ù„Ø¹Ø§Ù„Ù…", "مرحبا بالعالم"),  // ar
      ("â€œGreater Syriaâ€\u{9D} â€“ 5 â‚¬", "“Greater Syria” – 5 €"),  // undefined byte 0x9D
      ("Tiáº¿ng Viá»‡t cÃ³ dáº¥u", "Tiếng Việt có dấu"),  // vi
      ("Ã‚Â© 2021 Review", "© 2021 Review"),  // damaged twice
    ])
  func repairsWindows1252Mojibake(damaged: String, expected: String) throws {
    let run = try StageRun(Mojibake(), on: damaged + "\n")
    #expect(run.output == expected + "\n")
    #expect(!run.rules.isEmpty)
  }

  /// A line's units, and the characters no unit explains: the letters of another script
  /// and a lead byte that starts nothing count, ASCII does not, and neither do a C1 control or
  /// a no-break space (damage and spacing, not text that speaks against a repair).
  @Test(
    arguments: [
      ("cafÃ© crÃ¨me", 2, 0),
      ("cafÃ© дом", 1, 3),
      ("plain ASCII only", 0, 0),
      ("дом и сад", 0, 7),
      ("cafÃ©\u{85} and\u{A0}more", 1, 0),
    ])
  func countsUnitsAndTheCharactersTheyLeave(line: String, units: Int, uncovered: Int) {
    let text = Array(line.utf8)
    let found = Mojibake.units(in: text, 0..<text.count)
    #expect(found.units.count == units)
    #expect(found.uncovered == uncovered)
  }

  /// A repair is plausible when every character it decodes to is one that text uses: a C1
  /// control, an IPA letter or a private-use character is not; bytes that start nothing read
  /// as U+FFFD, which is.
  @Test(
    arguments: [
      (Array("é".utf8), true), (Array("€ ’".utf8), true), ([0xC2, 0x85], false),
      (Array("ɐ".utf8), false), (Array("\u{E000}".utf8), false), ([0xE2, 0x82], true),
      ([0xFF, 0x41], true), (Array("aɐ".utf8), false),
    ])
  func readsARepairsPlausibilityOffItsBytes(bytes: [UInt8], isPlausible: Bool) {
    #expect(Mojibake.isPlausible(bytes) == isPlausible)
  }

  /// A lone letter of another script glued to a Latin word is a stray, not a repair; a Latin
  /// or Greek letter, a letter standing alone, two characters and a broken sequence are not.
  @Test(
    arguments: [
      ("Ы", "abc", true), ("Ы", " b ", false), ("é", "abc", false), ("γ", "abc", false),
      ("ЫЫ", "abc", false), ("ſ", "abc", true), ("·", "abc", false),
    ])
  func findsAStrayLetterBesideALatinWord(repaired: String, text: String, isStray: Bool) {
    let text = Array(text.utf8)
    // The repair stands for the text's second byte, between its first and third.
    #expect(Mojibake.isStrayLetter(Array(repaired.utf8), at: 1..<2, in: text) == isStray)
    #expect(!Mojibake.isStrayLetter([0xD0], at: 1..<2, in: text))
    #expect(!Mojibake.isStrayLetter([], at: 1..<2, in: text))
  }

  /// Every character of `range` with the byte it stands for: what the units would read if
  /// they read every character.
  static func everyScalar(in text: [UInt8], _ range: Range<Int>) -> [(offset: Int, byte: UInt8?)] {
    var scalars: [(offset: Int, byte: UInt8?)] = []
    var index = range.lowerBound
    while index < range.upperBound {
      let length = text[index] < 0x80 ? 1 : UTF8Scan.sequenceLength(in: text, at: index) ?? 1
      scalars.append((index, length == 1 ? nil : Mojibake.byte(text, at: index, length: length)))
      index += length
    }
    return scalars
  }

  /// The units leave out the ASCII that no unit reads; they find what a reading of every
  /// character finds, in real dumps and with each kind of unit (a surrogate pair, a byte lost
  /// to `?` or U+FFFD, an A0 become a space, a C1 control) at every distance from the next
  /// character that is not ASCII, and from the line's ends.
  @Test func findTheUnitsAReadingOfEveryCharacterFinds() throws {
    var lines: [[UInt8]] = []
    for url in try Paths.files(in: Paths.devsetRaw).prefix(40) {
      lines += Array(try Data(contentsOf: url)).split(separator: 0x0A).map(Array.init)
    }
    let pieces: [[UInt8]] = [
      Array("Ã©".utf8), Array("â€™".utf8), Array("â€?".utf8), Array("Ã ".utf8), Array("Å veices".utf8),
      Array("í\u{A0}½í¸€".utf8), [0xC3, 0xA2, 0xE2, 0x82, 0xAC, 0xEF, 0xBF, 0xBD], [0xC2, 0x85],
      Array("ÐŸÑ€".utf8), Array("дом".utf8), [0xC3], Array("Ã".utf8),
    ]
    for first in pieces {
      for second in pieces {
        for gap in 0...9 {
          let ascii = Array(repeating: UInt8(ascii: "a"), count: gap)
          lines.append(first + ascii + second)
          lines.append(ascii + first + Array(" ".utf8) + ascii + second + ascii)
        }
      }
    }
    for line in lines {
      let range = 0..<line.count
      let found = Mojibake.units(in: line, range)
      let read = Mojibake.units(in: line, range, scalars: Self.everyScalar(in: line, range))
      let comment = Comment(rawValue: String(decoding: line, as: UTF8.self))
      #expect(found.uncovered == read.uncovered, comment)
      #expect(found.units.map(\.range) == read.units.map(\.range), comment)
      #expect(found.units.map { Array($0.decoded) } == read.units.map { Array($0.decoded) }, comment)
      #expect(found.units.map(\.strong) == read.units.map(\.strong), comment)
      #expect(found.units.map(\.isIntermediate) == read.units.map(\.isIntermediate), comment)
    }
  }

  /// A byte that starts no character counts as one the units leave.
  @Test func countsALoneLeadByteAsUncovered() {
    let text = Array("cafÃ© ".utf8) + [0xC2, 0x41]
    let found = Mojibake.units(in: text, 0..<text.count)
    #expect(found.units.count == 1)
    #expect(found.uncovered == 1)
  }

  @Test(
    arguments: [
      ("donÃ¢â‚¬â„¢t", "don’t"),
      ("cafÃƒÂ© crÃƒÂ¨me brÃƒÂ»lÃƒÂ©e", "café crème brûlée"),
      ("GrÃƒÂ¶ÃƒÅ¸e und ÃƒÅ“bermaÃƒÅ¸", "Größe und Übermaß"),
      ("SÃƒÂ£o Paulo, coraÃƒÂ§ÃƒÂ£o", "São Paulo, coração"),
    ])
  func repairsTextDamagedTwice(damaged: String, expected: String) throws {
    let run = try StageRun(Mojibake(), on: damaged)
    #expect(run.output == expected)
    #expect(run.rules.allSatisfy { $0 == "mojibake.double" })
  }

  /// What one repair exposes is repaired in the same pass, so that the clean text is a fixed
  /// point: a reference inside a sequence, damage through two pages.
  @Test(
    arguments: [
      ("10\u{CE}&frac14;s", "10μs"),
      (
        "a bigger-than-expected \u{413}\u{201A}\u{412}\u{408}5.8bn rights issue",
        "a bigger-than-expected £5.8bn rights issue"
      ),
    ])
  func repairsWhatARepairExposes(damaged: String, expected: String) throws {
    let run = try StageRun(Mojibake(), on: damaged + "\n")
    #expect(run.output == expected + "\n")
  }

  @Test(arguments: ["caf&eacute; &amp; cr&egrave;me", "Prices &euro; 5 &mdash; fine"])
  func leavesReferencesOutsideSequencesToMarkup(text: String) throws {
    let run = try StageRun(Mojibake(), on: text + "\n")
    #expect(run.output == text + "\n")
    #expect(run.rules.isEmpty)
  }

  /// Once a page explains whole lines of a document, its units are repaired in a line that
  /// has other characters too (a title with a dash), where alone that line would stay.
  @Test func repairsInPartTheLinesOfADocumentWhosePageIsKnown() throws {
    let title = "# [M\u{102}\u{A4}scot das Schaf](http://a.example/ \"M\u{102}\u{A4}scot \u{2013} Comic\")"
    let document = title + "\n\nZum sekund\u{102}\u{A4}ren Inhalt wechseln\n"
    let run = try StageRun(Mojibake(), on: document)
    #expect(
      run.output
        == "# [Mäscot das Schaf](http://a.example/ \"Mäscot – Comic\")\n\nZum sekundären Inhalt wechseln\n")
    let alone = try StageRun(Mojibake(), on: title + "\n")
    #expect(alone.output == title + "\n")
  }

  @Test func repairsLatin1MojibakeWithC1Controls() throws {
    let run = try StageRun(Mojibake(), on: "it\u{E2}\u{80}\u{99}s done")
    #expect(run.output == "it’s done")
    #expect(run.rules == ["mojibake.latin-1"])
  }

  @Test func repairsOnlyTheDamagedParagraph() throws {
    let input = "Une phrase correcte, déjà vue.\n\nUne phrase abÃ®mÃ©e, dÃ©jÃ  vue.\n"
    let run = try StageRun(Mojibake(), on: input)
    #expect(run.output == "Une phrase correcte, déjà vue.\n\nUne phrase abîmée, déjà vue.\n")
  }

  @Test(
    arguments: [
      "SÃO PAULO e MARANHÃO são estados.",  // Portuguese capitals
      "Il a l’âge de raison, à côté.",  // French â and à
      "În România, câmpul și pâinea.",  // Romanian â and î
      "Le prix est de 5 € « TTC ».",  // a legitimate euro sign
      "«CAFÉ» et «ÉTÉ»",  // an accented capital before a closing guillemet
      "Größe, Übermaß, Ärger: »Wörter«.",  // German
      "Zażółć gęślą jaźń. İstanbul’da çiçek.",  // Polish, Turkish
      "Ελληνικά, русский, العربية, فارسی.",  // other scripts
      "Tiếng Việt có dấu.",  // Vietnamese
      "ÀÁÂÃÄÅ àáâãäå are letters with marks.",  // a list of letters, not mojibake
    ])
  func leavesCorrectTextAlone(text: String) throws {
    let run = try StageRun(Mojibake(), on: text)
    #expect(run.output == text)
    #expect(run.rules.isEmpty)
  }

  /// The scan that spares a line the search for units passes every line whose space may be
  /// a lost A0, and no longer passes clean French, whose `é ` and `à ` stand before words.
  @Test(
    arguments: [
      ("voilÃ  le travail", true),  // the no-break space of `à`
      ("Å veices baÅ†Ä·ieri", true),  // `Š` takes its space
      ("à¸ à¸²à¸©à¸²", true),  // the A0 inside `ภ`, before a continuation's character
      ("Regras: â € As pessoas", true),  // the A0 inside `⠀`
      ("Il est allé à Paris, café noir.", false),  // French before words
      ("Où est né le thé ?", false),  // before a space and a question mark
      ("Je l’ai vu à « Paris ».", true),  // `«` is U+00AB, a continuation byte's character
      ("Elle est là à 5 heures.", false),  // before a digit
    ])
  func scansForUnitsOnlyWhereASpaceMayBeALostByte(line: String, mayHold: Bool) {
    #expect(Mojibake.mayHoldUnit(Array(line.utf8)[...]) == mayHold)
  }

  @Test(
    arguments: [
      ("parlé\u{85} Tu sais \u{84}ja\u{93}", "parlé… Tu sais „ja“"),  // Windows-1252 read as Latin-1
      ("voilÃ  le travail", "voilà le travail"),  // the no-break space became a space
      ("jusqu'Ã nos jours", "jusqu'à nos jours"),  // and the space after it stays
      ("atenÃ§Ã£o Ã s crianÃ§as", "atenção às crianças"),  // pt: the space was the no-break space
      ("condiÃ§Ãµes, semelhante Ã quele observado", "condições, semelhante àquele observado"),  // pt, as one word
      ("persiste et signe Ã s'Ã©loigner", "persiste et signe à s'éloigner"),  // fr: `à s'`, no contraction
      ("Ð Ð°Ð±Ð¾Ñ‚Ð° Ð¸Ð´ÐµÑ‚", "Работа идет"),  // ru: `Р` begins a word, its space was the no-break space
      ("Å veices baÅ†Ä·ieri gaida", "Šveices baņķieri gaida"),  // lv: so does `Š`
      ("HLA-DR4.IL2RÎ³cKO.NOD mice", "HLA-DR4.IL2RγcKO.NOD mice"),  // a Greek letter inside a Latin word
      ("à¸ à¸²à¸©à¸²à¹„à¸—à¸¢", "ภาษาไทย"),  // th: the last byte of `ภ` became a space
      ("in the newspaper ï¿½ email addresses", "in the newspaper \u{FFFD} email addresses"),  // U+FFFD misread
      ("OÃ™ ET QUAND?", "OÙ ET QUAND?"),  // `Ã` takes no trademark sign
      ("Ã¢â€\u{9D}â€™(Ã¢Å’Â£Ã‹â€ºÃ¢Å’Â£)Ã¢â€\u{9D}Å½", "┒(⌣˛⌣)┎"),  // twice, with a standalone ogonek
      ("Ã¢â€\u{FFFD}â€™(Ã¢Å’Â£)", "\u{FFFD}(⌣)"),  // twice, a byte lost: the whole sequence goes
      ("Regras: â € As pessoas â€œmarcadasâ€\u{9D}", "Regras: ⠀ As pessoas “marcadas”"),  // A0 inside, as a space
      ("Itâ?¬â?¢s epic, Itâ€™s classic", "It\u{FFFD}\u{FFFD}s epic, It’s classic"),  // bytes lost to `?`
      ("ItÃ?Â¢s here and donâ€™t", "It\u{FFFD}¢s here and don’t"),  // after a two-byte lead, before more
      ("¿QUÉ? Ã©tÃ© donâ€™t", "¿QUÉ? été don’t"),  // but `É?` ends a question
      ("upgraded to â€œbb+â€? from â€œbbâ€?", "upgraded to “bb+\u{FFFD} from “bb\u{FFFD}"),  // a byte lost to `?`
      ("â\u{80}\u{9C}mismatched quotes\u{85}\u{94}", "“mismatched quotes…”"),  // C1 controls are damage too
      ("LietuviÅ³ kalba", "Lietuvių kalba"),  // a symbol glued inside a word
      ("Ø§Ù„Ø\u{AD}Ù‚Ù„ ConflictsØŒ Ù„ÙƒÙ†", "الحقل Conflicts، لكن"),  // ar: an Arabic comma glued to a Latin word
      ("SlovenÄ\u{FFFD}ina", "Sloven\u{FFFD}ina"),  // a byte lost to U+FFFD
      ("Hi guys \u{ED}\u{A0}\u{BD}\u{ED}\u{B8}\u{8D}", "Hi guys 😍"),  // CESU-8 surrogates
    ])
  func repairsTheHarderCases(damaged: String, expected: String) throws {
    let run = try StageRun(Mojibake(), on: damaged)
    #expect(run.output == expected)
  }

  @Test(
    arguments: [
      ("Blog Traffic Tip 2 вЂ“ Broadcast", "Blog Traffic Tip 2 – Broadcast"),  // Windows-1251
      ("Am\u{102}\u{A9}rica Central y Ocean\u{102}\u{AD}a", "América Central y Oceanía"),  // Windows-1250
      ("wei√ü", "weiß"),  // Mac OS Roman
      ("РґРѕСЂРѕРіРµ", "дороге"),  // Windows-1251, Russian
      ("×‘×”×•×“×˘×”", "בהודעה"),  // Windows-1250, Hebrew: `˘` is no Windows-1252 character
      ("Asia, Ă\u{FFFD}frica, AmĂ©rica y OceanĂ­a", "Asia, \u{FFFD}frica, América y Oceanía"),  // Windows-1250, a byte lost
      ("se trouve Г lвЂ™ouest", "se trouve à l’ouest"),  // Windows-1251: `à` before a space
      ("Å iaip ÄÆdomu, kaip ÄÆsivaizduoji", "Šiaip įdomu, kaip įsivaizduoji"),  // Windows-1257: `Š` takes its space
      ("t‚Äö√†√∂¬¨¬©l‚Äö√†√∂¬¨¬©charger le fichier", "télécharger le fichier"),  // Mac OS Roman, three times
      ("It was calledÂ â€žthe rockâ€ś by all", "It was called\u{A0}„the rock“ by all"),  // Windows-1250, sloppy
      ("This is signiп¬Ѓcantly lower", "This is signiﬁcantly lower"),  // Windows-1251: a ligature in a word
    ])
  func repairsOtherCodePages(damaged: String, expected: String) throws {
    let run = try StageRun(Mojibake(), on: damaged)
    #expect(run.output == expected)
    #expect(run.rules.allSatisfy { $0 == "mojibake.other-code-page" })
  }

  @Test(
    arguments: [
      "Её зовут Анна, и всё хорошо.",  // Russian: Е and ё make a valid pair in Windows-1251
      "È necessario solo che uno sviluppatore lo faccia.",  // Italian capital before a space
      "Ψ √ ∞ ≈ are symbols in a formula.",
      "SELKÄ\u{A0}EDELLÄ\u{A0}MAAHAN",  // Finnish capitals before no-break spaces
      // One rare letter glued to a Latin word is no repair: not `MARQUɅ`, `SӅ`, `L՞pisode`, `lᴴ`.
      "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…",
      "TEM QUE SEGUIR, SDV SÓ…",
      "L’épisode 8 est trop fou",
      "o trem pra lá´´",
      "I'm not such a fan of Charlotte Brontë…”",  // not a Korean syllable
      "├┤a┼┐a┼┐a┼┐a┼┐a",  // line art, not `ôaſa`
      // A trademark sign and a possessive `s` after a capital end a word as text does.
      "AHÅ™, the new sofa from IKEA",
      "NICIODATĂ™",
      "ACUM ȘI NICIODATĂ\u{A0}AȘA",  // a capital before a no-break space
      "Ansel Berg – HÃ¥kon",  // one unit against one correct character: as likely text as not
      "BLÅØYNE ER FINE",  // accented Latin letters alone are text, not Windows-1257 mojibake
      // Mojibake lowercased after the damage: decoding the pieces that still decode makes it worse.
      "ã¢â‚¬å“quotedã¢â‚¬â\u{9D} textã¢â‚¬â€\u{9D}with ã¢â‚¬â€œ dashesã¢â‚¬â¦",
      "There are a lot of Ã’s in mojibake text",
      "Is it worth â‚?",  // a lossy sequence alone is no evidence
    ])
  func leavesLookalikesAlone(text: String) throws {
    let run = try StageRun(Mojibake(), on: text)
    #expect(run.output == text)
  }
}

/// A line's scalars and their offsets, as another code page reads them, are the bytes that
/// are not continuation bytes beside the scalars of the line decoded with repair.
@Suite struct CodePageScalarTests {
  @Test(arguments: [
    "plain ASCII", "Ð¡Ð»Ð¾Ð²Ð¾ — «слово»", "日本語 ＡＢＣ 😀", "", "\u{FFFD}x\u{FFFD}",
  ])
  func readsTheScalarsDecodingReads(text: String) {
    for broken in [false, true] {
      var bytes = Array(text.utf8)
      if broken { bytes.insert(contentsOf: [0xE2, 0x82, 0x41, 0xFF, 0xC3], at: bytes.count / 2) }
      let line = 0..<bytes.count
      let expected = zip(
        line.filter { !UTF8Scan.isContinuation(bytes[$0]) },
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value))
      let read = CodePage.scalars(bytes, line)
      #expect(read.map(\.offset) == expected.map(\.0), "\(text) \(broken)")
      #expect(read.map(\.value) == expected.map(\.1), "\(text) \(broken)")
    }
  }
}
