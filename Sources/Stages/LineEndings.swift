import Pipeline

/// Makes every line end with `\n`.
///
/// Finds `\r\n`, a lone `\r`, form feeds, and the Unicode line and paragraph separators and
/// next-line character; changes each to `\n` (a paragraph separator to a blank line).
public struct LineEndings: Stage {
  public let id = "line-endings"
  public let version = 1

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    var edits: [TextEdit] = []
    var index = 0
    let count = text.count
    while index < count {
      let byte = text[index]
      switch byte {
      case 0x0D:
        if index + 1 < count, text[index + 1] == 0x0A {
          edits.append(edit(index..<index + 2, "\n", "crlf", "CRLF line ending made \\n"))
          index += 2
        } else {
          edits.append(edit(index..<index + 1, "\n", "cr", "CR line ending made \\n"))
          index += 1
        }
        continue
      case 0x0C:
        edits.append(edit(index..<index + 1, "\n", "form-feed", "form feed (page break) made \\n"))
      case 0xC2 where index + 1 < count && text[index + 1] == 0x85:
        edits.append(edit(index..<index + 2, "\n", "next-line", "U+0085 next line made \\n"))
      case 0xE2 where index + 2 < count && text[index + 1] == 0x80 && text[index + 2] == 0xA8:
        edits.append(edit(index..<index + 3, "\n", "line-separator", "U+2028 line separator made \\n"))
      case 0xE2 where index + 2 < count && text[index + 1] == 0x80 && text[index + 2] == 0xA9:
        edits.append(
          edit(index..<index + 3, "\n\n", "paragraph-separator", "U+2029 paragraph separator made \\n"))
      default:
        break
      }
      index += 1
    }
    return Proposal(edits: edits)
  }

}
