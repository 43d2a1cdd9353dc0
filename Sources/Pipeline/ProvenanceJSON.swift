/// Writes provenance as JSON straight into bytes: a line for each top-level key, each rule,
/// stage, group of edits and unresolved spot, every line compact.
///
/// A provenance file holds an entry per edit, and at first it was several times the size of
/// the text itself; writing it through `JSONEncoder`'s boxed values cost more than cleaning
/// the text. Keys are sorted; rules, stages and groups of edits are arrays
/// (`docs/provenance.md`). A group a line keeps a file easy to `grep` and to diff; `jq .`
/// prints it fully indented.
struct ProvenanceJSON {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int) {
    bytes.reserveCapacity(capacity)
  }

  /// The JSON of `provenance`, with a final newline.
  static func encode(_ provenance: Provenance) -> [UInt8] {
    let size = provenance.stages.reduce(0) { total, stage in
      stage.edits.reduce(total + 64) { $0 + $1.removed.bytes.count + $1.inserted.bytes.count + 24 }
    }
    var writer = ProvenanceJSON(capacity: 2048 + size)
    writer.write(provenance)
    return writer.bytes
  }

  private mutating func write(_ provenance: Provenance) {
    append("{\n")
    member("docclean") { $0.string(provenance.docclean) }
    member("encoding") { $0.string(provenance.encoding) }
    if let extraction = provenance.extraction {
      member("extraction") { $0.write(extraction) }
    }
    member("metadata") { $0.write(provenance.metadata) }
    member("output") { $0.write(provenance.output) }
    if let previous = provenance.previousOutputSHA256 {
      member("previousOutputSHA256") { $0.string(previous) }
    }
    if let profile = provenance.profile {
      member("profile") { $0.write(profile) }
    }
    member("revision") { $0.decimal(provenance.revision) }
    member("rules") { writer in
      writer.list(provenance.rules, indent: 4) { writer, rule in
        writer.append("[")
        writer.string(rule.id)
        writer.append(",")
        writer.string(rule.reason)
        writer.append("]")
      }
    }
    member("ruleset") { $0.string(provenance.ruleset) }
    member("schemaVersion") { $0.decimal(provenance.schemaVersion) }
    member("source") { $0.write(provenance.source) }
    member("stages") { writer in
      writer.list(provenance.stages, indent: 4) { writer, stage in writer.write(stage) }
    }
    member("unresolved") { writer in
      writer.list(provenance.unresolved, indent: 4) { writer, spot in writer.write(spot) }
    }
    member("warnings", last: true) { writer in
      writer.list(provenance.warnings, indent: 4) { writer, warning in writer.string(warning) }
    }
    append("}\n")
  }

  /// A top-level member on a line of its own.
  private mutating func member(
    _ name: StaticString, last: Bool = false, value: (inout ProvenanceJSON) -> Void
  ) {
    append("  \"")
    append(name)
    append("\" : ")
    value(&self)
    append(last ? "\n" : ",\n")
  }

  /// An array with each element on a line of its own at `indent`; `[]` when empty.
  private mutating func list<Element>(
    _ elements: [Element], indent: Int, element: (inout ProvenanceJSON, Element) -> Void
  ) {
    guard !elements.isEmpty else {
      append("[]")
      return
    }
    append("[")
    // Elements lent from a buffer: from the array each would be copied, its arrays retained.
    elements.withUnsafeBufferPointer { elements in
      for index in elements.indices {
        append(index == 0 ? "\n" : ",\n")
        spaces(indent)
        element(&self, elements[index])
      }
    }
    append("\n")
    spaces(indent - 2)
    append("]")
  }

  private mutating func write(_ stage: Provenance.StageEntry) {
    append("[")
    string(stage.stage)
    append(",")
    decimal(stage.version)
    append(",")
    list(EditGroup.groups(of: stage.edits), indent: 6) { writer, group in writer.write(group) }
    append("]")
  }

  private mutating func write(_ group: EditGroup) {
    append("[")
    if group.offsets.count == 1 {
      decimal(group.offsets[0])
    } else {
      append("[")
      for (index, offset) in group.offsets.enumerated() {
        if index > 0 { append(",") }
        decimal(offset)
      }
      append("]")
    }
    append(",")
    write(group.removed)
    append(",")
    write(group.inserted)
    append(",")
    decimal(group.rule)
    append("]")
  }

  private mutating func write(_ metadata: DocumentMetadata) {
    append(#"{"byline":"#)
    string(metadata.byline)
    append(#","date":"#)
    string(metadata.date)
    append(#","site":"#)
    string(metadata.site)
    append(#","source":"#)
    string(metadata.source)
    append(#","sourceURL":"#)
    string(metadata.sourceURL)
    append(#","title":"#)
    string(metadata.title)
    append("}")
  }

  private mutating func write(_ facts: Provenance.FileFacts) {
    append(#"{"path":"#)
    string(facts.path)
    append(#","sha256":"#)
    string(facts.sha256)
    append(#","size":"#)
    decimal(facts.size)
    append("}")
  }

  private mutating func write(_ extraction: Provenance.ExtractionFacts) {
    append(#"{"arguments":["#)
    for (index, argument) in extraction.arguments.enumerated() {
      if index > 0 { append(",") }
      string(argument)
    }
    append(#"],"sha256":"#)
    string(extraction.sha256)
    append(#","size":"#)
    decimal(extraction.size)
    append(#","tool":"#)
    string(extraction.tool)
    append(#","version":"#)
    string(extraction.version)
    append("}")
  }

  private mutating func write(_ profile: Provenance.ProfileFacts) {
    append(#"{"files":"#)
    decimal(profile.files)
    append(#","sha256":"#)
    string(profile.sha256)
    append(#","view":"#)
    string(profile.view)
    append("}")
  }

  private mutating func write(_ spot: Provenance.UnresolvedEntry) {
    append(#"{"length":"#)
    decimal(spot.length)
    append(#","output":"#)
    write(spot.output)
    append(#","raw":"#)
    write(spot.raw)
    append(#","reason":"#)
    string(spot.reason)
    append(#","rule":"#)
    string(spot.rule)
    append(#","text":"#)
    string(spot.text)
    append("}")
  }

  private mutating func write(_ position: Provenance.Position) {
    append(#"{"column":"#)
    decimal(position.column)
    append(#","line":"#)
    decimal(position.line)
    append(#","offset":"#)
    decimal(position.offset)
    append("}")
  }

  /// Bytes as a JSON string when they are UTF-8, otherwise as `{"base64":…}`.
  private mutating func write(_ value: Bytes) {
    if UTF8Scan.isValid(value.bytes) {
      JSONBytes.appendString(value.bytes, to: &bytes)
    } else {
      append(#"{"base64":"#)
      string(Base64.encode(value.bytes))
      append("}")
    }
  }

  private mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  private mutating func spaces(_ count: Int) {
    bytes.append(contentsOf: repeatElement(0x20, count: count))
  }

  /// Appends the decimal digits of `value`, as `String(value)` spells them.
  private mutating func decimal(_ value: Int) {
    if value < 0 { bytes.append(0x2D) }
    let start = bytes.count
    var magnitude = value.magnitude
    repeat {
      bytes.append(UInt8(magnitude % 10) + 0x30)
      magnitude /= 10
    } while magnitude > 0
    // Swapped in place: reversing a slice of the array would retain its buffer for each number.
    var low = start
    var high = bytes.count - 1
    while low < high {
      bytes.swapAt(low, high)
      low += 1
      high -= 1
    }
  }

  private mutating func string(_ value: String) {
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
