import Foundation
import Synchronization
import Testing

@testable import Pipeline

/// A stage that replaces every occurrence of one byte string with another.
struct Replace: Stage {
  var id = "replace"
  var version = 1
  var target: String
  var replacement: String

  func propose(for text: [UInt8]) -> Proposal {
    let needle = Array(target.utf8)
    var edits: [TextEdit] = []
    var index = 0
    while index + needle.count <= text.count {
      if text[index..<index + needle.count].elementsEqual(needle) {
        edits.append(
          TextEdit(
            range: index..<index + needle.count, replacement: replacement, rule: Rule("replace.it", "test"))
        )
        index += needle.count
      } else {
        index += 1
      }
    }
    return Proposal(edits: edits)
  }
}

/// A stage that proposes fixed edits, for checking how the pipeline validates them.
///
/// It proposes them for the text of the first pass only, as a real stage leaves its own
/// output alone.
struct Fixed: Stage {
  var id = "fixed"
  var version = 1
  var edits: [TextEdit]
  var firstPassLength: Int?

  func propose(for text: [UInt8]) -> Proposal {
    guard firstPassLength == nil || firstPassLength == text.count else { return Proposal() }
    return Proposal(edits: edits)
  }
}

/// A stage that removes every `x` and runs the stages after it over its edits to see what
/// they make, handing their work on as the boilerplate stage does (`Proposal.rest`).
struct LookAhead: Stage {
  var id = "look-ahead"
  var version = 1
  var later: [any Stage] = []
  /// Whether it hands on the work of no edits at all rather than of its own: stale work.
  var handsOnStaleWork = false

  func followed(by later: [any Stage]) -> any Stage {
    var stage = self
    stage.later = later
    return stage
  }

  func propose(for text: [UInt8]) -> Proposal {
    let edits = text.indices.filter { text[$0] == UInt8(ascii: "x") }.map {
      TextEdit(range: $0..<$0 + 1, replacement: "", rule: Rule("look-ahead.x", "x removed"))
    }
    var proposal = Proposal(edits: edits, warnings: ["looked ahead"])
    let handedOn = handsOnStaleWork ? [] : edits
    proposal.rest = Pipeline(stages: [Fixed(edits: handedOn)] + later).rest(of: text)
    return proposal
  }
}

/// A stage that counts the texts it is asked about and warns of each.
struct Counted: Stage {
  var id = "counted"
  var version = 1
  let calls: Calls

  final class Calls: Sendable {
    let count = Mutex(0)
  }

  func propose(for text: [UInt8]) -> Proposal {
    calls.count.withLock { $0 += 1 }
    return Proposal(warnings: ["counted \(text.count) bytes"])
  }
}

@Suite struct PipelineTests {
  @Test func appliesStagesInOrderAndRestores() throws {
    let pipeline = Pipeline(stages: [
      Replace(target: "aa", replacement: "b"),
      Replace(target: "b", replacement: "ccc"),
    ])
    let raw = Array("xaayaaz aa".utf8)
    let document = pipeline.clean(raw)
    #expect(document.string == "xcccycccz ccc")
    #expect(document.editCount == 6)
    #expect(try Pipeline.restore(document.text, records: document.records) == raw)
  }

  /// One pass: each stage runs once, even where a later stage exposes work for an earlier one
  /// (a stage that must see what the later ones make of its output looks ahead instead).
  @Test func runsEachStageOnce() throws {
    let pipeline = Pipeline(stages: [
      Replace(target: "ab", replacement: "x"),
      Replace(target: "y", replacement: "b"),
    ])
    let raw = Array("ay ay".utf8)
    let document = pipeline.clean(raw)
    #expect(document.string == "ab ab")
    #expect(document.records.map(\.stage) == ["replace", "replace"])
    #expect(try Pipeline.restore(document.text, records: document.records) == raw)
  }

  /// A stage that looks ahead: it removes the word the later stages would turn into `x`.
  struct LookAhead: Stage {
    let id = "look-ahead"
    let version = 1
    var later: [any Stage] = []

