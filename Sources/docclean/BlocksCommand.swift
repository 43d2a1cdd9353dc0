import ArgumentParser
import Foundation
import Pipeline
import Stages

/// Prints the lines of dumps with the features the main-text model reads: the data that
/// `scripts/train-main-text.py` learns from. The files given are one batch, whose profile the
/// recurrence features read. Hidden, since it is for training, not cleaning.
struct BlocksCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "blocks",
    abstract: "Print each line of the files with the features the main-text model reads, as JSON lines.",
    shouldDisplay: false
  )

  @Argument(help: "The raw files.")
  var files: [String]

  func run() throws {
    let stages = Pipeline.standard.stages
    let before = Pipeline(stages: Array(stages.prefix { $0.id != "boilerplate" }))
    var out = try JSONSerialization.data(withJSONObject: ["features": Boilerplate.featureNames]) + [0x0A]
    Console.write(Array(out))
    var gatherer = BatchProfile.Gatherer()
    var texts: [(path: String, bytes: [UInt8])] = []
    for path in files {
      do {
        let bytes = try FileIO.read(path, limit: 256 << 20)
        gatherer.add(bytes)
        texts.append((path, bytes))
      } catch {
        Console.error("error: \(error)")
      }
    }
    let profile = gatherer.profile
    for (path, bytes) in texts {
      let text = before.clean(bytes).text
      for block in Boilerplate.describeBlocks(text, profile: profile) {
        let record: [String: Any] = [
          "file": path, "line": block.index, "block": block.block, "plain": block.plain,
          "raw": block.raw, "f": block.features,
        ]
        out = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) + [0x0A]
        Console.write(Array(out))
      }
    }
  }
}
