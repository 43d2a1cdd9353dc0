import Foundation
import Testing

/// The Spark recipe (`scripts/spark-clean.py`) gives what one docclean process gives, record
/// for record; it runs where PySpark (and Java) are installed.
@Suite struct SparkRecipeTests {
  static let hasPySpark: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import pyspark"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  @Test(.enabled(if: hasPySpark, "needs pyspark: python3 -m pip install pyspark"))
  func givesWhatOneProcessGives() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Spark reads its input as UTF-8, so the records of bytes that are not UTF-8 are left out.
    let lines = (0..<2_000).map { index -> [UInt8] in
      let kind = JSONLinesTests.kind(of: index)
      return JSONLinesTests.line(index, kind == .latin1 ? .good : kind) + [0x0A]
    }
    let input = folder.appendingPathComponent("records.jsonl")
    let output = folder.appendingPathComponent("cleaned.jsonl")
    try Data(lines.joined()).write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", CLI.packageRoot.appendingPathComponent("scripts/spark-clean.py").path, input.path,
      "--out", output.path, "--docclean", CLI.executable.path, "--partitions", "3", "--compare",
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(report)")
    // Four kinds of bad record in each hundred; the long line is under the default size limit.
    #expect(report.contains("2000 records in, 2000 out, 80 with an error field"))
    #expect(report.contains("same as one docclean process, record for record (2000 records)"))
  }
}
