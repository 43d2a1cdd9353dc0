import Foundation
import Testing

@Suite(.serialized) struct RunCommandTests {
  let fileManager = FileManager.default

  /// Copies the repository's raw/ into a temporary folder.
  func workspace() throws -> URL {
    let folder = try CLI.temporaryFolder()
    try fileManager.copyItem(
      at: CLI.packageRoot.appendingPathComponent("raw"), to: folder.appendingPathComponent("raw"))
    return folder
  }

  /// The summary lists the stages by their edits, most first, and stages with as many by
  /// name: the same line on every run, though each process hashes its dictionaries anew.
  @Test func summarizesTheEditsByStageInOneOrder() throws {
    let folder = try workspace()
    defer { try? fileManager.removeItem(at: folder) }
    var summaries: Set<String> = []
    for _ in 0..<3 {
      let result = try CLI.run(["run", "raw", "--out", "clean", "--force", "--quiet"], in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      let summary = try #require(result.text.split(separator: "\n").last.map(String.init))
      let edits = try #require(summary.split(separator: "(").dropFirst().first?.split(separator: ")").first)
      summaries.insert(String(edits))
    }
    #expect(summaries.count == 1)
    let counts = try #require(summaries.first).split(separator: ", ").map { part in
      let pieces = part.split(separator: " ")
      return (stage: String(pieces[0]), count: Int(pieces[1]) ?? 0)
    }
    #expect(zip(counts, counts.dropFirst()).allSatisfy { ($1.count, $0.stage) < ($0.count, $1.stage) })
  }

  @Test func runWritesTextAndProvenanceThenSkipsUnchangedFiles() throws {
    let folder = try workspace()
    defer { try? fileManager.removeItem(at: folder) }
    let rawNames = try fileManager.contentsOfDirectory(atPath: folder.appendingPathComponent("raw").path)
      .sorted()

    let first = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.text.contains("\(rawNames.count) cleaned, 0 unchanged, 0 failed"))
    let outputs = try fileManager.contentsOfDirectory(atPath: folder.appendingPathComponent("clean").path)
    for name in rawNames {
      let stem = String(name.dropLast(4))
      #expect(outputs.contains(stem + ".txt") && outputs.contains(stem + ".prov.json"))
    }

    let second = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(second.text.contains("0 cleaned, \(rawNames.count) unchanged"))
    #expect(second.text.contains("up to date"))

    // A word of the article changes; the rest of the file stays as it was.
    let touched = folder.appendingPathComponent("raw/" + rawNames[0])
    let original = try String(contentsOf: touched, encoding: .utf8)
    // In the longest line, which is the article's.
    let longest = try #require(original.components(separatedBy: "\n").max { $0.count < $1.count })
    let line = try #require(original.range(of: longest))
    let edited = try #require(original.range(of: " ", range: line))
    try original.replacingCharacters(in: edited, with: " very ").write(
      to: touched, atomically: true, encoding: .utf8)
    let third = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(third.text.contains("1 cleaned, \(rawNames.count - 1) unchanged"))
    #expect(third.stderr.contains("cleaned \(rawNames[0]) (revision 2"))
    let provenance = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.appendingPathComponent("clean/" + rawNames[0].dropLast(4) + ".prov.json"))
    )
    #expect((provenance as? [String: Any])?["revision"] as? Int == 2)
  }

  @Test func restoreGivesBackEveryRawFile() throws {
    let folder = try workspace()
    defer { try? fileManager.removeItem(at: folder) }
    let devsetRaw = CLI.shared.appendingPathComponent("devset/raw")
    try fileManager.copyItem(at: devsetRaw, to: folder.appendingPathComponent("raw/devset"))
    let run = try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let enumerator = try #require(fileManager.enumerator(atPath: folder.appendingPathComponent("raw").path))
    var checked = 0
    for case let relative as String in enumerator where relative.hasSuffix(".txt") {
      let cleanFile = "clean/" + relative.dropLast(4) + ".txt"
      let restored = try CLI.run(["restore", cleanFile], in: folder)
      let raw = try Data(contentsOf: folder.appendingPathComponent("raw/" + relative))
      #expect(restored.status == 0 && restored.stdout == raw, "\(relative): \(restored.stderr)")
      checked += 1
    }
    #expect(checked >= 269)
  }

  @Test func restoreRefusesAnEditedCleanFile() throws {
    let folder = try workspace()
    defer { try? fileManager.removeItem(at: folder) }
    try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    let name = try #require(
      try fileManager.contentsOfDirectory(atPath: folder.appendingPathComponent("raw").path).first)
    let cleanFile = folder.appendingPathComponent("clean/" + name.dropLast(4) + ".txt")
    try Data("tampered\n".utf8).write(to: cleanFile)
    let restored = try CLI.run(["restore", cleanFile.path])
    #expect(restored.status != 0)
    #expect(restored.stderr.contains("edited after docclean wrote it"))
  }

  @Test func badInputFailsWithAClearErrorAndTheBatchGoesOn() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? fileManager.removeItem(at: folder) }
    let raw = folder.appendingPathComponent("raw")
    try fileManager.createDirectory(at: raw, withIntermediateDirectories: true)
    try Data("Good text.\n".utf8).write(to: raw.appendingPathComponent("good.txt"))
    try Data().write(to: raw.appendingPathComponent("empty.txt"))
    try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: raw.appendingPathComponent("program.bin"))
    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status != 0)
    #expect(run.text.contains("1 cleaned, 0 unchanged, 2 failed"))
    #expect(run.stderr.contains("raw/empty.txt: empty file"))
    #expect(run.stderr.contains("raw/program.bin: looks like a binary file"))
  }
}