    func followed(by later: [any Stage]) -> any Stage { LookAhead(later: later) }

    func propose(for text: [UInt8]) -> Proposal {
      let made = Pipeline(stages: later).clean(text).text
      guard let found = made.firstIndex(of: UInt8(ascii: "x")) else { return Proposal() }
      return Proposal(edits: [TextEdit(range: found..<found + 1, replacement: "", rule: Rule("r", ""))])
    }
  }

  @Test func tellsEachStageWhichStagesFollowIt() {
    let pipeline = Pipeline(stages: [LookAhead(), Replace(target: "a", replacement: "x")])
    #expect((pipeline.stages[0] as? LookAhead)?.later.map(\.id) == ["replace"])
    #expect(pipeline.clean(Array("bab".utf8)).string == "bb")
    #expect(Pipeline(stages: [LookAhead()]).clean(Array("bab".utf8)).string == "bab")
  }

  /// A stage put in front of a pipeline is told of the pipeline's stages, and the stages run
  /// as those of a pipeline made with it first.
  @Test func prependsAStageThatIsToldOfTheRest() {
    let rest = Pipeline(stages: [
      Replace(target: "a", replacement: "x"), Replace(target: "b", replacement: "y"),
    ])
    let pipeline = rest.prepending(LookAhead())
    #expect(pipeline.stages.map(\.id) == ["look-ahead", "replace", "replace"])
    #expect((pipeline.stages[0] as? LookAhead)?.later.count == 2)
    let made = Pipeline(stages: [LookAhead()] + rest.stages)
    #expect(pipeline.clean(Array("bab".utf8)).string == made.clean(Array("bab".utf8)).string)
    #expect(pipeline.clean(Array("bab".utf8)).string == "yy")
  }

  @Test func dropsOverlappingAndOutOfRangeEdits() {
    let stage = Fixed(
      edits: [
        TextEdit(range: 2..<5, replacement: "X", rule: Rule("r", "")),
        TextEdit(range: 0..<3, replacement: "Y", rule: Rule("r", "")),
        TextEdit(range: 8..<20, replacement: "Z", rule: Rule("r", "")),
      ], firstPassLength: 10)
    let document = Pipeline(stages: [stage]).clean(Array("abcdefghij".utf8))
    #expect(document.string == "Ydefghij")
    #expect(document.warnings.count == 1)
  }

  /// Edits all accepted come back as they were; after an edit that changes nothing or one
  /// that is dropped, the rest are still checked against the accepted ones alone.
  @Test func validatesEditsAfterOneThatChangesNothing() {
    let text = Array("abcdefghij".utf8)
    let edit = { (range: Range<Int>, replacement: String) in
      TextEdit(range: range, replacement: replacement, rule: Rule("r", ""))
    }
    let clean = [edit(0..<1, "A"), edit(2..<3, "C")]
    #expect(Pipeline.validated(clean, in: text, requireUTF8: true).edits == clean)
    let mixed = [edit(0..<2, "ab"), edit(1..<3, "X"), edit(2..<4, "Y"), edit(5..<6, "Z")]
    let validated = Pipeline.validated(mixed, in: text, requireUTF8: true)
    #expect(validated.edits == [edit(1..<3, "X"), edit(5..<6, "Z")])
    #expect(validated.dropped == 1)
  }

  @Test func dropsEditsThatSplitAScalar() {
    let stage = Fixed(edits: [TextEdit(range: 1..<2, replacement: "x", rule: Rule("r", ""))])
    let document = Pipeline(stages: [Replace(target: "?", replacement: "?"), stage]).clean(Array("é".utf8))
    #expect(document.string == "é")
  }

  @Test func skipsEditsThatChangeNothing() {
    let stage = Fixed(edits: [TextEdit(range: 0..<1, replacement: "a", rule: Rule("r", ""))])
    #expect(Pipeline(stages: [stage]).clean(Array("abc".utf8)).editCount == 0)
  }

