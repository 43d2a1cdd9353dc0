import Foundation
import Pipeline
import Testing

@testable import Stages

/// One pass of the stages makes a fixed point: the clean text of every dump of the dev set,
/// the real pages and the PDF extractions comes back unchanged when cleaned again, each file
/// on its own and in its batch (with the batch's profile, as `run` cleans it).
@Suite struct OnePassTests {
  /// The folders of dumps, each one batch.
  static let batches = [
    "realworld/full", "realworld/reader", "devset/raw", "pdfdev/raw/pdftotext", "pdfdev/raw/pdftotext-layout",
    "pdfdev/raw/pdfminer", "pdfdev/raw/pypdf",
  ]

  static func dumps(_ batch: String) throws -> [(name: String, bytes: [UInt8])] {
    try Paths.files(in: Paths.shared.appendingPathComponent(batch)).map {
      ($0.lastPathComponent, Array(try Data(contentsOf: $0)))
    }
  }

  @Test func everyStageRunsOnce() {
    let document = Pipeline.standard.clean(
      Array("# Title\n\nSome **text** to [clean](https://example.org).\n".utf8))
    #expect(document.records.map(\.stage) == Pipeline.standard.stages.map(\.id))
  }

  @Test(arguments: batches)
  func cleaningTheCleanTextChangesNothing(batch: String) throws {
    let dumps = try Self.dumps(batch)
    let profile = BatchProfile(files: dumps.map(\.bytes))
    let pipelines = [
      ("alone", Pipeline.standard),
      ("in its batch", Pipeline.standard(userPhrases: UserPhrases(), profile: profile)),
    ]
    for (how, pipeline) in pipelines {
      var changed: [String] = []
      for dump in dumps {
        let clean = pipeline.clean(dump.bytes).text
        // An empty text is no input: `clean` refuses it.
        guard !clean.isEmpty, pipeline.clean(clean).text != clean else { continue }
        changed.append(dump.name)
      }
      #expect(
        changed.isEmpty, "\(batch), \(how): \(changed.count) of \(dumps.count) change: \(changed.prefix(5))")
    }
  }
}
