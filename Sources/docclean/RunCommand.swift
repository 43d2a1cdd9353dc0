import ArgumentParser
import Foundation
import Pipeline
import Stages

struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Clean every file of a raw folder into a clean folder, with provenance.",
    discussion: """
      First gathers the batch profile (how many files hold each line; or reads the one \
      --profile names), then cleans. Only files whose raw bytes, ruleset or view of the profile \
      (the recurrence of their own lines) changed are cleaned again; the others are counted as \
      unchanged. Subfolders are cleaned into the same structure. The raw folder is never \
      written. On a terminal a progress line shows files/s and MB/s.
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

  @Flag(help: "Remove the outputs of raw files that are gone.")
  var prune = false

  @Option(
    help: "Refuse raw files larger than this many bytes (default: the config's maxSize, else 268435456).")
  var maxSize: Int?

  @Flag(name: .shortAndLong, help: "Print only errors and the summary.")
  var quiet = false

  @Flag(help: "Print the summary as JSON on standard output.")
  var json = false

  @OptionGroup var configOptions: ConfigOptions
  @OptionGroup var profileOption: ProfileOption

  func run() async throws {
    let jobs = jobs ?? BatchOptions.coreCount
    let config = try configOptions.load(rawFolder: raw)
    let maxSize = maxSize ?? config.maxSize ?? ConfigFile.defaultMaxSize
    let profile = try await batchProfile(jobs: jobs, maxSize: maxSize)
    let options = BatchOptions(
      rawRoot: raw, cleanRoot: out, jobs: jobs, force: force, maxSize: maxSize, prune: prune, profile: profile
    )
    let runner = BatchRunner(pipeline: try configOptions.pipeline(config, profile: profile), options: options)
    let display = ProgressDisplay(quiet: quiet, isTerminal: isatty(2) == 1)
    let interrupt = Self.onInterrupt(display: display, cleanFolder: out)
    defer { interrupt.cancel() }
    let summary: BatchSummary
    do {
      summary = try await runner.run { outcome, progress in display.report(outcome, progress) }
    } catch {
      display.finish()
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    display.finish()
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      Console.write(Array(try encoder.encode(summary)) + [0x0A])
    } else {
      for orphan in summary.removed {
        Console.error(
          "\(prune ? "removed" : "raw file gone for") \(out)/\(orphan)\(prune ? "" : " (--prune removes it)")"
        )
      }
      Console.print(describe(summary))
    }
    if summary.failed > 0 { throw ExitCode.failure }
  }

  /// The profile `--profile` names, or else the one gathered from the raw folder.
  /// On Ctrl-C, says what was finished, gives up the clean folder's lock and exits 130; the
  /// files written so far are whole, as every write is atomic.
  private static func onInterrupt(display: ProgressDisplay, cleanFolder: String) -> any DispatchSourceSignal {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      Console.error(display.interrupted())
      unlink(cleanFolder + "/.docclean.lock")
      Foundation.exit(130)
    }
    source.resume()
    return source
  }

  private func batchProfile(jobs: Int, maxSize: Int) async throws -> BatchProfile {
    if let given = try profileOption.load() { return given }
    do {
      // A file left out of the profile is reported when the run comes to clean it.
      return try await BatchRunner.gatherProfile(rawRoot: raw, jobs: jobs, maxSize: maxSize).profile
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
  }

  private func describe(_ summary: BatchSummary) -> String {
    let total = summary.cleaned + summary.unchanged + summary.failed
    var line =
      "\(total) files: \(summary.cleaned) cleaned, \(summary.unchanged) unchanged, \(summary.failed) failed"
    if !summary.removed.isEmpty { line += ", \(summary.removed.count) \(prune ? "removed" : "orphaned")" }
    if summary.cleaned == 0 && summary.failed == 0 {
      line += "; nothing to do, \(out)/ is up to date"
    }
    let edits = summary.editsByStage.values.reduce(0, +)
    if edits > 0 {
      let byStage = summary.editsByStage.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
        "\($0.key) \($0.value)"
      }
      line += "; \(edits) edits (\(byStage.joined(separator: ", ")))"
    }
    if summary.unresolved > 0 { line += "; \(summary.unresolved) unresolved" }
    let megabytes = Double(summary.bytes) / 1_000_000
    let rate = summary.seconds > 0 ? megabytes / summary.seconds : 0
    line += " (\(Format.decimal(megabytes, places: 2)) MB in \(Format.decimal(summary.seconds, places: 2)) s"
    line += rate > 0 ? ", \(Format.decimal(rate, places: 1)) MB/s)" : ")"
    return line
  }
}

/// What a run prints while it works: a progress line on a terminal, a line per file otherwise.
final class ProgressDisplay: @unchecked Sendable {
  let quiet: Bool
  let isTerminal: Bool
  /// The state the batch's reports and an interrupt share.
  private let lock = NSLock()
  private var lastDraw = 0.0
  private var drawn = false
  private var latest: BatchProgress?
  private var cleaned = 0
  private var failed = 0

  init(quiet: Bool, isTerminal: Bool) {
    self.quiet = quiet
    self.isTerminal = isTerminal
  }

  func report(_ outcome: FileOutcome, _ progress: BatchProgress) {
    lock.lock()
    defer { lock.unlock() }
    latest = progress
    switch outcome.status {
    case .failed(let error):
      failed += 1
      clear()
      Console.error("error: \(error)")
    case .cleaned(let revision):
      cleaned += 1
      guard !quiet && !isTerminal else { break }
      let edits = outcome.editsByStage.values.reduce(0, +)
      Console.error(
        "cleaned \(outcome.path) (revision \(revision), \(edits) \(edits == 1 ? "edit" : "edits"))")
    default:
      break
    }
    guard !quiet, isTerminal, progress.seconds - lastDraw >= 0.1 || progress.done == progress.total else {
      return
    }
    lastDraw = progress.seconds
    draw(progress)
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    clear()
  }

  /// What an interrupted run says before it stops: the files it finished, whose outputs are
  /// whole, and that the next run finishes the job.
  func interrupted() -> String {
    lock.lock()
    defer { lock.unlock() }
    // The terminal has echoed ^C onto the progress line; the line goes.
    if isTerminal { FileIO.writeAll(Array("\r\u{1B}[K".utf8), toDescriptor: 2) }
    drawn = false
    let done = latest?.done ?? 0
    let total = latest.map { String($0.total) } ?? "?"
    return "interrupted: \(done) of \(total) files done (\(cleaned) cleaned, \(failed) failed); "
      + "their outputs are whole, and `docclean run` again finishes the rest"
  }

  private func draw(_ progress: BatchProgress) {
    let line = Self.line(for: progress, columns: Terminal.columns(of: 2))
    FileIO.writeAll(Array("\r\(line)\u{1B}[K".utf8), toDescriptor: 2)
    drawn = true
  }

  /// The progress line, narrower than `columns` so that the terminal never wraps it: the bar
  /// shrinks first, then the rates go.
  static func line(for progress: BatchProgress, columns: Int) -> String {
    let seconds = max(progress.seconds, 0.001)
    let files = Format.decimal(Double(progress.done) / seconds, places: 1)
    let megabytes = Format.decimal(Double(progress.bytes) / 1_000_000 / seconds, places: 2)
    let count = "\(progress.done)/\(progress.total) files"
    let room = columns - 1
    let candidates = [
      "\(count)  \(files) files/s  \(megabytes) MB/s", "\(count)  \(megabytes) MB/s", count,
      "\(progress.done)/\(progress.total)",
    ]
    let text = candidates.first { $0.count <= room } ?? String(candidates[candidates.count - 1].prefix(room))
    let barWidth = min(24, room - text.count - 3)
    guard barWidth >= 5 else { return text }
    let filled = progress.total > 0 ? progress.done * barWidth / progress.total : barWidth
    return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: barWidth - filled)
      + "] "
      + text
  }

  private func clear() {
    guard drawn else { return }
    FileIO.writeAll(Array("\r\u{1B}[K".utf8), toDescriptor: 2)
    drawn = false
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
