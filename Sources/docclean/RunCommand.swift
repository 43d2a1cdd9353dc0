import ArgumentParser
import Pipeline
import Stages

struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Clean every file of a raw folder into a clean folder, with provenance.",
    discussion: """
      Only files whose raw bytes or whose ruleset changed are cleaned again; the others are \
      counted as unchanged. The raw folder is never written.
      """
  )

  @Argument(help: "The folder of raw dumps.")
  var raw = "raw"

  @Option(name: .long, help: "The folder that receives clean text and provenance.")
  var out = "clean"

  @Option(name: .shortAndLong, help: "How many files to clean at once (default: all cores).")
  var jobs: Int?

  @Flag(help: "Clean every file again, even when it is up to date.")
  var force = false

  @Option(help: "Refuse raw files larger than this many bytes.")
  var maxSize = 256 << 20

  @Flag(name: .shortAndLong, help: "Print only errors and the summary.")
  var quiet = false

  @OptionGroup var configOptions: ConfigOptions

  func run() async throws {
    let options = BatchOptions(
      rawRoot: raw, cleanRoot: out, jobs: jobs ?? BatchOptions.coreCount, force: force, maxSize: maxSize)
    let runner = BatchRunner(pipeline: try configOptions.pipeline(), options: options)
    let summary: BatchSummary
    do {
      summary = try await runner.run { outcome in report(outcome) }
    } catch {
      Console.error("docclean: \(error)")
      throw ExitCode.failure
    }
    Console.print(describe(summary))
    if summary.failed > 0 { throw ExitCode.failure }
  }

  private func report(_ outcome: FileOutcome) {
    switch outcome.status {
    case .failed(let error):
      Console.error("error: \(error)")
    case .cleaned(let revision):
      guard !quiet else { return }
      let edits = outcome.editsByStage.values.reduce(0, +)
      Console.error(
        "cleaned \(outcome.path) (revision \(revision), \(edits) \(edits == 1 ? "edit" : "edits"))")
    case .unchanged:
      return
    }
  }

  private func describe(_ summary: BatchSummary) -> String {
    let total = summary.cleaned + summary.unchanged + summary.failed
    var line =
      "\(total) files: \(summary.cleaned) cleaned, \(summary.unchanged) unchanged, \(summary.failed) failed"
    if summary.cleaned == 0 && summary.failed == 0 {
      line += "; nothing to do, \(out)/ is up to date"
    }
    let megabytes = Double(summary.bytes) / 1_000_000
    line += " (\(Format.decimal(megabytes, places: 2)) MB in \(Format.decimal(summary.seconds, places: 2)) s)"
    return line
  }
}

enum Format {
  /// Formats a number with a fixed count of decimal places.
  static func decimal(_ value: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(abs(scaled) % Int(scale))
    guard places > 0 else { return String(whole) }
    return "\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
  }
}
