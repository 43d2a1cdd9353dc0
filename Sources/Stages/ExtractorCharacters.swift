import Pipeline

/// Undoes two things PDF text extractors add to text: typographic ligatures and bidi
/// embedding controls.
///
/// - The Latin ligatures U+FB00–U+FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) become the letters they join, as a
///   font draws them and as a reader searches for them.
/// - The embedding and isolate controls U+202A–U+202C and U+2066–U+2069, which pdftotext
///   writes around every run of right-to-left text, go. They only say how to display the text;
///   its characters stay in the same order. The overrides U+202D and U+202E, which do reorder
///   what is shown, stay.
public struct ExtractorCharacters: Stage {
  public let id = "extractor-characters"
  public let version = 1

  public init() {}

  /// The letters of U+FB00 + n.
  static let ligatures = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"]

  public func propose(for text: [UInt8]) -> Proposal {
    var edits: [TextEdit] = []
    var index = 0
    let count = text.count
    while index + 2 < count {
      let lead = text[index]
      guard lead == 0xEF || lead == 0xE2 else {
        index += 1
        continue
      }
      let second = text[index + 1]
      let third = text[index + 2]
      if lead == 0xEF, second == 0xAC, (0x80...0x86).contains(third) {
        let letters = Self.ligatures[Int(third - 0x80)]
        edits.append(edit(index..<index + 3, letters, "ligature", "ligature made the letters \"\(letters)\""))
        index += 3
      } else if lead == 0xE2, PageLine.bidiControlLength(text, at: index) != nil,
        !(second == 0x80 && third >= 0xAD)
      {
        var end = index + 3
        while PageLine.bidiControlLength(text, at: end) != nil,
          !(text[end + 1] == 0x80 && text[end + 2] >= 0xAD)
        {
          end += 3
        }
        edits.append(
          edit(index..<end, "", "bidi-control", "bidi embedding controls that change no order removed"))
        index = end
      } else {
        index += 1
      }
    }
    return Proposal(edits: edits)
  }
}
