import Foundation
import Testing

/// PDF files in `raw/`, read with poppler's pdftotext (`.ci/run` installs poppler-utils).
/// The fixtures are made by `scripts/make-pdf-fixtures.py`.
@Suite(.serialized) struct PDFInputTests {
  static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/doccleanTests/Fixtures/pdf")

  static func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: fixtures.appendingPathComponent(name))
  }

  /// What pdftotext prints for a PDF, as docclean runs it.
  static func pdftotext(_ name: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pdftotext", "-enc", "UTF-8", fixtures.appendingPathComponent(name).path, "-"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
  }

  @Test func runCleansAPDFAsItsTextAndRestoresThatText() throws {
    let folder = try CLI.folder(withRaw: [
      "paper.pdf": try Self.fixture("two-pages.pdf"), "paper-dump.txt": try Self.pdftotext("two-pages.pdf"),
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let clean = folder.appendingPathComponent("clean")
    let text = try String(contentsOf: clean.appendingPathComponent("paper.txt"), encoding: .utf8)
    #expect(text.hasPrefix("The Title of the Test Article\n\nThe first page holds"))
    #expect(text.contains("the next page finishes."))
    #expect(!text.contains("Journal of Tests") && !text.contains("\n7\n"))
    // The same text as cleaning the PDF's pdftotext dump.
    #expect(try String(contentsOf: clean.appendingPathComponent("paper-dump.txt"), encoding: .utf8) == text)

    let provenance = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: clean.appendingPathComponent("paper.prov.json")))
        as? [String: Any])
    let source = try #require(provenance["source"] as? [String: Any])
    let extraction = try #require(provenance["extraction"] as? [String: Any])
    let pdf = try Self.fixture("two-pages.pdf")
    #expect(source["size"] as? Int == pdf.count)
    #expect(extraction["tool"] as? String == "pdftotext")
    #expect((extraction["version"] as? String)?.first?.isNumber == true)

    let restored = try CLI.run(["restore", "clean/paper.txt"], in: folder)
    #expect(restored.status == 0, "\(restored.stderr)")
    #expect(restored.stdout == (try Self.pdftotext("two-pages.pdf")))
    let check = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(check.status == 0, "\(check.text)")
  }

  /// An encrypted PDF and one with no text layer each get an error naming the file, and the
  /// batch goes on.
  @Test func reportsPDFsItCannotReadAndGoesOn() throws {
    let folder = try CLI.folder(withRaw: [
      "locked.pdf": try Self.fixture("encrypted.pdf"), "scan.pdf": try Self.fixture("blank.pdf"),
      "paper.pdf": try Self.fixture("two-pages.pdf"),
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLI.run(["run", "raw", "--out", "clean"], in: folder)
    #expect(run.status != 0)
    #expect(run.stderr.contains("locked.pdf: an encrypted PDF"))
    #expect(run.stderr.contains("scan.pdf: a PDF with no text layer"))
    #expect(run.text.contains("1 cleaned"))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("clean/paper.txt").path))
  }

  /// Without pdftotext on the PATH, a PDF is an error that says what to install.
  @Test func saysWhatToInstallWithoutPdftotext() throws {
    let pdf = Self.fixtures.appendingPathComponent("two-pages.pdf").path
    let result = try CLI.run(["clean", pdf], environment: ["PATH": "/nonexistent"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("two-pages.pdf: a PDF, and pdftotext is not installed"))
    #expect(result.stderr.contains("poppler-utils"))
  }

  @Test func cleanReadsAPDFFile() throws {
    let pdf = Self.fixtures.appendingPathComponent("two-pages.pdf").path
    let result = try CLI.run(["clean", pdf])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.text.hasPrefix("The Title of the Test Article"))
  }
}
