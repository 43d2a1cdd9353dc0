import Pipeline
import Testing

@testable import Stages

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The main-text model's features are read sixteen or eight bytes at a time where a line
/// allows; these tests hold the fast reads to the byte-by-byte ones, with the telling byte at
/// every offset.
@Suite struct BlockFeaturesTests {
  /// Lines of up to three blocks of sixteen bytes with `piece` at every offset.
  static func lines(with piece: String) -> [String] {
    (0...44).flatMap { length in
      (0...length).map { offset in
        String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
      }
    }
  }

  @Test(arguments: [" ", "\t", "  ", " \t ", "é ", " 日", "a b c d e f g h i"])
  func findsTheWordsAtEveryOffset(piece: String) {
    for line in Self.lines(with: piece) + Self.lines(with: " " + piece + " ") {
      let bytes = Array(line.utf8)
      for tabs in [false, true] {
        for inBlocks in [true, false] {
          var runs: [String] = []
          bytes.withUnsafeBufferPointer { buffer in
            WordRuns.forEach(in: buffer, tabs: tabs, inBlocks: inBlocks) {
              runs.append(String(decoding: buffer[$0], as: UTF8.self))
            }
          }
          let expected = line.split(whereSeparator: { $0 == " " || (tabs && $0 == "\t") }).map(String.init)
          #expect(runs == expected, "\(line) tabs: \(tabs) in blocks: \(inBlocks)")
        }
      }
    }
  }

  /// A plain line's counts read by the word and the shape scanned byte by byte agree; a line
  /// with a bracket, an address or a Thai letter is scanned, and one with only an exclamation
  /// mark, a `]` or a `<` is read from its counts as the scan reads it.
  @Test(arguments: [
    "a", " ", "|", "*", "_", "#", "é", "日", "한", "h", "ht", "http", "https://a.example", "[", "]", "!", "<",
    "@", "ไทย", "**", "Wow!", "<b>", "!]", "a < b", "(see above)]",
  ])
  func readsAPlainLineAsTheScanDoes(piece: String) {
    for line in Self.lines(with: piece) + Self.lines(with: "| " + piece + " |") {
      Array(line.utf8).withUnsafeBufferPointer { buffer in
        let fast = LineMarkupShape(buffer)
        let scanned = LineMarkupShape(scanning: buffer)
        #expect(fast.visibleBytes == scanned.visibleBytes, "\(line)")
        #expect(fast.linkBytes == scanned.linkBytes, "\(line)")
        #expect(fast.links == scanned.links && fast.images == scanned.images, "\(line)")
        #expect(fast.addresses == scanned.addresses, "\(line)")
        #expect(fast.isListItem == scanned.isListItem && fast.isTableRow == scanned.isTableRow, "\(line)")
        #expect(fast.isEmphasisLine == scanned.isEmphasisLine, "\(line)")
        #expect(fast.isImageOnly == scanned.isImageOnly, "\(line)")
        #expect(fast.noSpaceScalars == scanned.noSpaceScalars, "\(line)")
      }
    }
  }

  @Test func countsALineOfMarkup() {
    let shape = LineMarkupShape(Array("Read [the guide](https://a.example/g) and ![map](m.png)".utf8)[...])
    #expect(shape.links == 1 && shape.images == 1)
    #expect(shape.linkBytes == "theguide".utf8.count)
    #expect(shape.visibleBytes == "Readtheguideandmap".utf8.count)
  }

  /// The trees walked as perfect trees, a batch of lines at a time, give the sums of walking
  /// the model's own nodes one line and one tree at a time, to the last bit.
  @Test func walksTheTreesAsTheModelsNodesDo() {
    let width = BlockFeatures.count + 2 * MainTextModel.contextWindows.count + 1
    let thresholds = MainTextModel.treeThreshold
    let rows = (0..<(37 * width)).map { index in
      // Every fifth value on a threshold itself, where `<=` decides; the others spread
      // over -4...4.
      index % 5 == 0
        ? thresholds[(index * 7_919) % thresholds.count] : Double((index * 7_919) % 4_001 - 2_000) / 500
    }
    let expected = (0..<37).map { line in
      var sum = 0.0
      for root in MainTextModel.treeRoots {
        var node = Int(root)
        while MainTextModel.treeFeature[node] >= 0 {
          let value = rows[line * width + Int(MainTextModel.treeFeature[node])]
          node = Int(
            value <= MainTextModel.treeThreshold[node]
              ? MainTextModel.treeLeft[node] : MainTextModel.treeRight[node])
        }
        sum += MainTextModel.treeThreshold[node]
      }
      return MainTextModel.treeBaseline + sum
    }
    #expect(MainTextDecoder.trees(rows, width: width) == expected)
  }

  /// The logarithms of the features come from a table for whole and half numbers and from
  /// `log1p` otherwise, the same to the bit either way: quarters, negatives, -0, numbers past
  /// the table and NaN are passed on.
  @Test func takesLogarithmsFromATableToTheBit() {
    let halves = (0..<(BlockFeatures.logTableCount + 8)).map { Double($0) / 2 }
    let others = [0.25, 1.75, -0.5, -1, -0.0, 1e9, 3.000_000_1, .infinity]
    for value in halves + others {
      #expect(BlockFeatures.logOnePlus(value).bitPattern == log1p(value).bitPattern, "\(value)")
    }
    #expect(BlockFeatures.logOnePlus(.nan).isNaN)
  }

