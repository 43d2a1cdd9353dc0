/// Writes provenance as JSON with sorted keys, straight into bytes: pretty, but one edit a line.
///
/// A provenance file holds an entry per edit, several times the size of the text itself, so
/// writing it through `JSONEncoder`'s boxed values cost more than cleaning the text. The layout
/// is the one `JSONEncoder` makes with `.prettyPrinted` and `.sortedKeys` (two spaces an indent,
/// ` : ` between key and value), except that each edit is written compact on a line of its own,
/// as `JSONEncoder` writes it without `.prettyPrinted`: edits are most of a file, and a line
/// each keeps them half the size and easy to grep and to diff.
struct ProvenanceJSON {
  private(set) var bytes: [UInt8] = []
  private var depth = 0
  /// Whether the open object or array has no member yet, one flag per level.
  private var isFirst: [Bool] = []

  init(capacity: Int) {
    bytes.reserveCapacity(capacity)
  }

  /// The JSON of `provenance`, with a final newline.
  static func encode(_ provenance: Provenance) -> [UInt8] {
    let edits = provenance.stages.reduce(0) { $0 + $1.edits.count }
    var writer = ProvenanceJSON(capacity: 2048 + edits * 300)
    writer.write(provenance)
    writer.bytes.append(0x0A)
    return writer.bytes
  }

  private mutating func write(_ provenance: Provenance) {
    open(0x7B)
    key("docclean", string: provenance.docclean)
    key("encoding", string: provenance.encoding)
    if let extraction = provenance.extraction {
      key("extraction")
      open(0x7B)
      key("arguments")
      open(0x5B)
      for argument in extraction.arguments {
        separate()
        string(argument)
      }
      close(0x5D)
      key("sha256", string: extraction.sha256)
      key("size", int: extraction.size)
      key("tool", string: extraction.tool)
      key("version", string: extraction.version)
      close(0x7D)
    }
    key("metadata")
    write(provenance.metadata)
    key("output")
    write(provenance.output)
    if let previous = provenance.previousOutputSHA256 { key("previousOutputSHA256", string: previous) }
    if let profile = provenance.profile {
      key("profile")
      open(0x7B)
      key("files", int: profile.files)
      key("sha256", string: profile.sha256)
      key("view", string: profile.view)
      close(0x7D)
    }
    key("revision", int: provenance.revision)
    key("ruleset", string: provenance.ruleset)
    key("schemaVersion", int: provenance.schemaVersion)
    key("source")
    write(provenance.source)
    key("stages")
    open(0x5B)
    for stage in provenance.stages {
      separate()
      open(0x7B)
      key("edits")
      open(0x5B)
      for edit in stage.edits {
        separate()
        write(edit)
      }
      close(0x5D)
      key("stage", string: stage.stage)
      key("version", int: stage.version)
      close(0x7D)
    }
    close(0x5D)
    key("unresolved")
    open(0x5B)
    for spot in provenance.unresolved {
      separate()
      write(spot)
    }
    close(0x5D)
    key("warnings")
    open(0x5B)
    for warning in provenance.warnings {
      separate()
      string(warning)
    }
    close(0x5D)
    close(0x7D)
  }

  private mutating func write(_ metadata: DocumentMetadata) {
    open(0x7B)
    key("byline", string: metadata.byline)
    key("date", string: metadata.date)
    key("site", string: metadata.site)
    key("source", string: metadata.source)
    key("sourceURL", string: metadata.sourceURL)
    key("title", string: metadata.title)
    close(0x7D)
  }

  private mutating func write(_ facts: Provenance.FileFacts) {
    open(0x7B)
    key("path", string: facts.path)
    key("sha256", string: facts.sha256)
    key("size", int: facts.size)
    close(0x7D)
  }

