import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `run` under faults of the file system: a read-only or full clean folder, raw files that vanish
/// or change while it runs, and symbolic link loops. Each must end in a clear error or a correct
/// outcome: no crash, no hang, no half-written output, and `raw/` untouched.
///
/// Tests run as root here, so `chmod` would not stop a write; a read-only clean folder is a
/// read-only bind mount and a full disk a small tmpfs. Both need the right to mount; without it
/// those tests are skipped, and `cleanFolderUnderAFileIsAClearError` still covers a folder that
/// cannot be written.
@Suite(.serialized) struct FaultTests {
  let fileManager = FileManager.default

  /// Whether this process may mount file systems (root with CAP_SYS_ADMIN, not in a locked-down
  /// container), tried once on a scratch folder.
  static let canMount: Bool = {
    guard getuid() == 0, let folder = try? CLI.temporaryFolder() else { return false }
    defer { try? FileManager.default.removeItem(at: folder) }
    guard Self.command("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", folder.path) else { return false }
    return Self.command("umount", folder.path)
  }()

  /// Runs a system command quietly; true when it exits with 0.
  @discardableResult
  static func command(_ arguments: String...) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationReason == .exit && process.terminationStatus == 0
  }

  /// `count` dev-set dumps under `raw/`, a few KiB each.
  func devsetFolder(copies: Int = 1, limit: Int = .max) throws -> URL {
    let names = try fileManager.contentsOfDirectory(
      atPath: CLI.shared.appendingPathComponent("devset/raw").path
    )
    .sorted().prefix(limit)
    var files: [String: Data] = [:]
    for name in names {
      let data = try Data(contentsOf: CLI.shared.appendingPathComponent("devset/raw/\(name)"))
      for copy in 0..<copies {
        files[copies == 1 ? name : "\(copy)/\(name)"] = data
      }
    }
    return try CLI.folder(withRaw: files)
  }

  /// Every file under `folder` with its bytes, to show that a run left it as it was.
  func snapshot(_ folder: URL) -> [String: Data] {
    let paths = (fileManager.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
    var files: [String: Data] = [:]
    for path in paths {
      if let data = fileManager.contents(atPath: folder.appendingPathComponent(path).path) {
        files[path] = data
      }
    }
    return files
  }

  /// Checks that the clean folder holds only whole pairs: each text beside a provenance that
  /// describes it, and no temporary file.
  func expectWholePairs(in clean: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let paths = (fileManager.enumerator(atPath: clean.path)?.allObjects as? [String]) ?? []
    #expect(!paths.contains { $0.contains(".tmp-") }, "temporary files left", sourceLocation: sourceLocation)
    for path in paths where path.hasSuffix(".txt") {
      let provenancePath = String(path.dropLast(4)) + ".prov.json"
      guard let provenance = fileManager.contents(atPath: clean.appendingPathComponent(provenancePath).path)
      else {
        Issue.record("\(path) has no provenance", sourceLocation: sourceLocation)
        continue
      }
      let object = try JSONSerialization.jsonObject(with: provenance) as? [String: Any]
      let output = object?["output"] as? [String: Any]
      let text = try Data(contentsOf: clean.appendingPathComponent(path))
      #expect(output?["size"] as? Int == text.count, "\(path) is not what its provenance describes")
    }
  }

  /// Runs docclean and gives up after `seconds`, so that a hang fails the test instead of
  /// stopping the suite.
  func runWithDeadline(_ arguments: [String], in folder: URL, seconds: Double = 120) throws -> (
    result: CLI.Result, timedOut: Bool
  ) {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = folder.appendingPathComponent("stdout.log")
    let err = folder.appendingPathComponent("stderr.log")
    fileManager.createFile(atPath: out.path, contents: nil)
    fileManager.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    let timedOut = process.isRunning
    if timedOut { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "docclean ended by a signal")
    let result = CLI.Result(
      status: process.terminationStatus, stdout: try Data(contentsOf: out),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    return (result, timedOut)
  }

  @Test(.enabled(if: canMount)) func readOnlyCleanFolderStopsWithAClearError() throws {
    let folder = try devsetFolder(limit: 5)
    defer { try? fileManager.removeItem(at: folder) }
    let clean = folder.appendingPathComponent("clean")
    #expect(try CLI.run(["run", "raw", "--out", "clean"], in: folder).status == 0)
    let first = try #require(
      try fileManager.contentsOfDirectory(atPath: folder.appendingPathComponent("raw").path).min())
    try Data("A changed dump.\n".utf8).write(to: folder.appendingPathComponent("raw/" + first))
    let raw = snapshot(folder.appendingPathComponent("raw"))
    let before = snapshot(clean)
    #expect(Self.command("mount", "--bind", clean.path, clean.path))
    defer { Self.command("umount", clean.path) }
    #expect(Self.command("mount", "-o", "remount,bind,ro", clean.path))

    let run = try CLI.run(["run", "raw", "--out", "clean", "--force"], in: folder)
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("clean/.docclean.lock: cannot write it (Read-only file system)"), "\(run.stderr)")
    #expect(snapshot(clean) == before)
    #expect(snapshot(folder.appendingPathComponent("raw")) == raw)
  }

  @Test(.enabled(if: canMount)) func readOnlySubfolderFailsItsFilesAndTheBatchGoesOn() throws {
    let folder = try CLI.folder(withRaw: [
      "a/x.txt": Data("First dump.\n".utf8), "b/y.txt": Data("Second dump.\n".utf8),
    ])
    defer { try? fileManager.removeItem(at: folder) }
    let clean = folder.appendingPathComponent("clean")
    #expect(try CLI.run(["run", "raw", "--out", "clean"], in: folder).status == 0)
    try Data("First dump, changed.\n".utf8).write(to: folder.appendingPathComponent("raw/a/x.txt"))
    try Data("Second dump, changed.\n".utf8).write(to: folder.appendingPathComponent("raw/b/y.txt"))
    let lockedFolder = clean.appendingPathComponent("a")
    let before = snapshot(lockedFolder)
    #expect(Self.command("mount", "--bind", lockedFolder.path, lockedFolder.path))
    defer { Self.command("umount", lockedFolder.path) }
    #expect(Self.command("mount", "-o", "remount,bind,ro", lockedFolder.path))

    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status == 1)
    #expect(run.stderr.contains("clean/a/x.txt: cannot write it (Read-only file system)"), "\(run.stderr)")
    #expect(run.text.contains("2 files: 1 cleaned, 0 unchanged, 1 failed"), "\(run.text)")
    #expect(snapshot(lockedFolder) == before)
    let second = try String(contentsOf: clean.appendingPathComponent("b/y.txt"), encoding: .utf8)
    #expect(second == "Second dump, changed.\n")
    try expectWholePairs(in: clean)
  }

  /// Works without privileges: the clean folder would have to be made inside a regular file.
  @Test func cleanFolderUnderAFileIsAClearError() throws {
    let folder = try CLI.folder(withRaw: ["a.txt": Data("Text.\n".utf8)])
    defer { try? fileManager.removeItem(at: folder) }
    try Data("not a folder\n".utf8).write(to: folder.appendingPathComponent("file"))
    let run = try CLI.run(["run", "raw", "--out", "file/clean"], in: folder)
    #expect(run.status == 1)
    #expect(run.stderr.contains("file/clean: cannot write it (Not a directory)"), "\(run.stderr)")
    #expect(
      try fileManager.contentsOfDirectory(atPath: folder.appendingPathComponent("raw").path) == ["a.txt"])
  }

  /// A full disk fails the files that do not fit, names each, and leaves only whole pairs of
  /// text and provenance; once there is room, the next run finishes the job.
  @Test(.enabled(if: canMount)) func fullDiskLeavesOnlyWholePairs() throws {
    let folder = try devsetFolder(limit: 40)
    defer { try? fileManager.removeItem(at: folder) }
    let clean = folder.appendingPathComponent("clean")
    try fileManager.createDirectory(at: clean, withIntermediateDirectories: true)
    #expect(Self.command("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", clean.path))
    defer { Self.command("umount", clean.path) }
    let raw = snapshot(folder.appendingPathComponent("raw"))

    let full = try CLI.run(["run", "raw", "--out", "clean", "--jobs", "2"], in: folder)
    #expect(full.status == 1)
    #expect(full.stderr.contains("cannot write it (No space left on device)"), "\(full.stderr)")
    #expect(full.text.contains("40 files: "), "\(full.text)")
    #expect(!full.text.contains(" 0 failed"), "\(full.text)")
    try expectWholePairs(in: clean)
    #expect(snapshot(folder.appendingPathComponent("raw")) == raw)

    #expect(Self.command("mount", "-o", "remount,size=16m", clean.path))
    let roomy = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(roomy.status == 0, "\(roomy.stderr)")
    try expectWholePairs(in: clean)
    let check = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(check.status == 0, "\(check.text)")
  }

  /// Raw files deleted, rewritten or swapped for a pipe after the run listed them: each is an
  /// error naming the file or a correct clean of what was read, and the run never hangs.
  @Test func filesThatVanishOrChangeDuringARun() throws {
    let folder = try devsetFolder(copies: 3)
    defer { try? fileManager.removeItem(at: folder) }
    let raw = folder.appendingPathComponent("raw")
    let clean = folder.appendingPathComponent("clean")
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["run", "raw", "--out", "clean", "--jobs", "1", "--quiet"]
    process.currentDirectoryURL = folder
    let err = folder.appendingPathComponent("stderr.log")
    fileManager.createFile(atPath: err.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // One job cleans the files in order, so once the first output is there the run has listed
    // the folder and has not yet reached raw/1 and raw/2.
    let start = Date()
    while process.isRunning && Date().timeIntervalSince(start) < 60,
      !((fileManager.enumerator(atPath: clean.path)?.allObjects as? [String]) ?? []).contains(where: {
        $0.hasSuffix(".prov.json")
      })
    {
      Thread.sleep(forTimeInterval: 0.01)
    }
    #expect(process.isRunning, "the run finished before the files changed")
    let changed = try fileManager.contentsOfDirectory(atPath: raw.appendingPathComponent("1").path).sorted()
    for name in changed {
      let handle = try FileHandle(forWritingTo: raw.appendingPathComponent("1/\(name)"))
      try handle.seekToEnd()
      handle.write(Data("\n\nA paragraph added while the run went on.\n".utf8))
      try handle.close()
    }
    let vanished = try fileManager.contentsOfDirectory(atPath: raw.appendingPathComponent("2").path).sorted()
    for name in vanished { try fileManager.removeItem(at: raw.appendingPathComponent("2/\(name)")) }
    // A named pipe where a file was: opening it for reading must not wait for a writer.
    #expect(mkfifo(raw.appendingPathComponent("2/\(vanished[0])").path, 0o644) == 0)

    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    let hung = process.isRunning
    if hung { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(!hung, "the run hung")
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 1)
    let stderr = String(decoding: try Data(contentsOf: err), as: UTF8.self)
    #expect(stderr.contains("raw/2/\(vanished[1]): cannot read it (No such file or directory)"), "\(stderr)")
    #expect(stderr.contains("raw/2/\(vanished[0]): cannot read it (not a regular file)"), "\(stderr)")
    try expectWholePairs(in: clean)

    // The next run cleans the rewritten files that were read before they changed and reports
    // nothing else; afterwards every clean file matches its raw file.
    try fileManager.removeItem(at: raw.appendingPathComponent("2"))
    let next = try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.text.contains(" 0 failed"), "\(next.text)")
    let check = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(check.status == 0, "\(check.text)")
  }

  /// Links that loop: two file links pointing at each other are errors that name them; folder
  /// links back to the folder or its parent are not entered again, so each file is cleaned once.
  @Test func symlinkLoopsEndWithAClearErrorOrAreSkipped() throws {
    let folder = try CLI.folder(withRaw: [
      "good.txt": Data("Good text.\n".utf8), "sub/nested.txt": Data("Nested.\n".utf8),
    ])
    defer { try? fileManager.removeItem(at: folder) }
    let raw = folder.appendingPathComponent("raw")
    try fileManager.createSymbolicLink(atPath: raw.appendingPathComponent("a").path, withDestinationPath: "b")
    try fileManager.createSymbolicLink(atPath: raw.appendingPathComponent("b").path, withDestinationPath: "a")
    try fileManager.createSymbolicLink(
      atPath: raw.appendingPathComponent("self").path, withDestinationPath: ".")
    try fileManager.createSymbolicLink(
      atPath: raw.appendingPathComponent("sub/up").path, withDestinationPath: "..")

    let (run, timedOut) = try runWithDeadline(["run", "raw", "--out", "clean"], in: folder, seconds: 60)
    #expect(!timedOut, "the run hung")
    #expect(run.status == 1)
    #expect(run.stderr.contains("raw/a: cannot read it (Too many levels of symbolic links)"), "\(run.stderr)")
    #expect(run.stderr.contains("raw/b: cannot read it (Too many levels of symbolic links)"), "\(run.stderr)")
    #expect(run.text.contains("4 files: 2 cleaned, 0 unchanged, 2 failed"), "\(run.text)")
    let written =
      (fileManager.enumerator(atPath: folder.appendingPathComponent("clean").path)?.allObjects
        as? [String]) ?? []
    #expect(Set(written.filter { $0.hasSuffix(".txt") }) == ["good.txt", "sub/nested.txt"])

    for link in ["a", "b"] { try fileManager.removeItem(at: raw.appendingPathComponent(link)) }
    let (again, _) = try runWithDeadline(["run", "raw", "--out", "clean"], in: folder, seconds: 60)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.text.contains("2 files: 0 cleaned, 2 unchanged"), "\(again.text)")
  }
}
