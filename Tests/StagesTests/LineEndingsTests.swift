import Testing

@testable import Stages

@Suite struct LineEndingsTests {
  @Test func convertsCRLFFixture() throws {
    let run = try StageRun(LineEndings(), bytes: try Paths.fixture("crlf.txt"))
    #expect(run.output == "First line\nSecond line\n\nA paragraph after a blank line.\n")
    #expect(run.rules == Array(repeating: "line-endings.crlf", count: 4))
  }

  @Test(
    arguments: [
      ("a\rb\r", "a\nb\n", "line-endings.cr"),
      ("page one\u{0C}page two", "page one\npage two", "line-endings.form-feed"),
      ("one\u{2028}two", "one\ntwo", "line-endings.line-separator"),
      ("one\u{2029}two", "one\n\ntwo", "line-endings.paragraph-separator"),
      ("one\u{85}two", "one\ntwo", "line-endings.next-line"),
    ])
  func changesOtherLineBreaks(input: String, expected: String, rule: String) throws {
    let run = try StageRun(LineEndings(), on: input)
    #expect(run.output == expected)
    #expect(run.rules.allSatisfy { $0 == rule })
  }

  @Test(arguments: ["plain\nlines\n", "a carriage-return-free text", "Ünïcödé\n\nκείμενο\n"])
  func leavesNewlinesAlone(input: String) throws {
    let run = try StageRun(LineEndings(), on: input)
    #expect(run.output == input)
    #expect(run.rules.isEmpty)
  }

  /// A saved page may hold NUL and other control bytes: each goes, at any offset of the
  /// sixteen- and eight-byte scans, with a warning that counts them; tabs and vertical tabs
  /// stay.
  @Test func removesControlCharactersAtEveryOffset() throws {
    for offset in 0..<44 {
      for control: UInt8 in [0x00, 0x07, 0x1B, 0x7F] {
        var bytes = Array(String(repeating: "text ", count: 9).utf8)
        let expected = String(
          decoding: bytes.enumerated().filter { $0.offset != offset }.map(\.element), as: UTF8.self)
        bytes[offset] = control
        let run = try StageRun(LineEndings(), bytes: bytes)
        #expect(run.output == expected, "offset \(offset)")
        #expect(run.rules == ["line-endings.control"])
        #expect(run.proposal.warnings.count == 1)
      }
    }
    let lookAlike = String(repeating: "a\tb\u{0B}c\n", count: 8)
    #expect(try StageRun(LineEndings(), on: lookAlike).output == lookAlike)
  }

  /// Line endings after curly quotes, no-break spaces and dashes (whose lead bytes the scan
  /// stops at too) at every offset; those characters alone are left as they are.
  @Test(arguments: ["\r\n", "\r", "\u{2028}", "\u{85}", "\u{0C}"])
  func findsEndingsAfterLookAlikeLeadsAtEveryOffset(ending: String) throws {
    for offset in 0..<40 {
      let line = String(repeating: "a", count: offset) + "’s “quote”\u{A0}— é…"
      let run = try StageRun(LineEndings(), on: line + ending + "next’s line")
      #expect(run.output == line + "\n" + "next’s line", "offset \(offset)")
      let alone = line + "\nnext’s line"
      #expect(try StageRun(LineEndings(), on: alone).output == alone, "offset \(offset)")
    }
  }
}
