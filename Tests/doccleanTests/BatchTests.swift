import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The batch runner on awkward folders: trees, bad files, gone files, locks and kills.
@Suite(.serialized) struct BatchTests {
  let fileManager = FileManager.default

  @Test func keepsTheFolderTreeAndDecodesNonUTF8() throws {
    let folder = try CLI.folder(withRaw: [
      "top.txt": Data("Top level text.\n".utf8),
      "a/b/deep.md": Data("# Deep\n\nA *nested* dump.\n".utf8),
      "latin.txt": Data([0x43, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x6F, 0x6B, 0x0A]),
    ])
    defer { try? fileManager.removeItem(at: folder) }
    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let deep = try String(contentsOf: folder.appendingPathComponent("clean/a/b/deep.txt"), encoding: .utf8)
    #expect(deep == "Deep\n\nA nested dump.\n")
    let latin = try String(contentsOf: folder.appendingPathComponent("clean/latin.txt"), encoding: .utf8)
    #expect(latin == "Café – ok\n")
    let provenance = try Data(contentsOf: folder.appendingPathComponent("clean/latin.prov.json"))
    #expect(String(decoding: provenance, as: UTF8.self).contains("\"encoding\" : \"windows-1252\""))
  }

  @Test func namesAnUnreadableFileAndGoesOn() throws {
    let folder = try CLI.folder(withRaw: ["good.txt": Data("Good text.\n".utf8)])
    defer { try? fileManager.removeItem(at: folder) }
    try fileManager.createSymbolicLink(
      atPath: folder.appendingPathComponent("raw/dangling.txt").path, withDestinationPath: "/nonexistent/file"
    )
    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status != 0)
    #expect(run.stderr.contains("raw/dangling.txt: cannot read it"))
    #expect(run.text.contains("1 cleaned"))
  }

  /// With `a.txt` cleaned, a new `a.md` would be cleaned into the same file: neither is
  /// cleaned, both are named, and the earlier clean file stays as it was.
  @Test func refusesTwoRawFilesThatWouldShareAnOutput() throws {
    let folder = try CLI.folder(withRaw: ["a.txt": Data("Text.\n".utf8), "b.txt": Data("Other.\n".utf8)])
    defer { try? fileManager.removeItem(at: folder) }
    #expect(try CLI.run(["run", "raw", "--out", "clean"], in: folder).status == 0)
    try Data("Markdown.\n".utf8).write(to: folder.appendingPathComponent("raw/a.md"))
    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status != 0)
    #expect(
      run.stderr.contains("raw/a.txt: would be cleaned into the same file as raw/a.md, so neither is cleaned")
    )
    #expect(
      run.stderr.contains("raw/a.md: would be cleaned into the same file as raw/a.txt, so neither is cleaned")
    )
    let text = try String(contentsOf: folder.appendingPathComponent("clean/a.txt"), encoding: .utf8)
    #expect(text == "Text.\n")
    let provenance = try String(
      contentsOf: folder.appendingPathComponent("clean/a.prov.json"), encoding: .utf8)
    #expect(provenance.contains("a.txt") && !provenance.contains("a.md"))
  }

  /// Files whose names differ only by extension in another folder, or by more than it, do
  /// not collide.
  @Test func cleansFilesWhoseOutputsDiffer() throws {
    let folder = try CLI.folder(withRaw: ["a.txt": Data("Text.\n".utf8), "ab.md": Data("More.\n".utf8)])
    defer { try? fileManager.removeItem(at: folder) }
    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status == 0)
    #expect(run.text.contains("2 cleaned"))
  }

  @Test func neverWritesIntoTheRawFolder() throws {
    let folder = try CLI.folder(withRaw: ["a.txt": Data("Text.\n".utf8)])
    defer { try? fileManager.removeItem(at: folder) }
    let run = try CLI.run(["run", "raw", "--out", "raw/clean"], in: folder)
    #expect(run.status != 0)
    #expect(run.stderr.contains("the clean folder is inside the raw folder"))
    let rawFiles = try fileManager.contentsOfDirectory(atPath: folder.appendingPathComponent("raw").path)
    #expect(rawFiles == ["a.txt"])
  }

  @Test func refusesAFileOverTheSizeLimit() throws {
    let folder = try CLI.folder(withRaw: [
      "small.txt": Data("Small.\n".utf8), "big.txt": Data(repeating: 0x61, count: 5000),
    ])
    defer { try? fileManager.removeItem(at: folder) }
    let run = try CLI.run(["run", "raw", "--out", "clean", "--max-size", "1000"], in: folder)
    #expect(run.status != 0)
    #expect(
      run.stderr.contains("raw/big.txt: 5000 bytes is over the size limit of 1000; raise it with --max-size"))
    #expect(run.text.contains("1 cleaned, 0 unchanged, 1 failed"))
  }

  @Test func reportsAndPrunesOutputsOfRemovedRawFiles() throws {
    let folder = try CLI.folder(withRaw: [
      "keep.txt": Data("Kept.\n".utf8), "gone.txt": Data("Gone soon.\n".utf8),
    ])
    defer { try? fileManager.removeItem(at: folder) }
    try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    try fileManager.removeItem(at: folder.appendingPathComponent("raw/gone.txt"))
    let report = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(report.stderr.contains("raw file gone for clean/gone.txt"))
    #expect(fileManager.fileExists(atPath: folder.appendingPathComponent("clean/gone.txt").path))
    let prune = try CLI.run(["run", "raw", "--out", "clean", "--prune"], in: folder)
    #expect(prune.text.contains("1 removed"))
    #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("clean/gone.txt").path))
    #expect(!fileManager.fileExists(atPath: folder.appendingPathComponent("clean/gone.prov.json").path))
  }

  @Test func refusesASecondRunAndTakesOverAStaleLock() throws {
    let folder = try CLI.folder(withRaw: ["a.txt": Data("Text.\n".utf8)])
    defer { try? fileManager.removeItem(at: folder) }
    let clean = folder.appendingPathComponent("clean")
    try fileManager.createDirectory(at: clean, withIntermediateDirectories: true)
    try Data("\(getpid())\n".utf8).write(to: clean.appendingPathComponent(".docclean.lock"))
    let blocked = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(blocked.status != 0)
    #expect(blocked.stderr.contains("another docclean run is using this folder"))
    try Data("2147483000\n".utf8).write(to: clean.appendingPathComponent(".docclean.lock"))
    let stale = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(stale.status == 0, "\(stale.stderr)")
    #expect(!fileManager.fileExists(atPath: clean.appendingPathComponent(".docclean.lock").path))
  }

  /// A run killed part-way leaves only whole outputs, and the next run finishes the job.
  @Test func survivesSIGKILL() throws {
    let devset = try fileManager.contentsOfDirectory(
      atPath: CLI.shared.appendingPathComponent("devset/raw").path)
    var files: [String: Data] = [:]
    for copy in 0..<3 {
      for name in devset {
        files["\(copy)/\(name)"] = try Data(
          contentsOf: CLI.shared.appendingPathComponent("devset/raw/\(name)"))
      }
    }
    let folder = try CLI.folder(withRaw: files)
    defer { try? fileManager.removeItem(at: folder) }
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["run", "raw", "--out", "clean", "--quiet", "--jobs", "1"]
    process.currentDirectoryURL = folder
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // Killed once it has written its first files, whatever this machine's speed.
    let clean = folder.appendingPathComponent("clean")
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline,
      !((fileManager.enumerator(atPath: clean.path)?.allObjects as? [String]) ?? []).contains(where: {
        $0.hasSuffix(".prov.json")
      })
    {
      Thread.sleep(forTimeInterval: 0.02)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)

    let written = (fileManager.enumerator(atPath: clean.path)?.allObjects as? [String]) ?? []
    #expect(written.contains { $0.hasSuffix(".txt") }, "the run was killed before it wrote anything")
    #expect(written.count < files.count * 2, "the run finished before it was killed")
    for path in written where path.hasSuffix(".prov.json") {
      let provenance = try JSONSerialization.jsonObject(
        with: Data(contentsOf: clean.appendingPathComponent(path)))
      let output = (provenance as? [String: Any])?["output"] as? [String: Any]
      let text = try Data(contentsOf: clean.appendingPathComponent(String(path.dropLast(10)) + ".txt"))
      #expect(output?["size"] as? Int == text.count, "\(path) describes another text")
    }
    let next = try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    #expect(next.status == 0, "\(next.stderr)")
    let check = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(check.status == 0, "\(check.text)")
    let leftovers = (fileManager.enumerator(atPath: clean.path)?.allObjects as? [String]) ?? []
    #expect(!leftovers.contains { $0.contains(".tmp-") || $0.hasSuffix(".docclean.lock") })
  }
}
