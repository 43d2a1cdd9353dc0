import Testing

@testable import Stages

@Suite struct ExtractorCharactersTests {
  @Test(arguments: [
    ("e\u{FB03}cient \u{FB01}les \u{FB02}ow o\u{FB00}", "efficient files flow off"),
    ("\u{FB04}e \u{FB06}ep", "ffle step"),
  ])
  func spellsOutLigatures(input: String, expected: String) throws {
    let run = try StageRun(ExtractorCharacters(), on: input)
    #expect(run.output == expected)
    #expect(run.rules.allSatisfy { $0 == "extractor-characters.ligature" })
  }

  /// pdftotext's embeddings around Arabic and Hebrew runs go, and the text reads the same:
  /// its characters, in the same order.
  @Test(arguments: [
    "\u{202B}مخدم البريد \u{202A}Exim4\u{202C}\u{202C}",
    "\u{2067}שלום \u{2066}world\u{2069}\u{2069}",
  ])
  func removesEmbeddingControls(input: String) throws {
    let run = try StageRun(ExtractorCharacters(), on: input)
    let controls: Set<Unicode.Scalar> = [
      "\u{202A}", "\u{202B}", "\u{202C}", "\u{2066}", "\u{2067}", "\u{2069}",
    ]
    #expect(Array(run.output.unicodeScalars) == input.unicodeScalars.filter { !controls.contains($0) })
    #expect(!run.rules.isEmpty && run.rules.allSatisfy { $0 == "extractor-characters.bidi-control" })
  }

  /// Where pdftotext's left-to-right run inside a right-to-left line starts or ends with
  /// spaces or punctuation, the embedding shows them on its far side: without the controls they
  /// stand there, a bracket turned. A run in a left-to-right line is only unwrapped.
  @Test(arguments: [
    ("\u{202B}الرئيسية\u{202A} .\u{202C}أما\u{202C}", "الرئيسية. أما"),
    ("\u{202B}الحزمة \u{202A} postfix\u{202C}خدمة\u{202C}", "الحزمة postfix خدمة"),
    ("\u{202B}\u{202A}) SMTP\u{202C}بروتوكول\u{202C}", "SMTP (بروتوكول"),
    ("\u{2067}שלום \u{202A} (x)\u{202C}\u{2069}", "שלום  (x)"),
    ("plain \u{202A} .\u{202C}text", "plain  .text"),
  ])
  func movesTheNeutralsAnEmbeddingShowedElsewhere(input: String, expected: String) throws {
    let run = try StageRun(ExtractorCharacters(), on: input)
    #expect(run.output == expected)
  }

  /// Overrides reorder what is shown, so they stay; so do the look-alikes of ligatures.
  @Test(arguments: ["\u{202E}abc\u{202C}".dropLast().description, "fi fl ff \u{FB1D}", "plain text"])
  func leavesOverridesAndLookAlikes(input: String) throws {
    let run = try StageRun(ExtractorCharacters(), on: input)
    #expect(run.output == input)
  }
}

/// With no embedding open the stage skips to the next lead byte of a character it reads; a
/// ligature is found wherever it falls.
@Suite struct ExtractorCharacterOffsetTests {
  @Test func spellsOutALigatureAtEveryOffset() throws {
    for padding in 0...17 {
      let lead = String(repeating: "x", count: padding) + "\n"
      let run = try StageRun(ExtractorCharacters(), on: lead + "e\u{FB03}cient")
      #expect(run.output == lead + "efficient", "\(padding)")
    }
  }

  @Test func findsTheNextLeadByte() {
    for offset in 0...20 {
      let bytes = Array(String(repeating: "a", count: offset).utf8) + [0xE2, 0x80, 0x9C]
      #expect(ExtractorCharacters.nextLead(in: bytes, from: 0) == offset)
    }
    #expect(ExtractorCharacters.nextLead(in: Array("plain ascii text".utf8), from: 3) == 16)
  }
}
