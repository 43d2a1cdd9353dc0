/// A stage's edits made again on the text they leave until they leave nothing to do, given as
/// one set of edits on the stage's input: how a stage whose own edits can expose more of its
/// work (markup around markup) reaches a fixed point in one pass of the pipeline.
public enum SettledEdits {
  /// The edits that take `text` to the fixed point of `propose`, at most `rounds` rounds on.
  ///
  /// Edits of a later round that fall beside an earlier round's are kept apart, each with its
  /// own rule; those that touch what an earlier round wrote are merged with it, named after
  /// the earlier rule. If the merged edits would not make the same text (they always should),
  /// the first round's edits are given alone.
  public static func edits(
    for text: [UInt8], rounds: Int, propose: ([UInt8]) -> [TextEdit]
  ) -> [TextEdit] {
    let first = Pipeline.validated(propose(text), in: text, requireUTF8: false).edits
    guard !first.isEmpty, rounds > 1 else { return first }
    var current = Pipeline.apply(first, to: text)
    var made: [[TextEdit]] = [first]
    var maps = [OffsetMap(StageRecord(stage: "", version: 0, edits: current.1))]
    for _ in 1..<rounds {
      let next = Pipeline.validated(propose(current.0), in: current.0, requireUTF8: false).edits
      guard !next.isEmpty else { break }
      let applied = Pipeline.apply(next, to: current.0)
      made.append(next)
      maps.append(OffsetMap(StageRecord(stage: "", version: 0, edits: applied.1)))
      current = applied
    }
    guard made.count > 1 else { return first }
    let composed = merged(made, maps: maps, final: current.0)
    guard Pipeline.apply(composed, to: text).0 == current.0 else { return first }
    return composed
  }

  /// Every round's edits in the coordinates of the first text, overlapping ones merged, each
  /// replaced by what the final text has in its place.
  private static func merged(_ rounds: [[TextEdit]], maps: [OffsetMap], final: [UInt8]) -> [TextEdit] {
    var spans: [(range: Range<Int>, edit: TextEdit, round: Int)] = []
    for (round, edits) in rounds.enumerated() {
      for edit in edits {
        var start = edit.range.lowerBound
        var end = edit.range.upperBound
        for map in maps[..<round].reversed() {
          start = map.backward(start)
          end = map.backward(end, roundingUp: true)
        }
        spans.append((start..<max(start, end), edit, round))
      }
    }
    spans.sort { ($0.range.lowerBound, $0.round) < ($1.range.lowerBound, $1.round) }
    var groups: [(range: Range<Int>, edit: TextEdit)] = []
    for span in spans {
      if let last = groups.last, Self.touch(last.range, span.range) {
        groups[groups.count - 1].range =
          last.range.lowerBound..<max(last.range.upperBound, span.range.upperBound)
        continue
      }
      groups.append((span.range, span.edit))
    }
    return groups.map { group in
      let start = maps.reduce(group.range.lowerBound) { $1.forward($0) }
      let end = maps.reduce(group.range.upperBound) { $1.forward($0, roundingUp: true) }
      return TextEdit(
        range: group.range, replacement: Array(final[start..<max(start, end)]), rule: group.edit.rule)
    }
  }

  /// Whether two spans must be one edit: they overlap, or one is an insertion at the other's
  /// edge.
  private static func touch(_ earlier: Range<Int>, _ later: Range<Int>) -> Bool {
    later.lowerBound < earlier.upperBound
      || (later.lowerBound == earlier.upperBound && (earlier.isEmpty || later.isEmpty))
  }
}
