import Pipeline

#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// Makes every line end with `\n`, and removes control characters that are no text.
///
/// Finds `\r\n`, a lone `\r`, form feeds, and the Unicode line and paragraph separators and
/// next-line character; changes each to `\n` (a paragraph separator to a blank line). NUL and
/// the other C0 controls but tab and vertical tab, and DEL, go, each an edit of its own.
public struct LineEndings: Stage {
  public let id = "line-endings"
  public let version = 2

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    var edits: [TextEdit] = []
    var controls = 0
    var index = 0
    let count = text.count
    while index < count {
      index = text.withUnsafeBufferPointer { Self.plainEnd(in: $0, from: index) }
      guard index < count else { break }
      let byte = text[index]
      switch byte {
      case 0x0D:
        if index + 1 < count, text[index + 1] == 0x0A {
          edits.append(edit(index..<index + 2, "\n", Rule("line-endings.crlf", "CRLF line ending made \\n")))
          index += 2
        } else {
          edits.append(edit(index..<index + 1, "\n", Rule("line-endings.cr", "CR line ending made \\n")))
          index += 1
        }
        continue
      case 0x0C:
        edits.append(
          edit(index..<index + 1, "\n", Rule("line-endings.form-feed", "form feed (page break) made \\n")))
      case 0xC2 where index + 1 < count && text[index + 1] == 0x85:
        edits.append(
          edit(index..<index + 2, "\n", Rule("line-endings.next-line", "U+0085 next line made \\n")))
      case 0xE2 where index + 2 < count && text[index + 1] == 0x80 && text[index + 2] == 0xA8:
        edits.append(
          edit(index..<index + 3, "\n", Rule("line-endings.line-separator", "U+2028 line separator made \\n"))
        )
      case 0xE2 where index + 2 < count && text[index + 1] == 0x80 && text[index + 2] == 0xA9:
        edits.append(
          edit(
            index..<index + 3, "\n\n",
            Rule("line-endings.paragraph-separator", "U+2029 paragraph separator made \\n")))
      case 0x00...0x08, 0x0E...0x1F, 0x7F:
        // A control character is no text; a saved page may hold a few (NUL bytes, most often).
        edits.append(edit(index..<index + 1, "", Rule("line-endings.control", "control character removed")))
        controls += 1
      default:
        break
      }
      index += 1
    }
    guard controls > 0 else { return Proposal(edits: edits) }
    return Proposal(
      edits: edits,
      warnings: ["removed \(controls) control character(s), such as NUL bytes, that are no text"])
  }

  /// Whether `byte` is a C0 control other than tab, line feed, vertical tab, form feed and
  /// carriage return, or DEL.
  static func isControl(_ byte: UInt8) -> Bool {
    byte < 0x09 || (0x0E...0x1F).contains(byte) || byte == 0x7F
  }

  /// The first offset at or after `start` whose byte may start a line ending or is a control.
  static func plainEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    Stops.first(in: buffer, from: start)
  }

  /// The bytes that may start a line ending or are a control: `\r`, a form feed, C2 or E2 (the
  /// lead bytes of U+0085 and of U+2028 and U+2029), the C0 controls but tab, line feed and
  /// vertical tab, and DEL.
  enum Stops: ByteStops {
    #if arch(x86_64)
      @inline(__always) static func stops(in block: __m128i) -> UInt32 {
        let kept = ByteBlock.between(block, 0x08, 0x0C)
        let controls = ByteBlock.without(kept, in: ByteBlock.below(block, 0x20))
        let leads = ByteBlock.or(
          ByteBlock.equal(block, 0x7F),
          ByteBlock.or(ByteBlock.equal(block, 0xC2), ByteBlock.equal(block, 0xE2)))
        return ByteBlock.bits(ByteBlock.or(controls, leads))
      }
    #endif
    // Each mask marks exactly its bytes, so the lowest mark is the first byte to stop at: a
    // curly quote's lead need not send the eight bytes through the bytes one by one.
    @inline(__always) static func stops(in word: UInt64) -> UInt64 {
      ByteWord.equalMask(word, 0x0D) | ByteWord.equalMask(word, 0x0C) | ByteWord.equalMask(word, 0xC2)
        | ByteWord.equalMask(word, 0xE2) | ByteWord.belowMask(word, 0x09) | ByteWord.between(word, 0x0D, 0x20)
        | ByteWord.equalMask(word, 0x7F)
    }
    @inline(__always) static func stops(at byte: UInt8) -> Bool {
      byte == 0x0D || byte == 0x0C || byte == 0xC2 || byte == 0xE2 || LineEndings.isControl(byte)
    }
  }
}