  @Test func restoreRejectsEditedText() throws {
    let document = Pipeline(stages: [Replace(target: "a", replacement: "bb")]).clean(Array("xa".utf8))
    #expect(throws: RestoreError.self) {
      try Pipeline.restore(Array("xcc".utf8), records: document.records)
    }
  }

  @Test func fingerprintFollowsStagesAndVersions() {
    let one = Pipeline(stages: [Replace(target: "a", replacement: "b")])
    let two = Pipeline(stages: [Replace(version: 2, target: "a", replacement: "b")])
    #expect(one.fingerprint != two.fingerprint)
    #expect(one.fingerprint == Pipeline(stages: [Replace(target: "a", replacement: "b")]).fingerprint)
  }
}

@Suite struct OffsetMapTests {
  let record = StageRecord(
    stage: "s", version: 1,
    edits: [
      RecordedEdit(offset: 2, removed: Array("cd".utf8), inserted: Array("XYZ".utf8), rule: Rule("r", "")),
      RecordedEdit(offset: 6, removed: Array("g".utf8), inserted: [], rule: Rule("r", "")),
    ])  // "abcdefgh" -> "abXYZefh"

  @Test(arguments: [(0, 0), (2, 2), (3, 2), (4, 5), (5, 6), (6, 7), (7, 7), (8, 8)])
  func mapsForward(input: Int, output: Int) {
    #expect(OffsetMap(record).forward(input) == output)
  }

  @Test(arguments: [(0, 0), (2, 2), (4, 2), (5, 4), (6, 5), (7, 7), (8, 8)])
  func mapsBackward(output: Int, input: Int) {
    #expect(OffsetMap(record).backward(output) == input)
  }

  /// An offset inside a replaced span goes to the span's start, or rounding up to its end.
  @Test(arguments: [(3, 5), (2, 2), (6, 7), (7, 7)])
  func mapsForwardRoundingUp(input: Int, output: Int) {
    #expect(OffsetMap(record).forward(input, roundingUp: true) == output)
  }

  @Test(arguments: [(3, 4), (4, 4), (2, 2), (5, 4)])
  func mapsBackwardRoundingUp(output: Int, input: Int) {
    #expect(OffsetMap(record).backward(output, roundingUp: true) == input)
  }
}

