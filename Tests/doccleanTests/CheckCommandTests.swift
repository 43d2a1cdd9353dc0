import Foundation
import Testing

@Suite(.serialized) struct CheckCommandTests {
  /// A workspace with one raw dump cleaned into clean/.
  func workspace() throws -> URL {
    let folder = try CLI.temporaryFolder()
    let raw = folder.appendingPathComponent("raw")
    try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
    let text = "A Title\n\nThe first paragraph is long enough to be prose, and it ends as a sentence does.\n"
    try Data(text.utf8).write(to: raw.appendingPathComponent("a.txt"))
    try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    return folder
  }

  @Test func passesOnTheProjectsCleanFolder() throws {
    let result = try CLI.run(["check", "clean", "--raw", "raw"], in: CLI.packageRoot)
    #expect(result.status == 0, "\(result.text)")
    #expect(result.text.contains("0 findings"))
  }

  @Test(
    arguments: [
      ("caf\u{65}\u{301} noir\n", "nfc"),
      ("Windows line\r\nend\n", "line-ending"),
      ("trailing space \n", "whitespace"),
      ("donâ€™t\n", "mojibake"),
      ("a **bold** claim\n", "markup"),
      ("Iraq?s army and Mosul?s people\n", "lost-punctuation"),
      ("no final newline", "layout"),
      ("\u{FEFF}byte-order mark\n", "encoding"),
    ])
  func failsOnEachKindOfDefect(text: String, rule: String) throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(text.utf8).write(to: folder.appendingPathComponent("clean/a.txt"))
    let result = try CLI.run(["check", "clean"], in: folder)
    #expect(result.status != 0)
    #expect(result.text.contains("clean/a.txt:1:"), "\(result.text)")
    #expect(result.text.contains(": \(rule): "), "\(result.text)")
    #expect(result.text.contains(": stale.text: "))
  }

  @Test func findsAChangedOrMissingRawFile() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("Changed.\n".utf8).write(to: folder.appendingPathComponent("raw/a.txt"))
    let changed = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(changed.text.contains("stale.raw-changed"))
    try FileManager.default.removeItem(at: folder.appendingPathComponent("raw/a.txt"))
    let missing = try CLI.run(["check", "clean", "--raw", "raw", "--format", "github"], in: folder)
    #expect(missing.status != 0)
    #expect(missing.text.contains("::error file=clean/a.txt,line=1,col=1,title=stale.raw-missing::"))
  }
}

/// What `check --raw` finds beyond the spec: raw files never cleaned, provenance that does not
/// rebuild its raw file, and outputs of another ruleset; each by a rule of its own.
@Suite(.serialized) struct CheckProvenanceTests {
  /// A workspace with one damaged raw dump cleaned into clean/, so that its provenance has edits.
  func workspace() throws -> URL {
    let folder = try CLI.folder(withRaw: [
      "a.txt": Data("A Title\n\nIt donâ€™t stop, and it ends as a sentence does.\n".utf8)
    ])
    try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    return folder
  }

  /// Rewrites the provenance of clean/a.txt through `change`.
  func editProvenance(in folder: URL, _ change: (inout [String: Any]) -> Void) throws {
    let url = folder.appendingPathComponent("clean/a.prov.json")
    var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    change(&object)
    try JSONSerialization.data(withJSONObject: object).write(to: url)
  }

  /// Changes `field` (`removed` or `inserted`) of the provenance's first edit, so that the
  /// edits no longer rebuild the raw file.
  /// Changes what the first edit removed or inserted (a stage is `[stage, version, edits]`, an
  /// edit `[offsets, removed, inserted, rule]`).
  func tamperFirstEdit(in folder: URL, field: Field) throws {
    try editProvenance(in: folder) { object in
      guard var stages = object["stages"] as? [[Any]],
        let index = stages.firstIndex(where: { !(($0[2] as? [Any]) ?? []).isEmpty }),
        var edits = stages[index][2] as? [[Any]]
      else { return }
      edits[0][field.rawValue] = "tampered"
      stages[index][2] = edits
      object["stages"] = stages
    }
  }

  /// A field of an edit, by its place in the edit's array.
  enum Field: Int {
    case removed = 1
    case inserted = 2
  }

