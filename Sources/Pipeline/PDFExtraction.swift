import Foundation

/// Reads the text of PDF files with poppler's `pdftotext`, run as a separate process.
///
/// The text is what `pdftotext -enc UTF-8 FILE -` prints: pages separated by form feeds, which
/// the page-furniture stage reads. docclean then cleans it as it cleans any dump, so that a PDF
/// gives the same clean text as its pdftotext dump.
public enum PDFExtraction {
  /// The tool and the arguments it runs with, as the provenance records them.
  public static let tool = "pdftotext"
  public static let arguments = ["-enc", "UTF-8"]

  /// Whether a raw file is read as a PDF: by its extension, `.pdf` in any case.
  public static func isPDF(_ path: String) -> Bool {
    path.lowercased().hasSuffix(".pdf")
  }

  /// The version `pdftotext -v` reports, read once; nil where it is not installed.
  public static let version: String? = {
    guard let executable = executablePath(),
      let result = try? run(executable, ["-v"])
    else { return nil }
    let words = String(decoding: result.output + result.errors, as: UTF8.self).split(
      whereSeparator: \.isWhitespace)
    guard let index = words.firstIndex(of: "version"), index + 1 < words.count else { return nil }
    return String(words[index + 1])
  }()

  /// The text of the PDF at `path`, at most `limit` bytes.
  public static func text(of path: String, limit: Int = .max) throws(DocCleanError) -> [UInt8] {
    guard let executable = executablePath() else { throw .pdfToolMissing(path: path) }
    let result: (status: Int32, output: [UInt8], errors: [UInt8])
    do {
      result = try run(executable, arguments + [path, "-"])
    } catch {
      throw .pdfUnreadable(path: path, reason: "\(error)")
    }
    let message = String(decoding: result.errors, as: UTF8.self)
    guard result.status == 0 else {
      if message.lowercased().contains("password") { throw .pdfEncrypted(path: path) }
      let firstLine = message.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
      throw .pdfUnreadable(path: path, reason: firstLine)
    }
    guard result.output.count <= limit else {
      throw .tooLarge(path: path, size: result.output.count, limit: limit)
    }
    // Form feeds and white space alone: the pages are images, with no text layer.
    guard result.output.contains(where: { $0 > 0x20 }) else { throw .pdfWithoutText(path: path) }
    return result.output
  }

  /// A raw file as docclean cleans it: its bytes, and the text to clean, which for a PDF is
  /// the text `pdftotext` reads from it.
  public struct RawInput: Sendable {
    public var file: [UInt8]
    public var text: [UInt8]
    public var extraction: Provenance.ExtractionFacts?
  }

  /// Reads the raw file at `path`, extracting its text where it is a PDF, and checks that the
  /// text is text.
  public static func read(_ path: String, limit: Int) throws(DocCleanError) -> RawInput {
    let file = try FileIO.read(path, limit: limit)
    guard isPDF(path) else {
      try InputCheck.validate(file, path: path)
      return RawInput(file: file, text: file, extraction: nil)
    }
    let text = try self.text(of: path, limit: limit)
    try InputCheck.validate(text, path: path)
    let facts = Provenance.ExtractionFacts(
      tool: tool, version: version ?? "unknown", arguments: arguments, size: text.count,
      sha256: SHA256Digest.hex(of: text))
    return RawInput(file: file, text: text, extraction: facts)
  }

  /// `pdftotext` on the `PATH`.
  static func executablePath() -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return folders.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  private static func run(_ executable: String, _ arguments: [String]) throws -> (
    status: Int32, output: [UInt8], errors: [UInt8]
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both to the end before waiting, so that a full pipe never blocks the tool.
    let errorReader = Thread.detachedReader(errors.fileHandleForReading)
    let outputBytes = Array(output.fileHandleForReading.readDataToEndOfFile())
    let errorBytes = errorReader.wait()
    process.waitUntilExit()
    return (process.terminationStatus, outputBytes, errorBytes)
  }
}

extension Thread {
  /// Reads a file handle to its end on a thread of its own.
  fileprivate static func detachedReader(_ handle: FileHandle) -> DetachedRead {
    let read = DetachedRead()
    let thread = Thread { read.finish(Array(handle.readDataToEndOfFile())) }
    thread.start()
    return read
  }
}

/// The bytes a detached reader read, once it is done.
private final class DetachedRead: @unchecked Sendable {
  private let done = NSCondition()
  private var bytes: [UInt8]?

  func finish(_ bytes: [UInt8]) {
    done.lock()
    self.bytes = bytes
    done.signal()
    done.unlock()
  }

  func wait() -> [UInt8] {
    done.lock()
    defer { done.unlock() }
    while bytes == nil { done.wait() }
    return bytes ?? []
  }
}