@Suite struct ProvenanceTests {
  @Test func roundTripsThroughJSONWithInvalidBytes() throws {
    let raw: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" ok".utf8)
    let fixed = Fixed(
      edits: [TextEdit(range: 3..<4, replacement: "é", rule: Rule("decode", "test"))], firstPassLength: 7)
    let document = Pipeline(stages: [fixed]).clean(raw)
    let provenance = Provenance(
      document: document, raw: raw, sourceSHA256: SHA256Digest.hex(of: raw), sourcePath: "a.txt",
      outputPath: "a.txt", ruleset: "x", previous: nil)
    let decoded = try Provenance.decode(provenance.encoded())
    #expect(decoded == provenance)
    #expect(try Pipeline.restore(document.text, records: decoded.records) == raw)
    let place = Provenance.rawPositions(of: decoded.records, raw: raw)[0][0]
    #expect(place == Provenance.Position(offset: 3, line: 1, column: 4))
  }

  /// The hand-written JSON is what `JSONDecoder` reads back, escapes, bytes that are not
  /// UTF-8 and empty lists included; each rule is written once, and each change once a stage,
  /// with the offsets where the stage made it.
  @Test func writesJSONThatJSONDecoderReads() throws {
    let raw: [UInt8] = Array("a \"quoted\"\\ line\t/x\u{1}\r\n".utf8) + [0xE9, 0xFF] + Array(" é ?\t.".utf8)
    let stages: [any Stage] = [
      Fixed(edits: [TextEdit(range: 21..<23, replacement: "é", rule: Rule("decode", "bytes \"é\""))]),
      Replace(target: "\t", replacement: " "),
      Fixed(id: "nothing", edits: []),
    ]
    var document = Pipeline(stages: stages).clean(raw)
    document.unresolved = [LocatedSpot(range: 1..<3, rawOffset: 1, rule: "lost", reason: "two ways")]
    document.warnings = ["look \"here\""]
    document.metadata.title = "Title / sub"
    var provenance = Provenance(
      document: document, raw: raw, sourceSHA256: "s", sourcePath: "dir/a.txt", outputPath: "dir/a.txt",
      ruleset: "x", previous: nil)
    #expect(provenance.rules == [Rule("decode", "bytes \"é\""), Rule("replace.it", "test")])
    let json = provenance.encoded()
    #expect(try Provenance.decode(json) == provenance)
    #expect(try JSONDecoder().decode(Provenance.self, from: Data(json)) == provenance)
    let lines = String(decoding: json, as: UTF8.self).split(separator: "\n")
    let editLines = lines.filter { $0.hasPrefix("      [") }
    #expect(editLines == [#"      [21,{"base64":"Cuk="},"é",0]"#, #"      [[16,29],"\t"," ",1]"#])
    #expect(lines.contains(#"    ["nothing",1,[]]"#))
    provenance.previousOutputSHA256 = "p"
    provenance.stages = []
    provenance.rules = []
    #expect(try Provenance.decode(provenance.encoded()) == provenance)
  }

  /// Numbers of every length are written as `JSONDecoder` reads them back, and a file's rules
  /// are tabled once each, in the order of first use, whether there are few (compared one by
  /// one) or more than the comparison takes (looked up).
  @Test(arguments: [3, 40])
  func writesNumbersAndRulesAsTheyReadBack(ruleCount: Int) throws {
    let raw = Array(String(repeating: "abcdefghij", count: 20).utf8)
    let rules = (0..<ruleCount).map { Rule("fixed.r\($0)", "rule \($0)") }
    let edits = (0..<raw.count / 2).map { index in
      TextEdit(range: 2 * index..<2 * index + 1, replacement: "", rule: rules[(index * 7) % ruleCount])
    }
    let document = Pipeline(stages: [Fixed(edits: edits)]).clean(raw)
    for revision in [0, 7, 10, 99, 100, 12_345, 1_000_000_007, Int.max] {
      var provenance = Provenance(
        document: document, raw: raw, sourceSHA256: "s", sourcePath: "a.txt", outputPath: "a.txt",
        ruleset: "x", previous: nil)
      provenance.revision = revision
      let json = provenance.encoded()
      #expect(try JSONDecoder().decode(Provenance.self, from: Data(json)) == provenance)
      let decoded = try Provenance.decode(json)
      #expect(decoded.revision == revision)
      var firstUse: [Rule] = []
      for edit in edits where !firstUse.contains(edit.rule) { firstUse.append(edit.rule) }
      #expect(decoded.rules == firstUse)
      #expect(decoded.records[0].edits.map(\.rule) == edits.map(\.rule))
    }
  }

  /// Edits grouped by change read back in their order; where an insertion and a group's
  /// later edit share an offset, which order could not tell apart, the stage is written one
  /// edit to a group.
  @Test(arguments: [
    ([(3, "xy", ""), (9, "xy", ""), (12, "", "a")], 2),
    ([(3, "xy", ""), (5, "", "a"), (5, "xy", "")], 3),
    ([(5, "", "a"), (5, "xy", ""), (9, "", "a")], 2),
  ])
  func groupsEditsByChange(edits: [(Int, String, String)], groupCount: Int) {
    let entries = edits.map {
      Provenance.EditEntry(
        offset: $0.0, removed: Bytes(Array($0.1.utf8)), inserted: Bytes(Array($0.2.utf8)), rule: 0)
    }
    let groups = EditGroup.groups(of: entries)
    #expect(EditGroup.edits(of: groups) == entries)
    #expect(groups.count == groupCount)
  }

  /// Long removed lines group by their whole bytes: lines that share their length and both
  /// ends but differ inside stay apart, and copies of one line group.
  @Test func groupsLongLinesByTheirWholeBytes() {
    let line = { (middle: String) in
      "A line of site chrome that repeats " + middle + " on every page of the site"
    }
    let removed = [line("here"), line("HERE"), line("here"), line("hers")]
    let entries = removed.enumerated().map {
      Provenance.EditEntry(
        offset: $0.offset * 100, removed: Bytes(Array($0.element.utf8)), inserted: Bytes([]), rule: 1)
    }
    let groups = EditGroup.groups(of: entries)
    #expect(groups.map(\.offsets) == [[0, 200], [100], [300]])
    #expect(EditGroup.edits(of: groups) == entries)
  }

  /// Many edits of a few changes group by change, rule included, in the order of each
  /// change's first edit: changes that differ only inside, or only by rule, stay apart.
  @Test func groupsManyEditsOfAFewChanges() {
    let long = { (middle: String) in
      Bytes(Array(("x" + String(repeating: "-", count: 40) + middle + "y").utf8))
    }
    let changes = [
      (Bytes(Array("\r\n".utf8)), Bytes(Array("\n".utf8)), 0),
      (Bytes(Array("\r\n".utf8)), Bytes(Array("\n".utf8)), 1),
      (long("a"), Bytes([]), 2), (long("b"), Bytes([]), 2), (Bytes([]), Bytes(Array(" ".utf8)), 0),
    ]
    let entries = (0..<300).map { index in
      let change = changes[(index * 7) % changes.count]
      return Provenance.EditEntry(offset: index * 50, removed: change.0, inserted: change.1, rule: change.2)
    }
    let groups = EditGroup.groups(of: entries)
    #expect(groups.count == changes.count)
    #expect(groups.map(\.offsets.count).reduce(0, +) == entries.count)
    #expect(groups.map(\.offsets[0]) == [0, 50, 100, 150, 200])
    #expect(EditGroup.edits(of: groups) == entries)
  }

  /// An edit that names a rule the table does not hold is refused, not read as another rule.
  @Test func refusesAnEditWithoutItsRule() throws {
    let raw = Array("a\tb".utf8)
    let document = Pipeline(stages: [Replace(target: "\t", replacement: " ")]).clean(raw)
    var provenance = Provenance(
      document: document, raw: raw, sourceSHA256: "s", sourcePath: "a.txt", outputPath: "a.txt",
      ruleset: "x", previous: nil)
    provenance.stages[0].edits[0].rule = 1
    #expect(throws: ProvenanceDecodingError.self) { try Provenance.decode(provenance.encoded()) }
  }

  /// The summary is read on bytes, its edits skipped unread; it must be what `JSONDecoder`
  /// reads of the same file.
  @Test func readsTheSummaryAsJSONDecoderDoes() throws {
    let raw: [UInt8] = Array("a \"quoted\"\\ line\t/x\u{1}\r\n".utf8) + [0xE9, 0xFF] + Array(" é ?".utf8)
    var document = Pipeline(stages: [Replace(target: "\t", replacement: " ")]).clean(raw)
    document.unresolved = [LocatedSpot(range: 1..<3, rawOffset: 1, rule: "lost", reason: "two \"ways\"")]
    document.warnings = ["look \"here\"", "and 🙂 here"]
    var provenance = Provenance(
      document: document, raw: raw, sourceSHA256: "s", sourcePath: "dir/a.txt", outputPath: "dir/a.txt",
      ruleset: "x", previous: nil)
    provenance.previousOutputSHA256 = "p"
    let json = provenance.encoded()
    let summary = try Provenance.Summary.decode(json)
    #expect(summary == provenance.summary)
    #expect(summary == (try JSONDecoder().decode(Provenance.Summary.self, from: Data(json))))
    #expect(summary.unresolved.first?.reason == "two \"ways\"")
  }

  @Test(arguments: [
    #"{"schemaVersion": 1}"#, "[]", "",
    #"{"output":{"path":"a","sha256":"h","size":1},"revision":1,"ruleset":"x","schemaVersion":"1","#
      + #""source":{"path":"a","sha256":"h","size":1},"stages":[],"unresolved":[],"warnings":[]}"#,
    #"{"output":{"path":"a","sha256":"h","size":1},"revision":1,"ruleset":"x","schemaVersion":1,"#
      + #""source":{"path":"a","sha256":"h","size":1},"stages":[,],"unresolved":[],"warnings":[]}"#,
    #"{"output":{"path":"a","sha256":"h","size":1},"revision":1,"ruleset":"x","schemaVersion":3,"#
      + #""source":{"path":"a","sha256":"h","size":1},"stages":[],"unresolved":[],"warnings":[]}"#,
    #"{"output":{"path":"a","sha256":"h","size":1},"revision":1,"ruleset":"x","schemaVersion":1,"#
      + #""source":{"path":"a","sha256":"h","size":1},"stages":[],"unresolved":[],"warnings":[1]}"#,
  ])
  func refusesWhatIsNotASummary(json: String) {
    #expect(throws: (any Error).self) { try Provenance.Summary.decode(Array(json.utf8)) }
  }

  @Test func readsASmallestSummary() throws {
    let json =
      #"{"output":{"path":"a","sha256":"h","size":1},"revision":3,"ruleset":"x","schemaVersion":1,"#
      + #""source":{"path":"b","sha256":"g","size":2},"stages":[{"edits":[{"x":"\n\u00e9"}]}],"#
      + #""unresolved":[],"warnings":[],"previousOutputSHA256":null}"#
    let summary = try Provenance.Summary.decode(Array(json.utf8))
    #expect(summary.revision == 3 && summary.source.path == "b" && summary.previousOutputSHA256 == nil)
  }

  @Test func revisionGoesUpOnlyWhenTheTextChanges() throws {
    func provenance(_ text: String, previous: Provenance?) -> Provenance {
      let document = Pipeline(stages: []).clean(Array(text.utf8))
      return Provenance(
        document: document, raw: Array(text.utf8), sourceSHA256: "", sourcePath: "a", outputPath: "a",
        ruleset: "x", previous: previous.map { try! Provenance.Summary.decode($0.encoded()) })
    }
    let first = provenance("one", previous: nil)
    let same = provenance("one", previous: first)
    let changed = provenance("two", previous: same)
    #expect(first.revision == 1 && same.revision == 1 && changed.revision == 2)
    #expect(changed.previousOutputSHA256 == first.output.sha256)
  }
}

