import Foundation
import Pipeline
import Testing

@testable import Stages

/// Runs one stage the way the pipeline does and checks that its edits undo exactly.
struct StageRun {
  var output: String
  var rules: [String]
  var proposal: Proposal

  init(_ stage: some Stage, on input: String) throws {
    try self.init(stage, bytes: Array(input.utf8))
  }

  init(_ stage: some Stage, bytes: [UInt8]) throws {
    let pipeline = Pipeline(stages: [stage])
    let document = pipeline.clean(bytes)
    output = document.string
    rules = document.records.flatMap { $0.edits.map(\.rule.id) }
    proposal = stage.propose(for: bytes)
    #expect(try Pipeline.restore(document.text, records: document.records) == bytes)
  }
}

/// Paths of the repository and of the shared folder beside it.
enum Paths {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
  static let devsetGold = shared.appendingPathComponent("devset/gold")
  static let devsetRaw = shared.appendingPathComponent("devset/raw")

  static func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    return Array(try Data(contentsOf: url))
  }

  /// The files of a folder, sorted by name, skipping hidden ones.
  static func files(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
      .filter { !$0.lastPathComponent.hasPrefix(".") }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }
}
