import Testing

@testable import Stages

@Suite struct MarkupTests {
  @Test(
    arguments: [
      ("## The Kurds", "The Kurds", "markup.heading"),
      ("# Titre de l’article", "Titre de l’article", "markup.heading"),
      ("---", "", "markup.rule"),
      ("Sources: [Reuters](#) and [AP](https://example.org/a)", "Sources: Reuters and AP", "markup.link"),
      ("![A view of the old city](img-5126.jpg)", "", "markup.image"),
      ("See <https://example.org/page> now", "See https://example.org/page now", "markup.autolink"),
      ("_**Bold and italic.**_", "Bold and italic.", "markup.emphasis"),
      ("**_Jane Doe_**, editor", "Jane Doe, editor", "markup.emphasis"),
      ("Write to <mailto:desk@example.org>.", "Write to desk@example.org.", "markup.autolink"),
      ("See [the docs](https://example.org/a \"Docs page\") now", "See the docs now", "markup.link"),
      ("[![logo](https://example.org/l.png)](https://example.org) Home", " Home", "markup.link"),
      ("more than US\\$466 million", "more than US$466 million", "markup.escape"),
      ("It&#8217;s &ldquo;fine&rdquo; &mdash; caf&eacute;", "It’s “fine” — café", "markup.entity"),
      ("during *The Cradle*'s visit", "during The Cradle's visit", "markup.emphasis"),
      ("a **bold** and _quiet_ word", "a bold and quiet word", "markup.emphasis"),
      ("(real .deb *files*), whose", "(real .deb files), whose", "markup.emphasis"),
      ("Привет, **мир**!", "Привет, мир!", "markup.emphasis"),
    ])
  func removesMarkup(input: String, expected: String, rule: String) throws {
    let run = try StageRun(Markup(), on: input)
    #expect(run.output == expected)
    #expect(run.rules.contains(rule))
  }

  @Test(
    arguments: [
      "2 * 3 * 4 = 24",
      "Use snake_case_names and __init__.py here.",
      "Call f(*args, **kwargs) as before; x = a**2 + b**2.",
      "* a list item stays for the layout stage",
      "Prices & costs; R&D; AT&T",
      "C:\\Users\\name and \\n in code",
      "A [bracketed] remark (with parentheses).",
      "Un titre # au milieu",
      "Der Preis: 5 € – fertig.",
      "&unknownentity; stays",
    ])
  func leavesTextAlone(input: String) throws {
    let run = try StageRun(Markup(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }
}