/// `SettledEdits` gives the edits of repeated rounds as one set on the first text.
@Suite struct SettledEditsTests {
  /// Removes the first `x` of each run of `x`s before an `a`, one a round.
  static func peel(_ text: [UInt8]) -> [TextEdit] {
    var edits: [TextEdit] = []
    var index = 0
    while index < text.count {
      guard text[index] == UInt8(ascii: "x") else {
        index += 1
        continue
      }
      var end = index
      while end < text.count, text[end] == UInt8(ascii: "x") { end += 1 }
      if end < text.count, text[end] == UInt8(ascii: "a") {
        edits.append(TextEdit(range: end - 1..<end, replacement: "", rule: Rule("peel", "")))
      }
      index = end
    }
    return edits
  }

  @Test(arguments: [("xxxa yxa xb", "a ya xb"), ("xa", "a"), ("plain", "plain"), ("xxxxxxa", "xxa")])
  func reachesTheFixedPointInOneSetOfEdits(input: String, expected: String) throws {
    let text = Array(input.utf8)
    let edits = SettledEdits.edits(for: text, rounds: 4, propose: Self.peel)
    let (output, recorded) = Pipeline.apply(edits, to: text)
    #expect(String(decoding: output, as: UTF8.self) == expected)
    let record = StageRecord(stage: "peel", version: 1, edits: recorded)
    #expect(try Pipeline.restore(output, records: [record]) == text)
  }

