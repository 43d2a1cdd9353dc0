import Testing

@testable import Stages

/// Line-end hyphens judged by the system's Hunspell dictionaries (`.ci/run` installs them).
@Suite struct SpellingTests {
  /// A German text long enough to tell its language, with words hyphenated at line ends.
  static func german(_ hyphenated: String) -> String {
    """
    Die Geschwindigkeit der Festplatte bestimmt, wie schnell das System startet und wie
    lange Programme brauchen, bis sie geladen sind. Neuere Modelle arbeiten deutlich
    leiser und verbrauchen weniger Strom als ältere Geräte, die noch mechanisch arbeiten.
    Wer die \(hyphenated) verbessern möchte, sollte zuerst die Einstellungen prüfen.

    """
  }

  @Test func findsTheLanguageOfAText() throws {
    let spelling = Spelling.system
    let language = try #require(spelling.language(of: Spelling.sample(Array(Self.german("Leistung").utf8))))
    #expect(spelling.languageCode(language) == "de")
    #expect(spelling.language(of: Spelling.sample(Array("zz qq xx".utf8))) == nil)
  }

  /// `Zugriffsgeschwin-` / `digkeit` is one word of German, though the text has it nowhere
  /// else; `Datenbank-` / `Server` keeps its hyphen, and `Xyzquor-` / `plimt` is no word, so
  /// keeps it too.
  @Test(arguments: [
    ("Zugriffsgeschwin-\ndigkeit", "Zugriffsgeschwindigkeit"),
    ("Datenbank-\nServer", "Datenbank-Server"),
    ("Xyzquor-\nplimt", "Xyzquor-plimt"),
  ])
  func joinsWhatTheDictionaryKnows(hyphenated: String, expected: String) throws {
    let run = try StageRun(Reflow(), on: Self.german(hyphenated))
    #expect(run.output.contains("Wer die \(expected) verbessern"))
  }

  /// Where no dictionary serves the text, a word joins only where the text has it elsewhere.
  @Test func fallsBackToTheTextsOwnWords() throws {
    let none = Spelling(folder: "/nonexistent")
    #expect(none.dictionaries.isEmpty)
    let alone = try StageRun(Reflow(spelling: none), on: Self.german("Zugriffsgeschwin-\ndigkeit"))
    #expect(alone.output.contains("Zugriffsgeschwin-digkeit"))
    let twice = try StageRun(
      Reflow(spelling: none), on: Self.german("Zugriffsgeschwin-\ndigkeit") + "\nZugriffsgeschwindigkeit\n")
    #expect(twice.output.contains("die Zugriffsgeschwindigkeit verbessern"))
  }
}
