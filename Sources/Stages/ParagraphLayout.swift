import Pipeline

/// Gives the text its paragraph shape: one blank line between paragraphs, one final newline.
///
/// Finds blank lines at the start, runs of two or more blank lines, and a missing or repeated
/// final newline; removes the first, makes each run one blank line, and ends the text with
/// exactly one `\n`. Expects the whitespace stage to have emptied blank lines already.
public struct ParagraphLayout: Stage {
  public let id = "paragraph-layout"
  public let version = 1

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    var edits: [TextEdit] = []
    var start = 0
    while start < text.count, text[start] == 0x0A { start += 1 }
    if start > 0 {
      edits.append(
        edit(
          0..<start, "", Rule("paragraph-layout.leading-blank-lines", "blank lines before the text removed")))
    }
    guard start < text.count else { return Proposal(edits: edits) }
    var end = text.count
    while end > start, text[end - 1] == 0x0A { end -= 1 }
    var index = start
    while index < end {
      guard text[index] == 0x0A else {
        index = ByteSearch.firstIndex(of: 0x0A, in: text[..<end], from: index) ?? end
        continue
      }
      let run = index
      while index < end, text[index] == 0x0A { index += 1 }
      if index - run > 2 {
        edits.append(edit(run..<index, "\n\n", Rule("paragraph-layout.blank-lines", "blank lines made one")))
      }
    }
    if end == text.count {
      edits.append(edit(end..<end, "\n", Rule("paragraph-layout.final-newline", "final newline added")))
    } else if text.count - end > 1 {
      edits.append(
        edit(end..<text.count, "\n", Rule("paragraph-layout.final-newline", "blank lines at the end removed"))
      )
    }
    return Proposal(edits: edits)
  }
}
