import Foundation
import Pipeline
import Testing

/// The batch profile: `profile` saves it, `run` gathers it and records it, `clean` takes it, and
/// an incremental run cleans again only the files whose lines it makes recur otherwise.
@Suite(.serialized) struct ProfileCommandTests {
  let fileManager = FileManager.default

  static let sharedLine = "Harbour office opening hours and ferry notices"

  static let woods = ["oak", "birch", "cedar", "maple", "willow"]

  /// A page of its own prose, with the line every page of the invented site has. Pages differ
  /// in words, not only in numbers, which the profile does not see.
  static func page(_ number: Int, shared: Bool = true) -> Data {
    let wood = woods[number - 1]
    let prose = """
      The committee met to weigh the plan for the old \(wood) pier, and its members asked for a \
      survey of the \(wood) timber before any money is spent on the repairs.
      """
    return Data(((shared ? sharedLine + "\n\n" : "") + "# The \(wood) pier report\n\n" + prose + "\n").utf8)
  }

  func provenance(_ folder: URL, _ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent("clean/\(name).prov.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func profileSavesWhatRunGathersAndCleanTakesIt() throws {
    let folder = try CLI.folder(withRaw: ["a.md": Self.page(1), "b.md": Self.page(2), "c.md": Self.page(3)])
    defer { try? fileManager.removeItem(at: folder) }
    let saved = try CLI.run(["profile", "raw", "-o", "batch.profile"], in: folder)
    #expect(saved.status == 0, "\(saved.stderr)")
    #expect(saved.stderr.contains("profiled 3 files"))
    let profile = try String(contentsOf: folder.appendingPathComponent("batch.profile"), encoding: .utf8)
    #expect(profile.hasPrefix("docclean-profile 1\nfiles 3\n"))
    // Hashes and counts only: no text of the batch.
    #expect(!profile.contains("Harbour"))

    let run = try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let facts = try #require(try provenance(folder, "a")["profile"] as? [String: Any])
    #expect(facts["files"] as? Int == 3)
    let digest = SHA256Digest.hex(of: Array(profile.utf8))
    #expect(facts["sha256"] as? String == digest)

    let report = try CLI.run(
      ["clean", "raw/a.md", "--profile", "batch.profile", "--format", "json"], in: folder)
    #expect(report.status == 0, "\(report.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: report.stdout) as? [String: Any])
    let reported = try #require(json["profile"] as? [String: Any])
    #expect(reported["sha256"] as? String == digest)
    #expect(reported["view"] as? String == facts["view"] as? String)
    let text = try String(contentsOf: folder.appendingPathComponent("clean/a.txt"), encoding: .utf8)
    #expect(
      String(
        decoding: try CLI.run(["clean", "raw/a.md", "--profile", "batch.profile"], in: folder).stdout,
        as: UTF8.self) == text)
  }

  @Test func filesLeftOutOfTheProfileAreNamed() throws {
    let folder = try CLI.folder(withRaw: [
      "a.md": Self.page(1), "b.md": Self.page(2), "empty.md": Data(),
      "bin.md": Data([0, 1, 2, 0, 0, 3, 0, 0]),
    ])
    defer { try? fileManager.removeItem(at: folder) }
    let saved = try CLI.run(["profile", "raw", "-o", "batch.profile"], in: folder)
    #expect(saved.status == 1)
    #expect(saved.stderr.contains("raw/empty.md: empty file"))
    #expect(saved.stderr.contains("raw/bin.md: looks like a binary file"))
    #expect(saved.stderr.contains("profiled 2 files"))
    #expect(fileManager.fileExists(atPath: folder.appendingPathComponent("batch.profile").path))
  }

  @Test func aDamagedProfileIsNamed() throws {
    let folder = try CLI.folder(withRaw: ["a.md": Self.page(1)])
    defer { try? fileManager.removeItem(at: folder) }
    try Data("docclean-profile 1\nfiles 2\nnot a key\n".utf8).write(
      to: folder.appendingPathComponent("bad.profile"))
    for arguments in [["clean", "raw/a.md"], ["run", "raw", "--out", "clean"]] {
      let result = try CLI.run(arguments + ["--profile", "bad.profile"], in: folder)
      #expect(result.status != 0)
      #expect(result.stderr.contains("bad.profile: not a batch profile (line 3"))
    }
    #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("clean").path))
  }

  @Test func anIncrementalRunCleansAgainOnlyTheFilesWhoseLinesRecurOtherwise() throws {
    let folder = try CLI.folder(withRaw: [
      "a.md": Self.page(1), "b.md": Self.page(2), "c.md": Self.page(3, shared: false),
    ])
    defer { try? fileManager.removeItem(at: folder) }
    let first = try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    #expect(first.text.contains("3 cleaned, 0 unchanged"), "\(first.text)")

    // A third page with the shared line: a and b now share it with two other files, not one.
    try Self.page(4).write(to: folder.appendingPathComponent("raw/d.md"))
    let second = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(second.text.contains("3 cleaned, 1 unchanged"), "\(second.text)")
    #expect(!second.stderr.contains("cleaned c.md"))

    // A fourth: two others become three, the same bucket; only the new page is cleaned.
    try Self.page(5).write(to: folder.appendingPathComponent("raw/e.md"))
    let third = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(third.text.contains("1 cleaned, 4 unchanged"), "\(third.text)")
    #expect(third.stderr.contains("cleaned e.md"))
  }
}
