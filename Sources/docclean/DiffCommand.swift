import ArgumentParser
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract:
      "Show a raw file against its clean text as a unified diff, coloured on a terminal (not with NO_COLOR).",
    discussion: "Give a clean file written by `docclean run`; its raw bytes come from its provenance."
  )

  @Argument(help: "A clean file with its .prov.json beside it.")
  var cleanFile: String

  @Option(help: "Lines of context around each change.")
  var context = 3

  @OptionGroup var colorOption: ColorOption

  func run() throws {
    let raw: [UInt8]
    let clean: [UInt8]
    do {
      raw = try Restorer.restore(cleanFile: cleanFile)
      clean = try FileIO.read(cleanFile)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    let colour = colorOption.isOn(for: 1)
    let lines = UnifiedDiff(
      old: Self.lines(raw), new: Self.lines(clean), oldName: cleanFile + " (raw, from its provenance)",
      newName: cleanFile,
      context: max(0, context)
    ).lines()
    for line in lines {
      guard colour else {
        Console.print(line)
        continue
      }
      let code = line.hasPrefix("@@") ? "36" : line.hasPrefix("-") ? "31" : line.hasPrefix("+") ? "32" : ""
      Console.print(code.isEmpty ? line : "\u{1B}[\(code)m\(line)\u{1B}[0m")
    }
  }

  static func lines(_ bytes: [UInt8]) -> [String] {
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// A unified diff of two lists of lines, from the standard library's collection difference.
struct UnifiedDiff {
  var old: [String]
  var new: [String]
  var oldName: String
  var newName: String
  var context: Int

  func lines() -> [String] {
    let difference = new.difference(from: old)
    guard !difference.isEmpty else { return [] }
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in difference {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    // Walk both sides together, as an edit script: removals from old, insertions into new.
    var script: [(kind: Character, text: String, oldIndex: Int, newIndex: Int)] = []
    var oldIndex = 0
    var newIndex = 0
    while oldIndex < old.count || newIndex < new.count {
      if oldIndex < old.count, removed.contains(oldIndex) {
        script.append(("-", old[oldIndex], oldIndex, newIndex))
        oldIndex += 1
      } else if newIndex < new.count, inserted.contains(newIndex) {
        script.append(("+", new[newIndex], oldIndex, newIndex))
        newIndex += 1
      } else {
        script.append((" ", old[oldIndex], oldIndex, newIndex))
        oldIndex += 1
        newIndex += 1
      }
    }
    var output = ["--- \(oldName)", "+++ \(newName)"]
    var index = 0
    while index < script.count {
      guard script[index].kind != " " else {
        index += 1
        continue
      }
      var start = max(0, index - context)
      var end = index
      // Extend the hunk while changes are closer than twice the context.
      var lastChange = index
      while end < script.count, end - lastChange <= 2 * context {
        if script[end].kind != " " { lastChange = end }
        end += 1
      }
      end = min(script.count, lastChange + context + 1)
      start = max(0, start)
      let hunk = script[start..<end]
      let oldCount = hunk.filter { $0.kind != "+" }.count
      let newCount = hunk.filter { $0.kind != "-" }.count
      let oldStart = (hunk.first?.oldIndex ?? 0) + (oldCount > 0 ? 1 : 0)
      let newStart = (hunk.first?.newIndex ?? 0) + (newCount > 0 ? 1 : 0)
      output.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
      output += hunk.map { String($0.kind) + $0.text }
      index = end
    }
    return output
  }
}
