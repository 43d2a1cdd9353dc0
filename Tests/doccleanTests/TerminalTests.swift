import Foundation
import Testing

/// docclean at a terminal, run under a pseudo-terminal (util-linux's `script`).
@Suite struct TerminalTests {
  /// Runs `command` (a shell command line) under a pseudo-terminal of `columns` columns in
  /// `folder`, and returns what the terminal was sent.
  static func underTerminal(_ command: String, columns: Int = 80, in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qfec", "stty cols \(columns); \(command)", "/dev/null"]
    process.currentDirectoryURL = folder
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

  /// On a terminal 50 columns wide, every frame of the progress line fits in 49, so that the
  /// terminal never wraps and scrolls it.
  @Test(.enabled(if: hasScript, "needs util-linux's script"))
  func progressLineFitsANarrowTerminal() throws {
    let files = Dictionary(
      uniqueKeysWithValues: (0..<40).map {
        ("dump-\($0).txt", Data("Text number \($0) of the batch.\n".utf8))
      })
    let folder = try CLI.folder(withRaw: files)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = try Self.underTerminal(
      "'\(CLI.executable.path)' run raw --out clean", columns: 50, in: folder)
    let frames = output.components(separatedBy: "\r").map {
      $0.replacingOccurrences(of: "\u{1B}[K", with: "")
    }
    .filter { $0.contains(" files") && $0.contains("40/40") || $0.hasPrefix("[") }
    #expect(!frames.isEmpty, "\(output)")
    for frame in frames where !frame.contains("cleaned,") {
      #expect(frame.count <= 49, "\(frame)")
    }
  }

  /// `diff` colours its lines on a terminal, not with NO_COLOR or `--color never`, and with
  /// `--color always` also into a pipe.
  @Test(.enabled(if: hasScript, "needs util-linux's script"))
  func coloursOnlyWhereWanted() throws {
    let folder = try CLI.folder(withRaw: ["a.txt": Data("donâ€™t  stop\n".utf8)])
    defer { try? FileManager.default.removeItem(at: folder) }
    try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    // The test's own environment may say NO_COLOR or TERM=dumb; the terminal here says neither.
    let diff = "'\(CLI.executable.path)' diff clean/a.txt"
    let plain = "env -u NO_COLOR TERM=xterm "
    let escape = "\u{1B}["
    #expect(try Self.underTerminal(plain + diff, in: folder).contains(escape))
    #expect(!(try Self.underTerminal("env TERM=xterm NO_COLOR=1 " + diff, in: folder).contains(escape)))
    #expect(!(try Self.underTerminal(plain + diff + " --color never", in: folder).contains(escape)))
    #expect(!(try CLI.run(["diff", "clean/a.txt"], in: folder).text.contains(escape)))
    #expect(try CLI.run(["diff", "clean/a.txt", "--color", "always"], in: folder).text.contains(escape))
  }
}
