import Foundation
import Pipeline
import Testing

@testable import Stages

/// Every input the fuzzer (`scripts/fuzz.sh`) ever stopped on, kept in
/// `Fixtures/fuzz-regressions`, checked against the promises the fuzz target checks.
@Suite struct FuzzRegressionTests {
  static let invariants: Set = ["encoding", "line-ending", "nfc", "layout"]

  static func regressionFiles() throws -> [URL] {
    let folder = try #require(
      Bundle.module.url(forResource: "Fixtures/fuzz-regressions", withExtension: nil),
      "the fuzz-regressions folder is missing")
    return try Paths.files(in: folder).filter { $0.lastPathComponent != "README.md" }
  }

  @Test func everyKeptInputCleansRestoresAndIsValid() throws {
    for file in try Self.regressionFiles() {
      let raw = Array(try Data(contentsOf: file))
      let document = Pipeline.standard.clean(raw)
      let name = file.lastPathComponent
      #expect(UTF8Scan.isValid(document.text), "\(name): the clean text is not UTF-8")
      #expect(try Pipeline.restore(document.text, records: document.records) == raw, "\(name)")
      let findings = CleanTextCheck.findings(in: document.text).filter { Self.invariants.contains($0.rule) }
      #expect(findings.isEmpty, "\(name): \(findings.prefix(3))")
    }
  }
}
