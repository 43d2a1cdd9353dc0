/// Maps byte offsets between a stage's input and output.
///
/// A stage's edits make a monotone, piecewise-linear map of offsets; a binary search over the
/// edits answers a query in either direction. A position inside a replaced span maps to the start
/// of the span on the other side.
public struct OffsetMap: Sendable {
  private var inputStarts: [Int] = []
  private var inputEnds: [Int] = []
  private var outputStarts: [Int] = []
  private var outputEnds: [Int] = []

  /// Builds the map of one stage's edits.
  public init(_ record: StageRecord) {
    var delta = 0
    for edit in record.edits {
      inputStarts.append(edit.offset)
      inputEnds.append(edit.offset + edit.removed.count)
      outputStarts.append(edit.offset + delta)
      outputEnds.append(edit.offset + delta + edit.inserted.count)
      delta += edit.inserted.count - edit.removed.count
    }
  }

  /// Maps an offset in the stage's input to its offset in the output; one inside a replaced
  /// span goes to the span's start, or with `roundingUp` to its end.
  public func forward(_ offset: Int, roundingUp: Bool = false) -> Int {
    Self.map(
      offset, fromStarts: inputStarts, fromEnds: inputEnds, toStarts: outputStarts, toEnds: outputEnds,
      roundingUp: roundingUp)
  }

  /// Maps an offset in the stage's output back to its offset in the input; one inside a
  /// replaced span goes to the span's start, or with `roundingUp` to its end.
  public func backward(_ offset: Int, roundingUp: Bool = false) -> Int {
    Self.map(
      offset, fromStarts: outputStarts, fromEnds: outputEnds, toStarts: inputStarts, toEnds: inputEnds,
      roundingUp: roundingUp)
  }

  private static func map(
    _ offset: Int, fromStarts: [Int], fromEnds: [Int], toStarts: [Int], toEnds: [Int], roundingUp: Bool
  ) -> Int {
    // The last edit that starts at or before the offset decides.
    var low = 0
    var high = fromStarts.count
    while low < high {
      let middle = (low + high) / 2
      if fromStarts[middle] <= offset { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return offset }
    let index = low - 1
    if offset < fromEnds[index] {
      return roundingUp && offset > fromStarts[index] ? toEnds[index] : toStarts[index]
    }
    return toEnds[index] + (offset - fromEnds[index])
  }
}
