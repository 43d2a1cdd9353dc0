import ArgumentParser
import Foundation
import Pipeline
import Stages

/// Cleans a stream of JSON records, one per line, holding one chunk of input in memory at a time.
///
/// Every input line gives exactly one output line, in order, so that an engine that pipes
/// records through the command (Spark's `RDD.pipe`) gets as many back as it sent. A line that
/// cannot be cleaned (not a JSON object, no `text` string, empty, over the size limit) comes
/// back with an `error` member and its fields as they were. Members other than `id` and `text`
/// pass through; those named as docclean's own (`metadata`, `edits`, `unresolved`,
/// `warnings`, `error`) are replaced.
struct JSONLines {
  var pipeline: Pipeline
  var maxSize: Int
  /// Whether each record gets the `edits`, `unresolved` and `warnings` of `clean --format json`.
  var withEdits: Bool

  /// Records with an error named on standard error, at most; the output names them all.
  static let reportedErrors = 20

  /// The members that docclean writes, which an input record's own copies do not survive.
  static let ownKeys: Set<[UInt8]> = Set(
    ["metadata", "edits", "unresolved", "warnings", "error"].map { Array($0.utf8) })

  /// Reads records from `path` (`-` for standard input), writes one line for each, and returns
  /// how many came back with an error.
  ///
  /// Output is written whenever the input read so far is used up, so a program that sends one
  /// record and waits for its answer gets it.
  func run(path: String) throws -> Int {
    let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
    guard descriptor >= 0 else {
      Console.error("error: \(path): cannot read it; check that it exists and that you may read it")
      throw ExitCode.failure
    }
    defer { if descriptor != 0 { close(descriptor) } }
    var stream = Stream(source: path)
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else {
        Console.error("error: \(path): cannot read it (\(String(cString: strerror(errno))))")
        throw ExitCode.failure
      }
      if count == 0 { break }
      feed(chunk[..<count], into: &stream)
      Console.write(stream.output)
      stream.output.removeAll(keepingCapacity: true)
    }
    if !stream.pending.isEmpty && !stream.skipping {
      stream.line += 1
      // A last line without a newline has been checked against the limit already.
      clean(record: stream.pending[...], into: &stream)
      Console.write(stream.output)
    }
    if stream.errors > Self.reportedErrors {
      Console.error(
        "error: \(path): \(stream.errors) records in all came back with an \"error\" field; the first "
          + "\(Self.reportedErrors) are named above")
    }
    return stream.errors
  }

  /// What a run carries from one chunk of input to the next.
  struct Stream {
    var source: String
    var pending: [UInt8] = []
    var output: [UInt8] = []
    var line = 0
    var errors = 0
    /// Whether the rest of the current line is being read past, as it is over the size limit.
    var skipping = false
  }

  private func feed(_ chunk: ArraySlice<UInt8>, into stream: inout Stream) {
    var rest = chunk
    if stream.skipping {
      guard let newline = rest.firstIndex(of: 0x0A) else { return }
      stream.skipping = false
      rest = rest[(newline + 1)...]
    }
    stream.pending.append(contentsOf: rest)
    var start = 0
    while let newline = Self.lineFeed(in: stream.pending, from: start) {
      stream.line += 1
      if newline - start > maxSize {
        failOversize(into: &stream)
      } else {
        clean(record: stream.pending[start..<newline], into: &stream)
      }
      start = newline + 1
    }
    stream.pending.removeSubrange(..<start)
    guard stream.pending.count > maxSize else { return }
    stream.line += 1
    failOversize(into: &stream)
    stream.pending.removeAll()
    stream.skipping = true
  }

  /// The index of the first line feed in `bytes` from `start` on, found with `memchr`: a
  /// record is mostly text, read past at memory speed rather than byte by byte.
  private static func lineFeed(in bytes: [UInt8], from start: Int) -> Int? {
    guard start < bytes.count else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, buffer.count - start) else {
        return nil
      }
      return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
  }

  private func failOversize(into stream: inout Stream) {
    fail(
      "over the size limit of \(maxSize) bytes (--max-size)", id: nil, members: [],
      into: &stream)
  }

  /// Cleans one line's record and appends its line to the output.
  private func clean(record line: ArraySlice<UInt8>, into stream: inout Stream) {
    guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else {
      fail("an empty line", id: nil, members: [], into: &stream)
      return
    }
    guard let record = JSONBytes.record(in: line) else {
      var input: [UInt8] = Array(#""input":"#.utf8)
      JSONBytes.appendString(Decoding.repaired(line), to: &input)
      fail("not a JSON object", id: nil, members: [input[...]], into: &stream)
      return
    }
    let kept = zip(record.others, record.otherKeys).filter { !Self.ownKeys.contains($0.1) }.map(\.0)
    guard let text = record.text else {
      fail(
        "no \"text\" string", id: record.idJSON,
        members: kept + [record.nonStringText].compactMap { $0 }, into: &stream)
      return
    }
    let document = pipeline.clean(text)
    // The output is taken out of the stream while this record is written, so that appending
    // to it never copies what the chunk's earlier records wrote.
    var output: [UInt8] = []
    swap(&output, &stream.output)
    defer { swap(&output, &stream.output) }
    output.append(contentsOf: #"{"id":"#.utf8)
    output.append(contentsOf: record.idJSON)
    for member in kept {
      output.append(0x2C)
      output.append(contentsOf: Decoding.repaired(member))
    }
    appendMetadata(document.metadata, to: &output)
    if withEdits {
      appendEdits(of: document, raw: text, name: "\(stream.source):\(stream.line)", to: &output)
    }
    output.append(contentsOf: #","text":"#.utf8)
    JSONBytes.appendString(document.text, to: &output)
    output.append(contentsOf: "}\n".utf8)
  }

  /// Appends a line for a record that could not be cleaned: its id, its members as they were,
  /// and the error; and reports it with its line number. The record's own error names no
  /// line, which means nothing to an engine that splits the stream.
  private func fail(_ message: String, id: [UInt8]?, members: [ArraySlice<UInt8>], into stream: inout Stream)
  {
    stream.errors += 1
    if stream.errors <= Self.reportedErrors {
      Console.error(
        "error: \(stream.source): line \(stream.line): \(message); written with an \"error\" field")
    }
    stream.output.append(contentsOf: #"{"id":"#.utf8)
    stream.output.append(contentsOf: id ?? Array("null".utf8))
    for member in members {
      stream.output.append(0x2C)
      stream.output.append(contentsOf: Decoding.repaired(member))
    }
    stream.output.append(contentsOf: #","error":"#.utf8)
    JSONBytes.appendString(message, to: &stream.output)
    stream.output.append(contentsOf: "}\n".utf8)
  }

  private func appendMetadata(_ metadata: DocumentMetadata, to output: inout [UInt8]) {
    let fields = [
      ("byline", metadata.byline), ("date", metadata.date), ("site", metadata.site),
      ("source", metadata.source), ("sourceURL", metadata.sourceURL), ("title", metadata.title),
    ]
    for (index, (name, value)) in fields.enumerated() {
      output.append(contentsOf: (index == 0 ? #","metadata":{""# : #",""#).utf8)
      output.append(contentsOf: name.utf8)
      output.append(contentsOf: #"":"#.utf8)
      JSONBytes.appendString(value, to: &output)
    }
    output.append(0x7D)
  }

  /// Appends the `edits`, `unresolved` and `warnings` of `clean --format json`, on one line.
  private func appendEdits(of document: CleanedDocument, raw: [UInt8], name: String, to output: inout [UInt8])
  {
    let report = CleanReport(document: document, raw: raw, name: name, ruleset: pipeline.fingerprint)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding values this program made cannot fail; an empty list stands in if it ever did.
    let encoded = { (value: any Encodable) -> [UInt8] in
      (try? encoder.encode(value)).map { Array($0) } ?? Array("[]".utf8)
    }
    output.append(contentsOf: #","edits":"#.utf8)
    output.append(contentsOf: encoded(report.edits))
    output.append(contentsOf: #","unresolved":"#.utf8)
    output.append(contentsOf: encoded(report.unresolved))
    output.append(contentsOf: #","warnings":"#.utf8)
    output.append(contentsOf: encoded(report.warnings))
  }
}
