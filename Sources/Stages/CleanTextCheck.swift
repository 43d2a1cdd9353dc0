import Pipeline

/// A place where a text breaks the clean-text spec.
public struct Finding: Sendable, Hashable {
  /// The byte offset in the text.
  public var offset: Int
  /// The check that failed, such as `nfc` or `mojibake`.
  public var rule: String
  /// What is wrong, for a person.
  public var message: String

  /// Creates a finding.
  public init(offset: Int, rule: String, message: String) {
    self.offset = offset
    self.rule = rule
    self.message = message
  }
}

/// Checks that a text is clean: a clean text is a fixed point of the stages that repair
/// encoding, markup and layout, so any edit one of them would still make is a finding.
public enum CleanTextCheck {
  /// The stages whose edits are findings, with the rule each finding is reported under.
  static let checks: [(stage: any Stage, rule: String, message: String)] = [
    (Decoding(), "encoding", "byte-order mark or bytes that are not UTF-8"),
    (LineEndings(), "line-ending", "a line ending other than \\n"),
    (Whitespace(), "whitespace", "trailing, leading or repeated white space"),
    (ParagraphLayout(), "layout", "not one blank line between paragraphs and one final newline"),
    (UnicodeNormalization(), "nfc", "not in Unicode Normalization Form C"),
    (Mojibake(), "mojibake", "mojibake that docclean would repair"),
    (
      LostPunctuation(), "lost-punctuation",
      "a `?` that stands for lost punctuation and is not recorded as unresolved"
    ),
    (Markup(), "markup", "markdown or HTML residue"),
  ]

  /// The checks that hold for any text, whoever made it: encoding, line endings, white space,
  /// layout and NFC. The others repeat the repairs of the stages, which the pipeline's own
  /// output already passes, since it is a fixed point of the stages.
  static let invariantRules: Set = ["encoding", "line-ending", "whitespace", "layout", "nfc"]

  /// The findings in `text`; a lost-punctuation spot inside one of `unresolved` is allowed.
  ///
  /// With `invariantsOnly`, only the checks that hold for any text run: for a text whose
  /// provenance shows that the current pipeline made it, unchanged since.
  public static func findings(
    in text: [UInt8], unresolved: [Range<Int>] = [], invariantsOnly: Bool = false
  ) -> [Finding] {
    var findings: [Finding] = []
    for check in checks where !invariantsOnly || invariantRules.contains(check.rule) {
      let proposal = check.stage.propose(for: text)
      for edit in proposal.edits {
        if check.rule == "lost-punctuation",
          unresolved.contains(where: { $0.contains(edit.range.lowerBound) })
        {
          continue
        }
        findings.append(
          Finding(
            offset: edit.range.lowerBound, rule: check.rule, message: "\(check.message): \(edit.rule.reason)")
        )
      }
    }
    return findings.sorted { $0.offset < $1.offset }
  }
}
