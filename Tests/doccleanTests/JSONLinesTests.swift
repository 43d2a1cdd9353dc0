import Foundation
import Testing

/// `clean --jsonl` never loses a record: one line out for each line in, in order.
@Suite struct JSONLinesTests {
  /// The ways a record goes wrong, one in a hundred records each.
  enum Kind: CaseIterable {
    case good, notJSON, noText, textNotString, latin1, loneSurrogate, empty, oversize

    /// Whether the record comes back with an `error` member.
    var isError: Bool { [.notJSON, .noText, .textNotString, .empty, .oversize].contains(self) }
  }

  static func kind(of index: Int) -> Kind {
    let bad = Kind.allCases.dropFirst()
    return index % 100 < bad.count ? Array(bad)[index % 100] : .good
  }

  static func line(_ index: Int, _ kind: Kind) -> [UInt8] {
    let extra = #""source": "feed-\#(index)", "tags": [1, {"a": null}]"#
    switch kind {
    case .good:
      return Array(#"{"id": \#(index), \#(extra), "text": "Record \#(index) donâ€™t  stop."}"#.utf8)
    case .notJSON: return Array(#"{"id": \#(index), "text": "cut off"#.utf8)
    case .noText: return Array(#"{"id": \#(index), \#(extra)}"#.utf8)
    case .textNotString: return Array(#"{"id": \#(index), "text": 5, \#(extra)}"#.utf8)
    case .latin1:
      return Array(#"{"id": \#(index), \#(extra), "text": "caf"#.utf8) + [0xE9]
        + Array(#" \#(index)."}"#.utf8)
    case .loneSurrogate: return Array(#"{"id": \#(index), \#(extra), "text": "a \ud800 b \#(index)."}"#.utf8)
    case .empty: return []
    case .oversize:
      return Array(#"{"id": \#(index), "text": "\#(String(repeating: "long ", count: 1_000))"}"#.utf8)
    }
  }

  static func input(count: Int) -> Data {
    Data((0..<count).flatMap { line($0, kind(of: $0)) + [0x0A] })
  }

  static func objects(_ result: CLI.Result) throws -> [[String: Any]] {
    try result.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func tenThousandRecordsComeBackOneForOneInOrder() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("records.jsonl")
    try Self.input(count: 10_000).write(to: file)
    let result = try CLI.run(["clean", "--jsonl", "--max-size", "4096", file.path])
    #expect(result.status == 1)
    let records = try Self.objects(result)
    try #require(records.count == 10_000)
    for (index, record) in records.enumerated() {
      let kind = Self.kind(of: index)
      #expect((record["error"] != nil) == kind.isError, "record \(index), \(kind)")
      // The id comes back wherever the line could be read as an object.
      if ![.notJSON, .empty, .oversize].contains(kind) {
        #expect(record["id"] as? Int == index, "record \(index), \(kind)")
      }
      if [.good, .noText, .textNotString, .latin1, .loneSurrogate].contains(kind) {
        #expect(record["source"] as? String == "feed-\(index)", "record \(index), \(kind)")
        #expect((record["tags"] as? [Any])?.count == 2)
      }
      switch kind {
      case .good: #expect(record["text"] as? String == "Record \(index) don’t stop.\n")
      case .latin1: #expect(record["text"] as? String == "café \(index).\n")
      case .loneSurrogate: #expect(record["text"] as? String == "a \u{FFFD} b \(index).\n")
      case .textNotString: #expect(record["text"] as? Int == 5)
      case .notJSON: #expect((record["input"] as? String)?.hasSuffix("cut off") == true)
      default: break
      }
    }
    #expect(result.stderr.contains("line 1: not a JSON object; written with an \"error\" field"))
    #expect(result.stderr.contains("500 records in all came back with an \"error\" field"))
  }

  /// A line over the limit that spans several reads is passed over without being held, and
  /// the lines around it, one ending in CRLF, come back in order.
  @Test func passesOverALineLongerThanAReadInOrder() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let long = #"{"id": 2, "text": ""# + String(repeating: "x ", count: 1_500_000) + #""}"#
    let input =
      #"{"id": 1, "text": "first"}"# + "\n" + long + "\n" + #"{"id": 3, "text": "third"}"# + "\r\n"
      + #"{"id": 4, "text": "last, with no newline"}"#
    let file = folder.appendingPathComponent("records.jsonl")
    try Data(input.utf8).write(to: file)
    let result = try CLI.run(["clean", "--jsonl", "--max-size", "1000000", file.path])
    let records = try Self.objects(result)
    #expect(records.map { $0["id"] as? Int } == [1, nil, 3, 4])
    #expect((records[1]["error"] as? String)?.hasPrefix("over the size limit of 1000000 bytes") == true)
    #expect(records[3]["text"] as? String == "last, with no newline\n")
  }

  /// Pipelines that read the `error` field ask for exit code 0.
  @Test func exitsZeroWhenAskedDespiteRecordErrors() throws {
    let input = Data((#"{"id": 1}"# + "\n" + #"{"id": 2, "text": "fine"}"# + "\n").utf8)
    let failing = try CLI.run(["clean", "--jsonl"], input: input)
    #expect(failing.status == 1)
    let allowed = try CLI.run(["clean", "--jsonl", "--allow-record-errors"], input: input)
    #expect(allowed.status == 0)
    #expect(allowed.stdout == failing.stdout)
  }

  /// With `--format json` each record carries its edits, enough to restore its raw text, and
  /// its unresolved spots and warnings.
  @Test func addsTheEditsWithFormatJSON() throws {
    let input = Data((Self.line(4, .latin1) + [0x0A]))
    let result = try CLI.run(["clean", "--jsonl", "--format", "json"], input: input)
    #expect(result.status == 0)
    let record = try #require(try Self.objects(result).first)
    let edits = try #require(record["edits"] as? [[String: Any]])
    #expect(edits.contains { $0["rule"] as? String == "decoding.windows-1252" })
    #expect(record["unresolved"] is [Any] && record["warnings"] is [Any])
    #expect(record["source"] as? String == "feed-4")
  }

  /// The edits of `--format json` give back each record's raw text: undo each stage's edits
  /// in order, from the last stage to the first.
  @Test func itsEditsRestoreTheRawText() throws {
    let lines = [Self.line(1, .good), Self.line(2, .latin1), Self.line(3, .loneSurrogate)]
    let raws: [[UInt8]] = [
      Array("Record 1 donâ€™t  stop.".utf8), Array("caf".utf8) + [0xE9] + Array(" 2.".utf8),
      [0x61, 0x20, 0xED, 0xA0, 0x80] + Array(" b 3.".utf8),
    ]
    let input = Data(lines.flatMap { $0 + [0x0A] })
    let result = try CLI.run(["clean", "--jsonl", "--format", "json"], input: input)
    for (record, raw) in zip(try Self.objects(result), raws) {
      var text = Array(try #require(record["text"] as? String).utf8)
      let edits = try #require(record["edits"] as? [[String: Any]])
      var stages: [(String, [[String: Any]])] = []
      for edit in edits {
        let stage = try #require(edit["stage"] as? String)
        if stages.last?.0 == stage {
          stages[stages.count - 1].1.append(edit)
        } else {
          stages.append((stage, [edit]))
        }
      }
      for (_, stageEdits) in stages.reversed() {
        var input: [UInt8] = []
        var cursor = 0
        var delta = 0
        for edit in stageEdits {
          let removed = try Self.bytes(edit["removed"])
          let inserted = try Self.bytes(edit["inserted"])
          let start = try #require(edit["offset"] as? Int) + delta
          input += text[cursor..<start] + removed
          cursor = start + inserted.count
          delta += inserted.count - removed.count
        }
        text = input + text[cursor...]
      }
      #expect(text == raw)
    }
  }

  /// The bytes of an edit's `removed` or `inserted`: a string, or `{"base64": …}` for bytes
  /// that are not UTF-8.
  static func bytes(_ value: Any?) throws -> [UInt8] {
    if let string = value as? String { return Array(string.utf8) }
    let encoded = try #require((value as? [String: Any])?["base64"] as? String)
    return Array(try #require(Data(base64Encoded: encoded)))
  }

  /// A record's own `metadata` or `error` member is replaced by docclean's, not repeated.
  @Test func replacesMembersNamedAsItsOwn() throws {
    let input = Data((#"{"id": 1, "metadata": 3, "error": "old", "text": "fine"}"# + "\n").utf8)
    let result = try CLI.run(["clean", "--jsonl"], input: input)
    #expect(result.status == 0)
    #expect(result.text.components(separatedBy: "\"metadata\"").count == 2)
    #expect(!result.text.contains("\"error\""))
  }
}
