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
    let width = stride + contextStride
    var rows = [Double](repeating: 0, count: lineCount * width)
    rows.withUnsafeMutableBufferPointer { rows in
      features.values.withUnsafeBufferPointer { values in
        context.withUnsafeBufferPointer { context in
          for line in 0..<lineCount {
            let start = line * width
            _ = UnsafeMutableBufferPointer(rebasing: rows[start..<start + stride]).update(
              fromContentsOf: values[line * stride..<(line + 1) * stride])
            _ = UnsafeMutableBufferPointer(rebasing: rows[start + stride..<start + width]).update(
              fromContentsOf: context[line * contextStride..<(line + 1) * contextStride])
          }
        }
      }
    }
    scores = Self.trees(rows, width: width)
    keep = Self.viterbi(scores, switchCost: MainTextModel.switchCost, bias: MainTextModel.keepBias)
    for (index, verdict) in verdicts.enumerated() {
      guard let verdict, verdict.vetoes else { continue }
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

  /// `MainTextModel`'s boosted trees, each grown to a perfect tree of `depth` levels.
  ///
  /// A leaf above the last level becomes a split whose two sides reach the same leaf, so every
  /// line takes `depth` steps down every tree, and a step is arithmetic on its index, not a
  /// branch: the trees are the largest part of the model's cost, and their branches do not predict.
  struct Forest {
    /// The levels of splits in every tree.
    let depth: Int
    /// Each tree's splits in breadth-first order: the children of split `i` are `2i + 1`
    /// and `2i + 2`.
    let features: [Int32]
    let thresholds: [Double]
    /// Each tree's leaves, left to right.
    let leaves: [Double]

    init(
      roots: [Int32], feature: [Int16], threshold: [Double], left: [Int32], right: [Int32]
    ) {
      func levels(_ node: Int) -> Int {
        feature[node] < 0 ? 0 : 1 + max(levels(Int(left[node])), levels(Int(right[node])))
      }
      let depth = roots.map { levels(Int($0)) }.max() ?? 0
      let splitCount = (1 << depth) - 1
      var features = [Int32](repeating: 0, count: roots.count * splitCount)
      var thresholds = [Double](repeating: 0, count: roots.count * splitCount)
      var leaves = [Double](repeating: 0, count: roots.count << depth)
      func place(_ node: Int, at position: Int, level: Int, tree: Int) {
        guard level < depth else {
          leaves[(tree << depth) + position - splitCount] = threshold[node]
          return
        }
        let isLeaf = feature[node] < 0
        // A leaf above the last level splits on feature 0 into two copies of itself.
        features[tree * splitCount + position] = isLeaf ? 0 : Int32(feature[node])
        thresholds[tree * splitCount + position] = isLeaf ? 0 : threshold[node]
        place(isLeaf ? node : Int(left[node]), at: 2 * position + 1, level: level + 1, tree: tree)
        place(isLeaf ? node : Int(right[node]), at: 2 * position + 2, level: level + 1, tree: tree)
      }
      for (tree, root) in roots.enumerated() { place(Int(root), at: 0, level: 0, tree: tree) }
      self.depth = depth
      self.features = features
      self.thresholds = thresholds
      self.leaves = leaves
    }

    /// The sum of the trees' leaves for each row of `width` features in `rows`, tree by tree
    /// in order (so the sums are the same to the last bit as one tree walked at a time).
    ///
    /// Lines go through in small batches, every tree over the batch, so that the walks of
    /// different lines overlap in the processor.
    func sums(_ rows: [Double], width: Int) -> [Double] {
      let count = width > 0 ? rows.count / width : 0
      var sums = [Double](repeating: 0, count: count)
      let splitCount = (1 << depth) - 1
      let treeCount = splitCount > 0 ? features.count / splitCount : leaves.count
      rows.withUnsafeBufferPointer { rows in
        features.withUnsafeBufferPointer { features in
          thresholds.withUnsafeBufferPointer { thresholds in
            leaves.withUnsafeBufferPointer { leaves in
              sums.withUnsafeMutableBufferPointer { sums in
                guard let rows = rows.baseAddress, let leaves = leaves.baseAddress,
                  let sums = sums.baseAddress
                else { return }
                let trees = Trees(
                  count: treeCount, features: features.baseAddress, thresholds: thresholds.baseAddress,
                  leaves: leaves)
                var batchStart = 0
                while batchStart < count {
                  let batch = batchStart..<min(batchStart + Self.batch, count)
                  // The trained depth spelled out, so that the steps unroll.
                  if depth == Self.trainedDepth {
                    trees.addLeaves(
                      to: sums, rows: rows, width: width, lines: batch, depth: Self.trainedDepth)
                  } else {
                    trees.addLeaves(to: sums, rows: rows, width: width, lines: batch, depth: depth)
                  }
                  batchStart = batch.upperBound
                }
              }
            }
          }
        }
      }
      return sums
    }

    /// How many lines go down the trees together.
    static let batch = 16

    /// The depth `scripts/train-main-text.py` grows the trees to (`TREE_DEPTH`).
    static let trainedDepth = 4

    /// The forest's arrays as pointers, for the walk.
    private struct Trees {
      let count: Int
      let features: UnsafePointer<Int32>?
      let thresholds: UnsafePointer<Double>?
      let leaves: UnsafePointer<Double>

      /// Adds each tree's leaf for each line of `lines` to its sum, tree by tree; line `i`'s
      /// features are the `width` values from `rows + i * width`.
      @inline(__always)
      func addLeaves(
        to sums: UnsafeMutablePointer<Double>, rows: UnsafePointer<Double>, width: Int, lines: Range<Int>,
        depth: Int
      ) {
        let splitCount = (1 &<< depth) &- 1
        guard depth > 0, let features, let thresholds else {
          // Trees of one leaf: the arrays of splits are empty, and may have no address.
          for tree in 0..<count {
            for line in lines { sums[line] += leaves[tree] }
          }
          return
        }
        for tree in 0..<count {
          let treeLeaves = leaves + (tree &<< depth)
          let treeFeatures = features + tree &* splitCount
          let treeThresholds = thresholds + tree &* splitCount
          var row = rows + lines.lowerBound &* width
          // Every line starts at the root: its split is read once for the batch, since the
          // sums written between might, for all the compiler knows, be the split's bytes.
          let rootFeature = Int(treeFeatures[0])
          let rootThreshold = treeThresholds[0]
          for line in lines {
            // A step is arithmetic on the split's index, not a branch, as the branches do not
            // predict: the children of split `i` are `2i + 1` and `2i + 2`.
            var position = 1 &+ Int(unsafeBitCast(!(row[rootFeature] <= rootThreshold), to: UInt8.self))
            for _ in 1..<depth {
              let goesRight = !(row[Int(treeFeatures[position])] <= treeThresholds[position])
              position = 2 &* position &+ 1 &+ Int(unsafeBitCast(goesRight, to: UInt8.self))
            }
            sums[line] += treeLeaves[position &- splitCount]
            row += width
          }
        }
      }
    }
  }

  /// `MainTextModel`'s trees.
  static let forest = Forest(
    roots: MainTextModel.treeRoots, feature: MainTextModel.treeFeature,
    threshold: MainTextModel.treeThreshold,
    left: MainTextModel.treeLeft, right: MainTextModel.treeRight)

  /// The boosted trees' log-odds for each row of `width` features in `rows`.
  static func trees(_ rows: [Double], width: Int) -> [Double] {
    forest.sums(rows, width: width).map { MainTextModel.treeBaseline + $0 }
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