@Suite struct CleanCommandTests {
  @Test func cleansAFileToStandardOutput() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("dump.txt")
    try Data("\u{FEFF}Title  \r\n\r\n\r\nBody\ttext.".utf8).write(to: file)
    let result = try CLI.run(["clean", file.path])
    #expect(result.status == 0)
    #expect(result.text == "Title\n\nBody text.\n")
  }

  @Test func cleansStandardInput() throws {
    let result = try CLI.run(["clean", "-"], input: Data("caf\u{65}\u{301}  au lait\n".utf8))
    #expect(result.text == "caf\u{E9} au lait\n")
  }

  @Test func namesAMissingFile() throws {
    let result = try CLI.run(["clean", "/nonexistent/dump.txt"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("/nonexistent/dump.txt: cannot read it"))
  }
}

@Suite struct ConfigFileTests {
  @Test func userPhrasesRemoveAndKeepLines() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let config =
      #"{"boilerplate": {"remove": ["read our weekly digest"], "keep": ["Subscribe to the list"]}}"#
    try Data(config.utf8).write(to: folder.appendingPathComponent(".docclean.json"))
    let text = """
      A first paragraph of the article that is long enough to count as prose in this test.

      Read our Weekly Digest every Friday

      Subscribe to the list for release news.

      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("dump.txt"))
    let result = try CLI.run(["clean", "dump.txt"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.text.contains("Weekly Digest"))
    #expect(result.text.contains("Subscribe to the list for release news."))
  }

  @Test func aBrokenConfigIsAClearError() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("{not json".utf8).write(to: folder.appendingPathComponent("bad.json"))
    try Data("Text.\n".utf8).write(to: folder.appendingPathComponent("dump.txt"))
    let result = try CLI.run(["clean", "dump.txt", "--config", "bad.json"], in: folder)
    #expect(result.status != 0)
    #expect(result.stderr.contains("bad.json: not JSON; a config file looks like {"))
  }

  static let article =
    "A first paragraph of the article that is long enough to count as prose in this test.\n\n"

  /// The raw folder's config applies wherever docclean runs from; the current directory's does
  /// not, so running from elsewhere changes no fingerprint.
  @Test func readsTheConfigOfTheRawFolder() throws {
    let folder = try CLI.folder(withRaw: [
      "dump.txt": Data((Self.article + "Read our Weekly Digest every Friday\n").utf8),
      ".docclean.json": Data(#"{"boilerplate": {"remove": ["weekly digest"]}}"#.utf8),
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let elsewhere = folder.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try Data(#"{"boilerplate": {"remove": ["first paragraph"]}}"#.utf8)
      .write(to: elsewhere.appendingPathComponent(".docclean.json"))
    let run = try CLI.run(["run", "../raw", "--out", "../clean", "--quiet"], in: elsewhere)
    #expect(run.status == 0, "\(run.stderr)")
    let text = try String(contentsOf: folder.appendingPathComponent("clean/dump.txt"), encoding: .utf8)
    #expect(text == Self.article.dropLast())
    // The same run from the project folder finds the same ruleset: nothing to clean again.
    let again = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(again.text.contains("0 cleaned, 1 unchanged"), "\(again.text)")
  }

  /// Every key may be left out; a wrong one is named with its file and what was expected.
  @Test(
    arguments: [
      (#"{"boilerplate": {"remove": ["weekly digest"]}}"#, nil),
      (#"{}"#, nil),
      (
        #"{"boilerplate": {"remove": "weekly digest"}}"#,
        #"c.json: key "boilerplate.remove": expected an array of strings"#
      ),
      (#"{"maxsize": 10}"#, #"c.json: key "maxsize": unknown; the keys are boilerplate, maxSize"#),
      (#"{"maxSize": -1}"#, #"c.json: key "maxSize": expected a whole number of bytes above 0"#),
      (#"[1]"#, "c.json: expected a JSON object"),
    ] as [(String, String?)])
  func namesTheFileAndKeyOfABadConfig(config: String, error: String?) throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(config.utf8).write(to: folder.appendingPathComponent("c.json"))
    try Data("Text.\n".utf8).write(to: folder.appendingPathComponent("dump.txt"))
    let result = try CLI.run(["clean", "dump.txt", "--config", "c.json"], in: folder)
    if let error {
      #expect(result.status != 0)
      #expect(result.stderr.contains(error), "\(result.stderr)")
    } else {
      #expect(result.status == 0, "\(result.stderr)")
    }
  }

  /// `maxSize` in the config sets the limit that `--max-size` overrides.
  @Test func takesTheSizeLimitFromTheConfig() throws {
    let folder = try CLI.folder(withRaw: [
      "dump.txt": Data((Self.article).utf8), ".docclean.json": Data(#"{"maxSize": 20}"#.utf8),
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let limited = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(limited.status != 0)
    #expect(limited.stderr.contains("is over the size limit of 20"))
    let raised = try CLI.run(["run", "raw", "--out", "clean", "--max-size", "1000"], in: folder)
    #expect(raised.status == 0, "\(raised.stderr)")
  }
}