  /// An edit of a later round inside what an earlier one wrote merges with it.
  @Test func mergesAnEditOfWhatAnEarlierRoundWrote() {
    let text = Array("ab".utf8)
    let edits = SettledEdits.edits(for: text, rounds: 4) { current in
      if current == Array("ab".utf8) {
        return [TextEdit(range: 0..<1, replacement: "cd", rule: Rule("first", ""))]
      }
      if current == Array("cdb".utf8) {
        return [TextEdit(range: 1..<2, replacement: "e", rule: Rule("second", ""))]
      }
      return []
    }
    #expect(edits.count == 1)
    #expect(edits.first?.range == 0..<1)
    #expect(edits.first?.replacement == Array("ce".utf8))
    #expect(edits.first?.rule.id == "first")
  }
}

/// A stage that ran the later stages to decide hands their work on; the pipeline takes it
/// only when it was made from the edits the pipeline applied.
@Suite struct RestTests {
  func clean(handsOnStaleWork: Bool) -> (document: CleanedDocument, calls: Int) {
    let calls = Counted.Calls()
    let pipeline = Pipeline(stages: [
      LookAhead(handsOnStaleWork: handsOnStaleWork), Replace(target: "ab", replacement: "c"),
      Counted(calls: calls),
    ])
    let document = pipeline.clean(Array("axb xx abx".utf8))
    return (document, calls.count.withLock { $0 })
  }

