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
      ("> A quotation, as the page set it", "A quotation, as the page set it", "markup.blockquote"),
      ("> > ## A heading in a quotation", "A heading in a quotation", "markup.blockquote"),
      // What one strip exposes is stripped in the same pass: the cleaned text is a fixed point.
      ("![](https://example.org/a.png)_A caption in italics_", "A caption in italics", "markup.emphasis"),
      ("##### *****", "", "markup.rule"),
      (
        "written up as [Emacspeak At\nTwenty](http://e.example/t.html).",
        "written up as Emacspeak At\nTwenty.", "markup.link"
      ),
      ("![A caption that\n](./f/k.jpg)The text goes on", "The text goes on", "markup.image"),
      ("![Alt text\n\nthat spans paragraphs](s.jpg)", "Alt text\n\nthat spans paragraphs", "markup.image"),
      ("See [the docs](https://example.org/a \"A title\n\") now", "See the docs now", "markup.link"),
      (
        "See [the docs](https://example.org/a \"A title\nover three\nlines\n\") now", "See the docs now",
        "markup.link"
      ),
      ("_A quotation  \n(its source)_", "A quotation  \n(its source)", "markup.emphasis"),
      ("  * ![](https://example.org/a.png)", "", "markup.image"),
      ("* [](https://example.org/profile \"Profile\")", "", "markup.list-marker"),
      ("*\nThe item's text, on the next line", "\nThe item's text, on the next line", "markup.list-marker"),
      ("a \\\\\\$ sign", "a $ sign", "markup.escape"),
      // Rules and separator rows open with their first byte, and have no trigger but `-`.
      ("- - -", "", "markup.rule"),
      ("| --- | --- |", "", "markup.table-separator"),
      (":---|---:", "", "markup.table-separator"),
      ("-\nThe item's text, on the next line", "\nThe item's text, on the next line", "markup.list-marker"),
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
      "A remark in brackets] (\"quoted\n\") that opens no link.",
      "Un titre # au milieu",
      "Der Preis: 5 € – fertig.",
      "&unknownentity; stays",
      "a > b, and >50 people came",
      "A [bracket left open\n\nand a (parenthesis).",
      "Emphasis _does not\n\nspan paragraphs_ here",
      "* item _one\n* two_ end",
      // Hyphens and exclamation marks in prose start nothing.
      "A well-known fact! Really - yes -- it is.",
      "It costs 5-10 dollars!! Hi!-there, ends with -",
      "x | y - z",
      "Ein Satz – mit Strich - und Ausruf!",
    ])
  func leavesTextAlone(input: String) throws {
    let run = try StageRun(Markup(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }
}
