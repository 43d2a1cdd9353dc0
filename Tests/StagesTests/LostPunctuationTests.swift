import Pipeline
import Testing

@testable import Stages

@Suite struct LostPunctuationTests {
  @Test(
    arguments: [
      ("Iraq?s army and Mosul?s people", "Iraq’s army and Mosul’s people", "apostrophe"),
      ("known as ?Greater Syria? or ?The Levant?", "known as “Greater Syria” or “The Levant”", "open-quote"),
      ("out of the Gulf ? no bombing ? at all", "out of the Gulf – no bombing – at all", "dash"),
      ("? first item\n? second item", "• first item\n• second item", "bullet"),
      ("the years 1914?1918 and l?homme", "the years 1914–1918 and l’homme", "range"),
      ("c?est l?été, dell?anno", "c’est l’été, dell’anno", "apostrophe"),  // French, Italian
      ("Er sagte ?Hallo? und ging.", "Er sagte “Hallo” und ging.", "open-quote"),  // German
    ])
  func restoresLostPunctuation(damaged: String, expected: String, rule: String) throws {
    let run = try StageRun(LostPunctuation(), on: damaged)
    #expect(run.output == expected)
    #expect(run.rules.contains("lost-punctuation.\(rule)"))
  }

  @Test func keepsGenuineQuestionsInADamagedDocument() throws {
    let damaged =
      "Iraq?s leaders ask: what next? Nobody knows. Can he act? Maybe.\n\nIt?s ?late? now, isn?t it?\n"
    let expected =
      "Iraq’s leaders ask: what next? Nobody knows. Can he act? Maybe.\n\nIt’s “late” now, isn’t it?\n"
    let run = try StageRun(LostPunctuation(), on: damaged)
    #expect(run.output == expected)
  }

  @Test func closesAStraightQuoteBeforeAComma() throws {
    let run = try StageRun(LostPunctuation(), on: "Iraq?s rulers, \"a plague on both your houses?, said one.")
    #expect(run.output == "Iraq’s rulers, \"a plague on both your houses”, said one.")
  }

  @Test func reportsAmbiguousRunsAsUnresolved() throws {
    let run = try StageRun(LostPunctuation(), on: "Iraq?s ISIS (al-Dawlah or D??ish) won?t stop.")
    #expect(run.output == "Iraq’s ISIS (al-Dawlah or D??ish) won’t stop.")
    let spot = try #require(run.proposal.unresolved.first)
    #expect(spot.range == 27..<29)
    #expect(spot.rule == "lost-punctuation.ambiguous")
  }

  @Test(
    arguments: [
      "What is curses?\n\nWhy bother? It is simple.",
      "Est-ce vrai ? Oui. Pourquoi ?",  // French spacing, no other damage
      "See https://example.org/search?q=docs&lang=en for more.",
      "¿Dónde está? ¡Aquí!",
      "Что это? Это тест.",
      "Is it “quoted”? Yes, it’s fine?",
      "Is this one question? And a second?",
    ])
  func leavesUndamagedTextAlone(text: String) throws {
    let run = try StageRun(LostPunctuation(), on: text)
    #expect(run.output == text)
    #expect(run.rules.isEmpty)
  }
}
