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
  @OptionGroup var profileOption: ProfileOption

  func run() throws {
    let profile = try profileOption.load()
    let pipeline = try configOptions.pipeline(profile: profile ?? .empty)
    if jsonl {
      try JSONLines(pipeline: pipeline, maxSize: maxSize).run(path: file)
      return
    }
    let name = file == "-" ? "<stdin>" : file
    let bytes: [UInt8]
    do {
      if file == "-" {
        bytes = try FileIO.readStandardInput()
        try InputCheck.validate(bytes, path: name)
      } else {
        // A PDF is read by pdftotext; its text is what is cleaned.
        bytes = try PDFExtraction.read(file, limit: maxSize).text
      }
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    let document = pipeline.clean(bytes)
    switch format {
    case .text:
      Console.write(document.text)
    case .json:
      var report = CleanReport(document: document, raw: bytes, name: name, ruleset: pipeline.fingerprint)
      report.profile = profile.map {
        Provenance.ProfileFacts(sha256: $0.sha256, files: $0.fileCount, view: $0.view(of: bytes))
      }
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
  /// The batch profile given with `--profile`, and this file's view of it.
  var profile: Provenance.ProfileFacts?

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

/// Cleans a stream of JSON records, one per line, holding one chunk of input in memory at a time.
struct JSONLines {
  var pipeline: Pipeline
  var maxSize: Int

  /// Reads records from `path` (`-` for standard input) and writes one cleaned record per line.
  ///
  /// Output is written whenever the input read so far is used up, so a program that sends one
  /// record and waits for its answer gets it.
  func run(path: String) throws {
    let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
    guard descriptor >= 0 else {
      Console.error("error: \(path): cannot read it; check that it exists and that you may read it")
      throw ExitCode.failure
    }
    defer { if descriptor != 0 { close(descriptor) } }
    var failures = 0
    var lineNumber = 0
    var pending: [UInt8] = []
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else {
        Console.error("error: \(path): cannot read it (\(String(cString: strerror(errno))))")
        throw ExitCode.failure
      }
      if count == 0 { break }
      pending.append(contentsOf: chunk[..<count])
      var start = 0
      while let newline = pending[start...].firstIndex(of: 0x0A) {
        lineNumber += 1
        if !clean(record: pending[start..<newline], line: lineNumber, source: path, into: &output) {
          failures += 1
        }
        start = newline + 1
      }
      pending.removeSubrange(..<start)
      Console.write(output)
      output.removeAll(keepingCapacity: true)
      guard pending.count <= maxSize else {
        Console.error("error: \(path): line \(lineNumber + 1) is over the size limit of \(maxSize) bytes")
        throw ExitCode.failure
      }
    }
    if !pending.isEmpty {
      lineNumber += 1
      if !clean(record: pending[...], line: lineNumber, source: path, into: &output) { failures += 1 }
      Console.write(output)
    }
    if failures > 0 { throw ExitCode.failure }
  }

  /// Cleans one record and appends it to `output`; reports a bad record and returns false.
  private func clean(record: ArraySlice<UInt8>, line: Int, source: String, into output: inout [UInt8]) -> Bool
  {
    guard record.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { return true }
    guard let parsed = JSONBytes.record(in: record) else {
      Console.error("error: \(source): line \(line) is not a JSON object with a \"text\" string; skipped")
      return false
    }
    let document = pipeline.clean(parsed.text)
    let metadata = document.metadata
    output.append(contentsOf: #"{"id":"#.utf8)
    output.append(contentsOf: parsed.idJSON)
    let fields = [
      ("byline", metadata.byline), ("date", metadata.date), ("site", metadata.site),
      ("source", metadata.source),
      ("sourceURL", metadata.sourceURL), ("title", metadata.title),
    ]
    for (index, (name, value)) in fields.enumerated() {
      output.append(contentsOf: (index == 0 ? #","metadata":{""# : #",""#).utf8)
      output.append(contentsOf: name.utf8)
      output.append(contentsOf: #"":"#.utf8)
      JSONBytes.appendString(value, to: &output)
    }
    output.append(contentsOf: #"},"text":"#.utf8)
    JSONBytes.appendString(document.text, to: &output)
    output.append(contentsOf: "}\n".utf8)
    return true
  }
}