  private mutating func write(_ edit: Provenance.EditEntry) {
    append(#"{"inserted":"#)
    write(edit.inserted, compact: true)
    append(#","offset":"#)
    appendDecimal(edit.offset)
    append(#","raw":{"column":"#)
    appendDecimal(edit.raw.column)
    append(#","line":"#)
    appendDecimal(edit.raw.line)
    append(#","offset":"#)
    appendDecimal(edit.raw.offset)
    append(#"},"reason":"#)
    string(edit.reason)
    append(#","removed":"#)
    write(edit.removed, compact: true)
    append(#","rule":"#)
    string(edit.rule)
    append("}")
  }

  private mutating func write(_ spot: Provenance.UnresolvedEntry) {
    open(0x7B)
    key("length", int: spot.length)
    key("output")
    write(spot.output)
    key("raw")
    write(spot.raw)
    key("reason", string: spot.reason)
    key("rule", string: spot.rule)
    key("text", string: spot.text)
    close(0x7D)
  }

  private mutating func write(_ position: Provenance.Position) {
    open(0x7B)
    key("column", int: position.column)
    key("line", int: position.line)
    key("offset", int: position.offset)
    close(0x7D)
  }

  private mutating func write(_ value: Bytes, compact: Bool = false) {
    if UTF8Scan.isValid(value.bytes) {
      string(value.bytes)
    } else if compact {
      append(#"{"base64":"#)
      string(Base64.encode(value.bytes))
      append("}")
    } else {
      open(0x7B)
      key("base64", string: Base64.encode(value.bytes))
      close(0x7D)
    }
  }

  private mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  // MARK: - Layout

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    depth += 1
    isFirst.append(true)
  }

  /// Closes a level; an empty one keeps its blank line, as `JSONEncoder` writes it.
  private mutating func close(_ bracket: UInt8) {
    let wasEmpty = isFirst.removeLast()
    depth -= 1
    bytes.append(0x0A)
    if wasEmpty { bytes.append(0x0A) }
    indent()
    bytes.append(bracket)
  }

  /// Starts a member: a comma after the one before, a new line, the indent.
  private mutating func separate() {
    if isFirst[isFirst.count - 1] {
      isFirst[isFirst.count - 1] = false
    } else {
      bytes.append(0x2C)
    }
    bytes.append(0x0A)
    indent()
  }

  private mutating func indent() {
    let width = depth * 2
    if width <= Self.spaces.count {
      bytes.append(contentsOf: Self.spaces[..<width])
    } else {
      bytes.append(contentsOf: repeatElement(0x20, count: width))
    }
  }

  private static let spaces = [UInt8](repeating: 0x20, count: 32)

  /// Starts a member of an object: its key, ready for the value.
  private mutating func key(_ name: StaticString) {
    separate()
    bytes.append(0x22)
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(0x22)
    bytes.append(0x20)
    bytes.append(0x3A)
    bytes.append(0x20)
  }

  private mutating func key(_ name: StaticString, string value: String) {
    key(name)
    string(value)
  }

  private mutating func key(_ name: StaticString, int value: Int) {
    key(name)
    appendDecimal(value)
  }

  /// Appends the decimal digits of `value`, as `String(value)` spells them.
  private mutating func appendDecimal(_ value: Int) {
    if value < 0 { bytes.append(0x2D) }
    let start = bytes.count
    var magnitude = value.magnitude
    repeat {
      bytes.append(UInt8(magnitude % 10) + 0x30)
      magnitude /= 10
    } while magnitude > 0
    bytes[start...].reverse()
  }

  private mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { string($0) }
  }

  private mutating func string<Bytes: Collection<UInt8>>(_ value: Bytes) where Bytes.Index == Int {
    JSONBytes.appendString(value, to: &bytes)
  }

}

/// Standard base64 with padding, for the bytes of an edit that are not UTF-8.
enum Base64 {
  private static let alphabet: [UInt8] = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func encode(_ input: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((input.count + 2) / 3 * 4)
    var index = 0
    while index < input.count {
      let count = min(3, input.count - index)
      var group = UInt32(input[index]) << 16
      if count > 1 { group |= UInt32(input[index + 1]) << 8 }
      if count > 2 { group |= UInt32(input[index + 2]) }
      for position in 0..<4 {
        if position <= count {
          output.append(alphabet[Int((group >> (18 - 6 * UInt32(position))) & 0x3F)])
        } else {
          output.append(0x3D)
        }
      }
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }
}
