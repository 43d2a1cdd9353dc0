import Testing

@testable import Stages

@Suite struct CleanTextCheckTests {
  /// The invariants hold for any text; the repairs' own checks run only when asked.
  @Test(
    arguments: [
      ("donâ€™t stop\n", "mojibake", false),
      ("a **bold** claim\n", "markup", false),
      ("trailing space \n", "whitespace", true),
      ("caf\u{65}\u{301}\n", "nfc", true),
      ("no final newline", "layout", true),
    ])
  func invariantsOnlyKeepsTheInvariants(text: String, rule: String, isInvariant: Bool) {
    let bytes = Array(text.utf8)
    #expect(CleanTextCheck.findings(in: bytes).map(\.rule).contains(rule))
    let invariants = CleanTextCheck.findings(in: bytes, invariantsOnly: true).map(\.rule)
    #expect(invariants.contains(rule) == isInvariant)
  }

  @Test func cleanTextHasNoFindings() {
    let text = Array("Title\n\nOne paragraph, don’t you think?\n".utf8)
    #expect(CleanTextCheck.findings(in: text).isEmpty)
    #expect(CleanTextCheck.findings(in: text, invariantsOnly: true).isEmpty)
  }
}
