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
    let explained: Explained
    do {
      explained = try self.explained()
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    let records = explained.records
    let total = records.reduce(0) { $0 + $1.edits.count }
    Console.print(
      "\(file): \(total) \(total == 1 ? "edit" : "edits") by \(records.count { !$0.edits.isEmpty }) of "
        + "\(records.count) stages")
    if explained.raw == nil {
      Console.print(
        "(the clean file changed since docclean wrote it: places are offsets in each stage's input)")
    }
    let places = explained.raw.map { Provenance.rawPositions(of: records, raw: $0) }
    for (stageIndex, record) in records.enumerated() where !record.edits.isEmpty {
      Console.print("")
      Console.print("\(record.stage) (\(record.edits.count))")
      for (editIndex, edit) in record.edits.enumerated() {
        let place = places.map { "\($0[stageIndex][editIndex].line):\($0[stageIndex][editIndex].column)" }
        let before = Self.shown(Array(edit.removed))
        let after = Self.shown(edit.inserted)
        Console.print(
          "  \(place ?? "@\(edit.offset)")  \(edit.rule.id)  \(before) → \(after)  \(edit.rule.reason)")
      }
    }
  }

  /// The edits of a file, and the raw bytes they were made to; nil when they cannot be
  /// restored because the clean file was changed.
  private struct Explained {
    var records: [StageRecord]
    var raw: [UInt8]?
  }

  /// The edits from the file's provenance, with the raw bytes restored from them, or from
  /// cleaning the file now.
  private func explained() throws -> Explained {
    let provenancePath = OutputNames.provenancePath(forText: file)
    if file.hasSuffix(".txt"), FileIO.exists(provenancePath) {
      let records: [StageRecord]
      do {
        records = try Provenance.decode(FileIO.read(provenancePath)).records
      } catch let error as DocCleanError {
        throw error
      } catch {
        throw DocCleanError.invalidProvenance(path: provenancePath, reason: "\(error)")
      }
      // The raw positions follow from the raw bytes, which the edits rebuild.
      let text = try FileIO.read(file)
      return Explained(records: records, raw: try? Pipeline.restore(text, records: records))
    }
    let raw = try FileIO.read(file)
    let pipeline = try configOptions.pipeline(configOptions.load(rawFolder: FileIO.folder(of: file)))
    return Explained(records: pipeline.clean(raw).records, raw: raw)
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
