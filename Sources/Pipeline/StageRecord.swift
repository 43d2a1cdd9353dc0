/// An edit as the pipeline applied it, kept with what it removed so that it can be undone.
public struct RecordedEdit: Sendable, Hashable {
  /// Where the edit starts, in bytes of the stage's input.
  public var offset: Int
  /// The bytes of the stage's input that the edit took out.
  ///
  /// A slice of the stage's input as the pipeline records it: the bytes are copied only when
  /// something asks for them on their own (a provenance file, an explanation).
  public var removed: ArraySlice<UInt8>
  /// The bytes the edit put in their place.
  public var inserted: [UInt8]
  /// The rule that made the edit.
  public var rule: Rule

  /// Creates a recorded edit.
  public init(offset: Int, removed: [UInt8], inserted: [UInt8], rule: Rule) {
    self.init(offset: offset, removed: removed[...], inserted: inserted, rule: rule)
  }

  /// Creates a recorded edit whose removed bytes are a slice of the stage's input.
  public init(offset: Int, removed: ArraySlice<UInt8>, inserted: [UInt8], rule: Rule) {
    self.offset = offset
    self.removed = removed
    self.inserted = inserted
    self.rule = rule
  }
}

/// The edits one stage made to one document, in the stage's input coordinates.
public struct StageRecord: Sendable, Hashable {
  /// The stage's id.
  public var stage: String
  /// The stage's version when it made the edits.
  public var version: Int
  /// The edits, sorted by offset and not overlapping.
  public var edits: [RecordedEdit]

  /// Creates a record.
  public init(stage: String, version: Int, edits: [RecordedEdit]) {
    self.stage = stage
    self.version = version
    self.edits = edits
  }

  /// Rebuilds the stage's input from its output by undoing every edit.
  ///
  /// Each edit's output position follows from the edits before it, so no other bookkeeping is
  /// needed. Throws when `output` does not hold what the edits inserted.
  public func undo(_ output: [UInt8]) throws(RestoreError) -> [UInt8] {
    guard !edits.isEmpty else { return output }
    var input: [UInt8] = []
    input.reserveCapacity(output.count - insertedCount + removedCount)
    var cursor = 0
    var delta = 0
    for edit in edits {
      let start = edit.offset + delta
      let end = start + edit.inserted.count
      guard start >= cursor, end <= output.count,
        output[start..<end].elementsEqual(edit.inserted)
      else {
        throw RestoreError.mismatch(stage: stage, offset: start)
      }
      input.append(contentsOf: output[cursor..<start])
      input.append(contentsOf: edit.removed)
      cursor = end
      delta += edit.inserted.count - edit.removed.count
    }
    input.append(contentsOf: output[cursor...])
    return input
  }

  private var insertedCount: Int { edits.reduce(0) { $0 + $1.inserted.count } }
  private var removedCount: Int { edits.reduce(0) { $0 + $1.removed.count } }
}

/// Why a clean text could not be turned back into its raw bytes.
public enum RestoreError: Error, CustomStringConvertible, Equatable {
  /// The text at `offset` of a stage's output is not what the stage's edit inserted there.
  case mismatch(stage: String, offset: Int)

  public var description: String { description(editedFile: true) }

  /// The message; where the clean text is known to be as docclean wrote it, without the
  /// question whether it was edited.
  public func description(editedFile: Bool) -> String {
    switch self {
    case .mismatch(let stage, let offset):
      return "the text does not match the recorded edits of stage '\(stage)' at byte \(offset)"
        + (editedFile ? "; was the clean file edited after docclean wrote it?" : "")
    }
  }
}
