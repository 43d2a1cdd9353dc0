#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the article among a document's lines from their features, with the trained weights
/// of `MainTextModel`.
///
/// Each line is scored twice: by a regression on its own features, then by boosted trees that
/// read its neighbours' scores beside them (a line of prose among menus is likelier a teaser, a short line between paragraphs a
/// subheading). A two-state Viterbi pass then chooses article or boilerplate for every line,
/// paying `switchCost` for each change, so that the article comes out as few regions.
struct MainTextDecoder {
  /// The second score of each line: the log-odds that it is article text.
  var scores: [Double]
  /// Whether each line is kept as article text.
  var keep: [Bool]

  /// Scores and decides the lines whose features are `features`; `verdicts` are the shape
  /// rules' verdicts, which veto lines the model is not sure of (`MainTextModel.vetoRules`),
  /// and `words` the lines' word counts.
  init(features: BlockFeatures, verdicts: [Verdict?], words: [Int]) {
    let lineCount = verdicts.count
    let stride = BlockFeatures.count
    let own = (0..<lineCount).map { line in
      Self.squash(
        Self.dot(MainTextModel.lineWeights, features.values, from: line * stride) + MainTextModel.lineBias)
    }
    let context = Self.context(own)
    let contextStride = 2 * MainTextModel.contextWindows.count + 1
    var rows = [Double](repeating: 0, count: lineCount * (stride + contextStride))
    for line in 0..<lineCount {
      let start = line * (stride + contextStride)
      rows.replaceSubrange(start..<start + stride, with: features.values[line * stride..<(line + 1) * stride])
      rows.replaceSubrange(
        start + stride..<start + stride + contextStride,
        with: context[line * contextStride..<(line + 1) * contextStride])
    }
    scores = Self.trees(rows, width: stride + contextStride)
    keep = Self.viterbi(scores, switchCost: MainTextModel.switchCost, bias: MainTextModel.keepBias)
    for (index, verdict) in verdicts.enumerated() {
      guard let verdict, MainTextModel.vetoRules.contains(verdict.name) else { continue }
      if scores[index] < MainTextModel.vetoMargin { keep[index] = false }
    }
    if !keep.contains(true), let region = Self.bestRegion(scores, words: words) {
      // A page is never emptied: where no line reads as article, the run of lines that
      // reads most like one stays.
      for index in region { keep[index] = true }
    }
  }

  /// The run of consecutive lines with the highest total score, among runs that start and end
  /// with a line of words (markup alone would leave nothing).
  static func bestRegion(_ scores: [Double], words: [Int]) -> ClosedRange<Int>? {
    guard words.contains(where: { $0 > 0 }) else { return nil }
    var best = (sum: -Double.infinity, range: 0...0)
    var sum = 0.0
    var start = 0
    for (index, score) in scores.enumerated() where words[index] > 0 {
      if sum <= 0 {
        sum = 0
        start = index
      }
      sum += score
      if sum > best.sum { best = (sum, start...index) }
    }
    return best.range
  }

  /// One node of the boosted trees, its split and children side by side, so that a step
  /// down a tree reads one place in memory.
  struct Node {
    /// The split's threshold, or a leaf's value.
    var threshold: Double
    /// The feature split on; -1 for a leaf.
    var feature: Int32
    var left: Int32
    var right: Int32
  }

  /// `MainTextModel`'s trees as nodes.
  static let nodes: [Node] = MainTextModel.treeFeature.indices.map {
    Node(
      threshold: MainTextModel.treeThreshold[$0], feature: Int32(MainTextModel.treeFeature[$0]),
      left: MainTextModel.treeLeft[$0], right: MainTextModel.treeRight[$0])
  }

  /// The boosted trees' log-odds for each row of `width` features in `rows`.
  static func trees(_ rows: [Double], width: Int) -> [Double] {
    let count = width > 0 ? rows.count / width : 0
    var sums = [Double](repeating: MainTextModel.treeBaseline, count: count)
    nodes.withUnsafeBufferPointer { nodes in
      MainTextModel.treeRoots.withUnsafeBufferPointer { roots in
        rows.withUnsafeBufferPointer { rows in
          for line in 0..<count {
            let row = rows.baseAddress.map { $0 + line * width }
            guard let row else { return }
            var sum = 0.0
            for root in roots {
              var node = nodes[Int(root)]
              while node.feature >= 0 {
                node = nodes[Int(row[Int(node.feature)] <= node.threshold ? node.left : node.right)]
              }
              sum += node.threshold
            }
            sums[line] += sum
          }
        }
      }
    }
    return sums
  }

  /// The sum of the products of the first `BlockFeatures.count` weights with the values from
  /// `start` on: the first regression's score of one line.
  private static func dot(_ weights: [Double], _ values: [Double], from start: Int) -> Double {
    var sum = 0.0
    for index in 0..<BlockFeatures.count { sum += weights[index] * values[start + index] }
    return sum
  }

  /// A score clipped to ±8 and scaled to ±2, so that one certain line does not outweigh
  /// its window.
  static func squash(_ score: Double) -> Double {
    min(max(score, -8), 8) / 4
  }

  /// For each line: the mean score of the lines before and after it in each window, then
  /// the document's mean score.
  static func context(_ scores: [Double]) -> [Double] {
    let count = scores.count
    var prefix = [0.0]
    prefix.reserveCapacity(count + 1)
    for score in scores { prefix.append(prefix[prefix.count - 1] + score) }
    let mean = count > 0 ? prefix[count] / Double(count) : 0
    var columns: [Double] = []
    columns.reserveCapacity(count * (2 * MainTextModel.contextWindows.count + 1))
    for index in 0..<count {
      for window in MainTextModel.contextWindows {
        let low = max(index - window, 0)
        columns.append((prefix[index] - prefix[low]) / Double(max(index - low, 1)))
        let high = min(index + 1 + window, count)
        columns.append((prefix[high] - prefix[index + 1]) / Double(max(high - index - 1, 1)))
      }
      columns.append(mean)
    }
    return columns
  }

  /// The article (true) or boilerplate (false) sequence with the highest total of kept
  /// lines' log-odds, less `switchCost` for each change of state.
  static func viterbi(_ scores: [Double], switchCost: Double, bias: Double) -> [Bool] {
    guard let first = scores.first else { return [] }
    // Which state each state's best path came from, line by line.
    var fromArticle: [(boilerplate: Bool, article: Bool)] = [(false, false)]
    fromArticle.reserveCapacity(scores.count)
    var boilerplate = 0.0
    var article = first + bias
    for score in scores.dropFirst() {
      let boilerplateStays = boilerplate >= article - switchCost
      let articleStays = article >= boilerplate - switchCost
      fromArticle.append((!boilerplateStays, articleStays))
      let nextBoilerplate = boilerplateStays ? boilerplate : article - switchCost
      let nextArticle = (articleStays ? article : boilerplate - switchCost) + score + bias
      boilerplate = nextBoilerplate
      article = nextArticle
    }
    var state = article >= boilerplate
    var keep = [Bool](repeating: false, count: scores.count)
    for index in scores.indices.reversed() {
      keep[index] = state
      state = state ? fromArticle[index].article : fromArticle[index].boilerplate
    }
    return keep
  }
}
