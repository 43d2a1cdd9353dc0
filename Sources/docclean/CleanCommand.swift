import ArgumentParser
import Foundation
import Pipeline
import Stages

struct CleanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Print the clean text of one file, or of standard input with '-'.",
    discussion: """
      With --format json, prints {text, metadata, edits, unresolved, warnings}. With --jsonl, \
      reads one JSON object per line ({"id": …, "text": …}) and writes one per line \
      ({"id": …, "text": …, "metadata": …}), in constant memory: the filter for shell pipelines \
      and for engines that pipe records through a command.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "The raw file to clean, or '-' for standard input.")
  var file: String = "-"

  @Option(help: "What to print: the clean text, or a JSON report with the edits.")
  var format: Format = .text

  @Flag(help: "Clean a stream of JSON records, one per line.")
  var jsonl = false

  @Option(help: "Refuse input larger than this many bytes.")
  var maxSize = 256 << 20

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let pipeline = try configOptions.pipeline()
    if jsonl {
      try JSONLines(pipeline: pipeline, maxSize: maxSize).run(path: file)
      return
    }
    let name = file == "-" ? "<stdin>" : file
    let bytes: [UInt8]
    do {
      bytes = file == "-" ? try FileIO.readStandardInput() : try FileIO.read(file, limit: maxSize)
      try InputCheck.validate(bytes, path: name)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    let document = pipeline.clean(bytes)
    switch format {
    case .text:
      Console.write(document.text)
    case .json:
      let report = CleanReport(document: document, raw: bytes, name: name, ruleset: pipeline.fingerprint)
      Console.write(try report.encoded())
    }
  }
}

/// The JSON report of `clean --format json`.
struct CleanReport: Encodable {
  var text: String
  var metadata: DocumentMetadata
  var edits: [Edit]
  var unresolved: [Provenance.UnresolvedEntry]
  var warnings: [String]

  struct Edit: Encodable {
    var stage: String
    var rule: String
    var reason: String
    var removed: Bytes
    var inserted: Bytes
    var raw: Provenance.Position
  }

  init(document: CleanedDocument, raw: [UInt8], name: String, ruleset: String) {
    let provenance = Provenance(
      document: document, raw: raw, sourceSHA256: SHA256Digest.hex(of: raw), sourcePath: name,
      outputPath: name, ruleset: ruleset, previous: nil)
    text = document.string
    metadata = document.metadata
    edits = provenance.stages.flatMap { stage in
      stage.edits.map {
        Edit(
          stage: stage.stage, rule: $0.rule, reason: $0.reason, removed: $0.removed, inserted: $0.inserted,
          raw: $0.raw)
      }
    }
    unresolved = provenance.unresolved
    warnings = provenance.warnings
  }

  func encoded() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(self)) + [0x0A]
  }
}

/// Cleans a stream of JSON records, one per line, holding one record in memory at a time.
struct JSONLines {
  var pipeline: Pipeline
  var maxSize: Int

  /// Reads records from `path` (`-` for standard input) and writes one cleaned record per line.
  func run(path: String) throws {
    let handle: FileHandle
    if path == "-" {
      handle = FileHandle.standardInput
    } else if let opened = FileHandle(forReadingAtPath: path) {
      handle = opened
    } else {
      Console.error("error: \(path): cannot read it; check that it exists and that you may read it")
      throw ExitCode.failure
    }
    var failures = 0
    var lineNumber = 0
    var pending: [UInt8] = []
    while true {
      let chunk = handle.readData(ofLength: 1 << 16)
      pending += chunk
      while let newline = pending.firstIndex(of: 0x0A) {
        lineNumber += 1
        if !clean(record: pending[..<newline], line: lineNumber, source: path) { failures += 1 }
        pending.removeSubrange(...newline)
      }
      if chunk.isEmpty { break }
      guard pending.count <= maxSize else {
        Console.error("error: \(path): line \(lineNumber + 1) is over the size limit of \(maxSize) bytes")
        throw ExitCode.failure
      }
    }
    if !pending.isEmpty {
      lineNumber += 1
      if !clean(record: pending[...], line: lineNumber, source: path) { failures += 1 }
    }
    if failures > 0 { throw ExitCode.failure }
  }

  /// Cleans one record and writes it; reports a bad record and returns false.
  private func clean(record: ArraySlice<UInt8>, line: Int, source: String) -> Bool {
    guard record.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { return true }
    guard let object = try? JSONSerialization.jsonObject(with: Data(record)) as? [String: Any],
      let text = object["text"] as? String
    else {
      Console.error("error: \(source): line \(line) is not a JSON object with a \"text\" string; skipped")
      return false
    }
    let document = pipeline.clean(Array(text.utf8))
    var output: [String: Any] = ["text": document.string]
    output["id"] = object["id"] ?? NSNull()
    output["metadata"] = [
      "title": document.metadata.title, "byline": document.metadata.byline, "date": document.metadata.date,
      "site": document.metadata.site, "source": document.metadata.source,
      "sourceURL": document.metadata.sourceURL,
    ]
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: output, options: [.sortedKeys, .withoutEscapingSlashes])
    else {
      Console.error("error: \(source): line \(line) could not be written as JSON; skipped")
      return false
    }
    Console.write(Array(data) + [0x0A])
    return true
  }
}
