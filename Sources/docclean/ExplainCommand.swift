import ArgumentParser
import Pipeline
import Stages

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show every edit of a file: where, before and after, the rule and why.",
    discussion: """
      Give a clean file written by `docclean run` (its provenance is read), or any other file \
      (it is cleaned in memory). Positions are line:column in the raw file.
      """
  )

  @Argument(help: "A clean file with its .prov.json beside it, or a raw file.")
  var file: String

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let stages: [Provenance.StageEntry]
    do {
      stages = try entries()
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    let total = stages.reduce(0) { $0 + $1.edits.count }
    let used = stages.filter { !$0.edits.isEmpty }
    Console.print(
      "\(file): \(total) \(total == 1 ? "edit" : "edits") by \(used.count) of \(stages.count) stages")
    for stage in used {
      Console.print("")
      Console.print("\(stage.stage) (\(stage.edits.count))")
      for edit in stage.edits {
        let before = Self.shown(edit.removed.bytes)
        let after = Self.shown(edit.inserted.bytes)
        Console.print(
          "  \(edit.raw.line):\(edit.raw.column)  \(edit.rule)  \(before) → \(after)  \(edit.reason)")
      }
    }
  }

  /// The stage entries from the file's provenance, or from cleaning it now.
  private func entries() throws -> [Provenance.StageEntry] {
    let provenancePath = OutputNames.provenancePath(forText: file)
    if file.hasSuffix(".txt"), FileIO.exists(provenancePath) {
      do {
        return try Provenance.decode(FileIO.read(provenancePath)).stages
      } catch let error as DocCleanError {
        throw error
      } catch {
        throw DocCleanError.invalidProvenance(path: provenancePath, reason: "\(error)")
      }
    }
    let raw = try FileIO.read(file)
    let pipeline = try configOptions.pipeline(configOptions.load(rawFolder: FileIO.folder(of: file)))
    let document = pipeline.clean(raw)
    return Provenance(
      document: document, raw: raw, sourceSHA256: SHA256Digest.hex(of: raw), sourcePath: file,
      outputPath: file, ruleset: pipeline.fingerprint, previous: nil
    ).stages
  }

  /// Bytes quoted for one line of output: control characters escaped, long text shortened.
  static func shown(_ bytes: [UInt8]) -> String {
    guard UTF8Scan.isValid(bytes) else {
      return "<" + bytes.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ") + ">"
    }
    var text = ""
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      switch scalar {
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "\u{A0}": text += "\\u{A0}"
      default: text.unicodeScalars.append(scalar)
      }
    }
    if text.count > 60 { text = String(text.prefix(57)) + "…" }
    return "‘" + text + "’"
  }
}