  @Test func takesTheLaterStagesWorkOnce() throws {
    let (document, calls) = clean(handsOnStaleWork: false)
    #expect(document.string == "c  c")
    // The counted stage ran once, inside the look-ahead, not again in the pipeline.
    #expect(calls == 1)
    #expect(document.records.map(\.stage) == ["look-ahead", "replace", "counted"])
    #expect(document.warnings == ["looked ahead", "counted 4 bytes"])
    #expect(try Pipeline.restore(document.text, records: document.records) == Array("axb xx abx".utf8))
  }

  @Test func runsTheLaterStagesAgainOverStaleWork() throws {
    let (document, calls) = clean(handsOnStaleWork: true)
    #expect(document.string == "c  c")
    #expect(calls == 2)
    #expect(document.warnings == ["looked ahead", "counted 4 bytes"])
    #expect(try Pipeline.restore(document.text, records: document.records) == Array("axb xx abx".utf8))
  }
}

/// A field's spaces are collapsed as its characters split at white space; a field collapsed
/// already is kept as it is, read on its bytes.
@Suite struct MetadataCollapseTests {
  @Test(arguments: [
    "Harbour Street Review", "Harbour  Street", " Harbour", "Harbour ", "", " ", "Hafen\tStraße",
    "Hafen\u{A0}Straße",
    "Café – the “harbour”", "港口 新闻", "港口\u{3000}新闻", "a\u{2009}b", "a\u{200B}b", "a\u{2028}b", "a \u{301}b",
    "a\u{301} b", "Ünter den Linden", "x\u{85}y", "x\u{1680}y", "x\u{202F}y", "x\u{205F}y", "x\u{2060}y",
    "\u{600} 12", "line\r\nbreak", "del\u{7F}ete", "Łódź — Kraków", "—", "a —", "Москва сегодня",
    "a \u{200D}b",
    "ก \u{E33}", "a \u{E33}", "a \u{1F3FB}", "a \u{903}", "a \u{20DD}", "a \u{200C}b", "a \u{1160}",
    "🇫 🇷", "日本 語 ", "a \u{A0}b", "a \u{300}", "Αθήνα σήμερα", "ครับ ผม",
  ])
  func collapsesAsTheCharactersSplit(text: String) {
    let collapsed = DocumentMetadata(title: text, byline: "", date: "", site: "").withSpacesCollapsed().title
    #expect(collapsed == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    if DocumentMetadata.isCollapsed(text) { #expect(collapsed == text) }
  }
}