  /// Trees of another depth than the trained one (a root alone, two levels, and a chain of
  /// five) walk as their nodes do, a lone leaf among them.
  @Test(arguments: [1, 2, 5])
  func walksTreesOfOtherDepths(depth: Int) {
    // Tree 0: a chain of `depth` splits on features 0, 1, … at 0.5, the split of level i with
    // a leaf worth i + 1 on its right and the next split (after the last, a leaf worth 100) on
    // its left; tree 1: one leaf.
    var feature: [Int16] = []
    var threshold: [Double] = []
    var left: [Int32] = []
    var right: [Int32] = []
    for level in 0..<depth {
      let node = Int32(feature.count)
      feature += [Int16(level), -1]
      threshold += [0.5, Double(level + 1)]
      right += [node + 1, -1]
      left += [node + 2, -1]
    }
    feature.append(-1)
    threshold.append(100)
    left.append(-1)
    right.append(-1)
    let lone = Int32(feature.count)
    feature.append(-1)
    threshold.append(0.25)
    left.append(-1)
    right.append(-1)
    let forest = MainTextDecoder.Forest(
      roots: [0, lone], feature: feature, threshold: threshold, left: left, right: right)
    #expect(forest.depth == depth)
    let width = depth
    let rows = (0..<(40 * width)).map { Double(($0 * 37) % 5) / 4 }
    let expected = (0..<40).map { line in
      var node = 0
      while feature[node] >= 0 {
        node = Int(rows[line * width + Int(feature[node])] <= threshold[node] ? left[node] : right[node])
      }
      return threshold[node] + 0.25
    }
    #expect(forest.sums(rows, width: width) == expected)
  }

  /// The words are walked once for all their counts: the function words counted from that
  /// walk are the ones a walk of every line on spaces alone finds, and a line with tabs
  /// (where the two cuts differ) counts as the plain reading says.
  @Test func countsTheFunctionWordsAsTheDocumentHasThem() throws {
    let text = try Paths.fixture("function-words.txt")
    let lines = TextLine.lines(in: text)
    let counts = BlockFeatures.wordCounts(lines, walks: BlockFeatures.WordWalks(lines))
    let key = { (word: Substring) in BlockFeatures.shortWordKey(Array(word.utf8)) }
    var seen: [Int: Int] = [:]
    for line in lines where line.wordCount >= 4 {
      for word in line.plain.split(separator: " ") { if let key = key(word) { seen[key, default: 0] += 1 } }
    }
    let ranked = seen.filter { $0.value >= 3 }.sorted { ($0.value, $0.key) > ($1.value, $1.key) }
    let frequent = Set(ranked.prefix(BlockFeatures.functionWordCount).map(\.key))
    #expect(frequent.count >= 4)
    for (index, line) in lines.enumerated() {
      let words = line.plain.split(whereSeparator: { $0 == " " || $0 == "\t" })
      let expected = words.filter { key($0).map(frequent.contains) ?? false }.count
      #expect(counts[index].frequent == expected, "\(line.plain)")
      #expect(counts[index].commas == words.filter { $0.last == "," }.count, "\(line.plain)")
    }
    // The tab-separated line has short words only once cut on tabs.
    let tabbed = try #require(lines.firstIndex { $0.plain.starts(with: "the\tcat") })
    #expect(counts[tabbed].frequent >= 4)
  }

  /// The function words are found by their low six bits and one comparison: keys that share
  /// those bits with a function word, or with two of them, are told apart, and negative keys
  /// are found as positive ones are.
  @Test func findsTheFunctionWordsAmongKeysThatShareTheirLowBits() {
    let keys = [5, 5 + 64, 5 + 128, -1, 63, 0, Int.min]
    let few = BlockFeatures.FewKeys(keys)
    for key in keys { #expect(few.contains(key), "\(key)") }
    for key in [5 + 192, 5 - 64, 127, -65, 64, 1, Int.max, Int.min + 1] {
      #expect(!few.contains(key), "\(key)")
    }
    #expect(!BlockFeatures.FewKeys([]).contains(0))
  }

  /// A line's repeats are the other lines with its plain text in any case; the first copy
  /// has none before it, and a line that differs by a byte is no copy.
  @Test func countsTheCopiesOfEachLine() {
    let text = Array(
      "Share this\nThe first paragraph.\nSHARE THIS\nShare this!\n\nShare **this**\nThe first paragraph\n"
        .utf8)
    let lines = TextLine.lines(in: text)
    let repeats = BlockFeatures.repeatCounts(lines)
    #expect(repeats.others == [2, 0, 2, 0, 2, 0])
    #expect(repeats.earlier == [false, false, true, false, true, false])
  }

  /// A short word is one to three scalars opening with a letter, keyed without its ASCII case.
  @Test(
    arguments: [
      ("a", true), ("The", true), ("THE", true), ("und", true), ("der,", false), ("word", false),
      ("été", true), ("étés", false), ("не", true), ("для", true), ("этот", false), ("日本語", true),
      ("日本語だ", false), ("a1", true), ("1a", false), ("-a", false), ("aé", true), ("aéb", true), ("abé", true),
    ])
  func keysShortWordsOnly(word: String, isShort: Bool) {
    let key = BlockFeatures.shortWordKey(Array(word.utf8))
    #expect((key != nil) == isShort, "\(word)")
    if isShort {
      #expect(key == BlockFeatures.lowerKey(Array(word.lowercased().utf8)) || !word.allSatisfy(\.isASCII))
    }
  }
}
