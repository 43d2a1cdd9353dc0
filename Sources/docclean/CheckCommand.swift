import ArgumentParser
import Foundation
import Pipeline
import Stages

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Fail when a clean folder holds text that is dirty or stale.",
    discussion: """
      Checks every clean text against the spec (NFC, line endings, BOM, white space, layout, \
      mojibake, lost punctuation not recorded as unresolved, markup residue) and against its \
      provenance (the text's hash, the ruleset, whether its edits rebuild the raw file, and \
      with --raw the raw file, and raw files never cleaned). Prints \
      path:line:col: rule: message for each finding and exits 1 when there is any.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, github
  }

  @Argument(help: "The clean folder.")
  var clean = "clean"

  @Option(help: "The raw folder, to find clean files whose raw file changed or is gone.")
  var raw: String?

  @Option(help: "text, or github for GitHub Actions annotations.")
  var format: Format = .text

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    // Without --raw the raw folder's config is not found; --config gives it.
    let fingerprint = try configOptions.pipeline(configOptions.load(rawFolder: raw)).fingerprint
    let listing: (files: [String], errors: [DocCleanError])
    do {
      listing = try FileIO.listFiles(under: clean)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    var count = 0
    for error in listing.errors {
      report(path: clean, line: 1, column: 1, rule: "unreadable", message: "\(error)")
      count += 1
    }
    let texts = listing.files.filter { $0.hasSuffix(".txt") }
    for relative in texts {
      count += check(relative, fingerprint: fingerprint)
    }
    if let raw {
      count += uncleaned(raw, texts: Set(texts))
    }
    Console.print("\(texts.count) clean files checked, \(count) findings")
    if count > 0 { throw ExitCode.failure }
  }

  /// Checks one clean file and prints its findings; returns how many there were.
  private func check(_ relative: String, fingerprint: String) -> Int {
    let path = clean + "/" + relative
    var findings: [(offset: Int, rule: String, message: String)] = []
    let text: [UInt8]
    do {
      text = try FileIO.read(path)
    } catch {
      report(path: path, line: 1, column: 1, rule: "unreadable", message: "\(error)")
      return 1
    }
    let provenancePath = OutputNames.provenancePath(forText: path)
    let provenance = try? Provenance.Summary.decode(FileIO.read(provenancePath))
    if let provenance {
      findings += staleness(text, provenance, fingerprint: fingerprint)
      // Edits that no longer rebuild the raw file are found only by rebuilding it.
      if findings.isEmpty, let broken = rebuildFinding(path, text: text) { findings.append(broken) }
    } else {
      findings.append((0, "stale.provenance", "no readable provenance beside it; run `docclean run --force`"))
    }
    // Text that the current pipeline made, unchanged since and settled, passes the stages'
    // own checks by construction; what any text must hold is still checked.
    let vouched = provenance.map { findings.isEmpty && $0.warnings.isEmpty } ?? false
    let unresolved = provenance?.unresolved.map { $0.output.offset..<$0.output.offset + $0.length } ?? []
    findings += CleanTextCheck.findings(in: text, unresolved: unresolved, invariantsOnly: vouched).map {
      ($0.offset, $0.rule, $0.message)
    }
    guard !findings.isEmpty else { return 0 }
    let lineStarts = UTF8Scan.lineStarts(text)
    for finding in findings {
      let place = LineColumn(offset: finding.offset, in: text, lineStarts: lineStarts)
      report(path: path, line: place.line, column: place.column, rule: finding.rule, message: finding.message)
    }
    return findings.count
  }

  /// Reports each raw file that has no clean text; returns how many there were.
  private func uncleaned(_ raw: String, texts: Set<String>) -> Int {
    let listing: (files: [String], errors: [DocCleanError])
    do {
      listing = try FileIO.listFiles(under: raw)
    } catch {
      report(path: raw, line: 1, column: 1, rule: "unreadable", message: "\(error)")
      return 1
    }
    let missing = listing.files.filter {
      !texts.contains(OutputNames(relative: $0, cleanRoot: clean).textRelative)
    }
    for relative in missing {
      let output = clean + "/" + OutputNames(relative: relative, cleanRoot: clean).textRelative
      report(
        path: raw + "/" + relative, line: 1, column: 1, rule: "stale.uncleaned",
        message: "it has no clean text (\(output)); run `docclean run` to clean it")
    }
    return missing.count
  }

  /// Whether the provenance's edits rebuild the raw file, as `restore` would; a finding if not.
  private func rebuildFinding(_ path: String, text: [UInt8]) -> (offset: Int, rule: String, message: String)?
  {
    do {
      _ = try Restorer.restore(cleanFile: path, text: text)
      return nil
    } catch {
      return (
        0, "stale.provenance-broken",
        "its provenance does not rebuild the raw file (\(error)); run `docclean run --force` to clean it again"
      )
    }
  }

  private func staleness(
    _ text: [UInt8], _ provenance: Provenance.Summary, fingerprint: String
  ) -> [(offset: Int, rule: String, message: String)] {
    var findings: [(Int, String, String)] = []
    if SHA256Digest.hex(of: text) != provenance.output.sha256 {
      findings.append(
        (0, "stale.text", "the text does not match its provenance; it was edited after docclean wrote it"))
    }
    if provenance.ruleset != fingerprint {
      findings.append((0, "stale.ruleset", "made with another ruleset; run `docclean run` to clean it again"))
    }
    if provenance.schemaVersion != Provenance.currentSchemaVersion {
      findings.append(
        (
          0, "stale.schema",
          "its provenance has schema \(provenance.schemaVersion); run `docclean run` to write schema "
            + "\(Provenance.currentSchemaVersion)"
        ))
    }
    if let raw {
      let rawPath = raw + "/" + provenance.source.path
      let bytes = try? FileIO.read(rawPath)
      if bytes == nil, !FileIO.exists(rawPath) {
        findings.append(
          (0, "stale.raw-missing", "its raw file \(rawPath) is gone; `docclean run --prune` removes it"))
      } else if let bytes,
        bytes.count != provenance.source.size || SHA256Digest.hex(of: bytes) != provenance.source.sha256
      {
        findings.append(
          (0, "stale.raw-changed", "its raw file \(rawPath) changed; run `docclean run` to clean it again"))
      }
    }
    return findings
  }

  private func report(path: String, line: Int, column: Int, rule: String, message: String) {
    switch format {
    case .text:
      Console.print("\(path):\(line):\(column): \(rule): \(message)")
    case .github:
      Console.print(
        "::error file=\(Self.property(path)),line=\(line),col=\(column),title=\(Self.property(rule))::"
          + Self.data(message))
    }
  }

  /// A GitHub workflow command's message, escaped as the runner reads it.
  static func data(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// A GitHub workflow command's property value, which must also escape `:` and `,`.
  static func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