  @Test func passesWhereEveryRawFileIsCleanedAndRebuilds() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(result.status == 0, "\(result.text)")
  }

  @Test func findsARawFileNeverCleaned() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("New text.\n".utf8).write(to: folder.appendingPathComponent("raw/b,c:d.txt"))
    let result = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(result.status != 0)
    #expect(result.text.contains("raw/b,c:d.txt:1:1: stale.uncleaned: it has no clean text"))
    // GitHub's annotations escape the commas and colons of a file name.
    let github = try CLI.run(["check", "clean", "--raw", "raw", "--format", "github"], in: folder)
    #expect(github.text.contains("::error file=raw/b%2Cc%3Ad.txt,line=1,col=1,title=stale.uncleaned::"))
  }

  @Test func findsProvenanceWhoseEditsDoNotRebuildTheRawFile() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    try tamperFirstEdit(in: folder, field: .removed)
    let result = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(result.status != 0)
    #expect(result.text.contains("clean/a.txt:1:1: stale.provenance-broken: its provenance does not rebuild"))
  }

  /// `restore` says that a provenance whose edits were changed is what is wrong, and names
  /// the key of one that is no longer a provenance.
  @Test func restoreNamesWhatIsWrongWithAProvenance() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    try tamperFirstEdit(in: folder, field: .inserted)
    let changed = try CLI.run(["restore", "clean/a.txt"], in: folder)
    #expect(changed.status != 0)
    #expect(changed.stderr.contains("the provenance was changed or damaged"), "\(changed.stderr)")
    #expect(!changed.stderr.contains("was the clean file edited"))
    try editProvenance(in: folder) { $0["stages"] = "none" }
    let damaged = try CLI.run(["restore", "clean/a.txt"], in: folder)
    #expect(damaged.stderr.contains(#"not a valid provenance file (at key "stages": expected an array)"#))
  }

  @Test func findsAnOutputOfAnotherRuleset() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    try editProvenance(in: folder) { $0["ruleset"] = "0000" }
    let result = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(result.status != 0)
    #expect(result.text.contains("clean/a.txt:1:1: stale.ruleset: made with another ruleset"))
  }
}

@Suite struct ExplainAndJSONTests {
  @Test func explainGroupsEditsByStage() throws {
    let result = try CLI.run(["explain", "clean/003_d865e67523a737b9.txt"], in: CLI.packageRoot)
    #expect(result.status == 0)
    #expect(result.text.contains("lost-punctuation ("))
    #expect(result.text.contains("9:125  lost-punctuation.open-quote  ‘?’ → ‘“’"))
  }

  @Test func cleanPrintsAJSONReport() throws {
    let result = try CLI.run(
      ["clean", "-", "--format", "json"], input: Data("Iraq?s army and Mosul?s people\n".utf8))
    let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    #expect(report["text"] as? String == "Iraq’s army and Mosul’s people\n")
    let edits = try #require(report["edits"] as? [[String: Any]])
    #expect(edits.count == 2)
    #expect(edits.first?["rule"] as? String == "lost-punctuation.apostrophe")
  }

  /// `--stages` runs only the stages named: here the encoding repair, without the markup
  /// and boilerplate stages; an unknown stage is an error that lists the known ones.
  @Test func cleanRunsOnlyTheStagesAsked() throws {
    let input = Data("Share this article\n\ndonâ€™t **bold** text.\n".utf8)
    let result = try CLI.run(["clean", "-", "--stages", "mojibake,lost-punctuation"], input: input)
    #expect(result.status == 0)
    #expect(result.text == "Share this article\n\ndon’t **bold** text.\n")
    let unknown = try CLI.run(["clean", "-", "--stages", "mojibak"], input: input)
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("unknown stage(s) mojibak; the stages are decoding, mojibake"))
  }

  @Test func cleanStreamsJSONLines() throws {
    let input = #"{"id": 7, "text": "donâ€™t  stop"}"# + "\n" + #"{"id": "x", "text": "fine"}"# + "\n"
    let result = try CLI.run(["clean", "--jsonl"], input: Data(input.utf8))
    #expect(result.status == 0)
    let lines = result.text.split(separator: "\n")
    #expect(lines.count == 2)
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["id"] as? Int == 7)
    #expect(first["text"] as? String == "don’t stop\n")
  }
}
