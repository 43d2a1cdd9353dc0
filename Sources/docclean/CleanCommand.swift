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
      ({"id": …, "metadata": …, "text": …}, other fields kept), in order and in constant memory: \
      the filter for shell pipelines and for engines that pipe records through a command. A \
      record that cannot be cleaned comes back with an "error" field and its fields unchanged.
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

  @Option(
    help:
      "Refuse input larger than this many bytes (with --jsonl, a record's line; default: the config's maxSize, else 268435456)."
  )
  var maxSize: Int?

  @Flag(help: "With --jsonl, exit 0 even when records came back with an \"error\" field.")
  var allowRecordErrors = false

  @OptionGroup var configOptions: ConfigOptions
  @OptionGroup var profileOption: ProfileOption

  func run() throws {
    let profile = try profileOption.load()
    let config = try configOptions.load(rawFolder: file == "-" ? nil : FileIO.folder(of: file))
    let pipeline = try configOptions.pipeline(config, profile: profile ?? .empty)
    let maxSize = maxSize ?? config.maxSize ?? ConfigFile.defaultMaxSize
    if jsonl {
      let lines = JSONLines(pipeline: pipeline, maxSize: maxSize, withEdits: format == .json)
      let errors = try lines.run(path: file)
      if errors > 0 && !allowRecordErrors { throw ExitCode.failure }
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
    switch format {
    case .text:
      // Written as each segment of a long text is made: its memory stays that of a segment.
      pipeline.writeCleanText(of: bytes, to: Console.write)
    case .json:
      let document = pipeline.clean(bytes)
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

  /// An edit, in the order the stages made them: undoing each stage's edits in order, from
  /// the last stage to the first, gives back the raw bytes (as `restore` does).
  struct Edit: Encodable {
    var stage: String
    var rule: String
    var reason: String
    /// Where the edit starts in its stage's input.
    var offset: Int
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
    let places = Provenance.rawPositions(of: document.records, raw: raw)
    edits = zip(provenance.stages, places).flatMap { stage, places in
      zip(stage.edits, places).map { edit, place in
        let rule = provenance.rules[edit.rule]
        return Edit(
          stage: stage.stage, rule: rule.id, reason: rule.reason, offset: edit.offset, removed: edit.removed,
          inserted: edit.inserted, raw: place)
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
