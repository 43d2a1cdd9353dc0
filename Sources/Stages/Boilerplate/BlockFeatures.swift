import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the main-text model reads of each line of a dump: language-independent measures of
/// the line's shape, its markup, where it stands and what the shape rules say of it.
///
/// A line is read as the dump has it, before markup is stripped, so that link text, addresses,
/// images, list and table markers still count. Every feature is a number; `names` gives their
/// order, which the model's weights follow (`scripts/train-main-text.py` reads them from
/// `docclean blocks`).
struct BlockFeatures {
  /// The features of every line, `names.count` numbers a line, line after line.
  var values: [Double]

  /// The feature names, in the order of `values`.
  static let names: [String] =
    [
      "words", "scalars", "ends-sentence", "starts-lowercase", "link-share", "link-only", "links",
      "address", "list-item", "heading", "emphasis-line", "table-row", "image-only", "image-with-text",
      "digit-share", "capital-share", "function-words", "comma-rate", "word-length", "no-space-script",
      "position", "position-squared", "first-line", "repeats", "block-lines", "block-words",
      "block-link-share", "block-list-share", "capitals", "phrase-notice", "phrase-copyright",
      "phrase-call-to-action", "phrase-network", "title-line", "recurrence", "in-batch", "earlier-copy",
    ] + ruleFeatures.map { "rule-" + $0 } + regionFeatures
    + neighbourFeatures.flatMap { ["previous-" + $0, "next-" + $0] }

  /// Where the line stands relative to the document's prose (see `isProse`).
  static let regionFeatures = [
    "inside-prose", "lines-since-prose", "lines-to-prose", "prose-before", "prose-before-spread",
  ]

  /// The line's own features that its neighbours' are read for, one line either side.
  static let neighbourFeatures = [
    "link-share", "words", "list-item", "heading", "image-only", "ends-sentence", "starts-lowercase",
  ]

  /// How far (in lines) the prose distances look.
  static let proseDistanceLimit = 50

  /// The shape rules whose verdicts are features, each with a feature of its own.
  static let ruleFeatures = [
    "image", "page-number", "site-address", "copyright", "notice", "call-to-action", "share-bar",
    "contact", "source", "byline", "taxonomy", "caption", "related", "navigation", "dateline", "masthead",
    "head", "tail", "furniture", "running-header",
  ]

  static var count: Int { names.count }

  /// Reads the features of `lines`, given what the shape rules said of each, the line the
  /// rules took for the title, and how widely each line recurs in the batch (`recurrence`,
  /// buckets of `BatchProfile`; all 0 outside a batch, which `inBatch` tells apart), and
  /// the walks over their words where an earlier judgement made them.
  init(
    lines: [TextLine], text: [UInt8], verdicts: [Verdict?], titleLine: Int?, recurrence: [Int],
    inBatch: Bool, walks: WordWalks? = nil
  ) {
    let stride = Self.count
    var values = [Double](repeating: 0, count: lines.count * stride)
    let wordCounts = Self.wordCounts(lines, walks: walks ?? WordWalks(lines))
    let shapes = text.withUnsafeBufferPointer { text in
      lines.map { LineMarkupShape(UnsafeBufferPointer(rebasing: text[$0.range]), counts: $0.shape) }
    }
    let blocks = Self.blockSummaries(lines: lines, shapes: shapes)
    let repeats = Self.repeatCounts(lines)
    let last = Double(max(lines.count - 1, 1))
    var proseWords = [Double](repeating: 0, count: lines.count)
    values.withUnsafeMutableBufferPointer { values in
      // By index, each field read where it stands: a copy of the line would retain its slices.
      for index in lines.indices {
        let shape = shapes[index]
        let words = Double(lines[index].wordCount) + Double(shape.noSpaceScalars) / 2
        if Self.isProse(words: words, line: lines[index], shape: shape) { proseWords[index] = words }
        let plainWords = max(lines[index].wordCount, 1)
        let counts = wordCounts[index]
        let block = blocks[lines[index].block]
        let position = Double(index) / last
        let rule = verdicts[index]?.feature ?? -1
        var row = RowWriter(values: values, next: index * stride)
        row.put(Self.logOnePlus(words))
        row.put(Self.logOnePlus(Double(lines[index].scalarCount)))
        row.put(lines[index].endsSentence ? 1 : 0)
        row.put(lines[index].startsLowercase ? 1 : 0)
        row.put(shape.linkShare)
        row.put(shape.linkShare > 0.9 || lines[index].isLinkOnly ? 1 : 0)
        row.put(Self.logOnePlus(Double(shape.links)))
        row.put(shape.addresses > 0 ? 1 : 0)
        row.put(shape.isListItem ? 1 : 0)
        row.put(lines[index].isHeading ? 1 : 0)
        row.put(shape.isEmphasisLine ? 1 : 0)
        row.put(shape.isTableRow || lines[index].isTable ? 1 : 0)
        row.put(shape.isImageOnly ? 1 : 0)
        row.put(shape.images > 0 && !shape.isImageOnly ? 1 : 0)
        row.put(Double(counts.digits) / Double(max(lines[index].scalarCount, 1)))
        row.put(Double(counts.capitalized) / Double(plainWords))
        row.put(Double(counts.frequent) / Double(plainWords))
        row.put(min(Double(counts.commas) / Double(plainWords), 1))
        row.put(min(Double(lines[index].scalarCount) / Double(plainWords), 30) / 10)
        row.put(Double(shape.noSpaceScalars) / Double(max(lines[index].scalarCount, 1)))
        row.put(position)
        row.put(position * position)
        row.put(index == 0 ? 1 : 0)
        row.put(Self.logOnePlus(Double(repeats.others[index])))
        row.put(Self.logOnePlus(Double(block.lines)))
        row.put(Self.logOnePlus(block.words))
        row.put(block.linkShare)
        row.put(Double(block.listItems) / Double(max(block.lines, 1)))
        row.put(Judgement.isMasthead(in: lines, at: index) ? 1 : 0)
        row.put(Double(min(lines[index].phrases.notices, 2)))
        row.put(lines[index].phrases.copyright ? 1 : 0)
        row.put(lines[index].phrases.callToAction ? 1 : 0)
        row.put(lines[index].phrases.network ? 1 : 0)
        row.put(index == titleLine ? 1 : 0)
        row.put(Double(recurrence[index]))
        row.put(inBatch ? 1 : 0)
        row.put(repeats.earlier[index] ? 1 : 0)
        // The rule features follow the line's own, one for each rule; all but one stay 0.
        if rule >= 0 { values[row.next + rule] = 1 }
      }
    }
    Self.fillRegion(&values, proseWords: proseWords)
    Self.fillNeighbours(&values, count: lines.count)
    self.values = values
  }

  /// `log1p(value)`, to the last bit, taken from a table where `value` is a whole or half
  /// number below `logTableCount / 2`, as the counts of a line's words, links and neighbours
  /// are: eight of a line's features are such logarithms, and each line is judged twice.
  @inline(__always)
  static func logOnePlus(_ value: Double) -> Double {
    let twice = value * 2
    // A sign bit clear, not `>= 0`: log1p(-0.0) is -0.0.
    guard twice.sign == .plus, twice < Double(Self.logTableCount), twice == twice.rounded(.down) else {
      return log1p(value)
    }
    return logTable[Int(twice)]
  }

  /// How many halves `logOnePlus` has in its table: 8 KB, to stay beside the rows in the cache.
  static let logTableCount = 1024
  private static let logTable = (0..<logTableCount).map { log1p(Double($0) / 2) }

  /// Writes one line's features, in order, into the document's values.
  private struct RowWriter {
    let values: UnsafeMutableBufferPointer<Double>
    /// Where the next feature goes.
    var next: Int

    mutating func put(_ value: Double) {
      values[next] = value
      next += 1
    }
  }

  /// A line of prose, whose neighbourhood is the article's: twelve words or more, ending as a
  /// sentence does, mostly not link text.
  static func isProse(words: Double, line: TextLine, shape: LineMarkupShape) -> Bool {
    words >= 12 && line.endsSentence && shape.linkShare < 0.3
  }

  private static let featureIndex = Dictionary(
    uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })

  private static func index(of name: String) -> Int { featureIndex[name] ?? 0 }

  /// Where the neighbour features are read from, and where their columns start: looked up
  /// once, not for every text.
  private static let neighbourSources = neighbourFeatures.map(index(of:))
  private static let neighbourBase = index(of: "previous-" + neighbourFeatures[0])
  private static let regionBase = index(of: regionFeatures[0])

  /// Whether each line lies between the first and last prose lines, how many lines away the
  /// nearest prose line is on either side, and what share of the prose words come before it.
  static func fillRegion(_ values: inout [Double], proseWords: [Double]) {
    let count = proseWords.count
    let stride = Self.count
    let first = proseWords.firstIndex { $0 > 0 }
    let lastProse = proseWords.lastIndex { $0 > 0 }
    let total = proseWords.reduce(0, +)
    let limit = proseDistanceLimit
    let base = regionBase
    var since = limit
    for line in 0..<count {
      since = proseWords[line] > 0 ? 0 : min(since + 1, limit)
      values[line * stride + base + 1] = Self.logOnePlus(Double(first == nil ? limit : since))
    }
    var until = limit
    var before = total
    for line in (0..<count).reversed() {
      until = proseWords[line] > 0 ? 0 : min(until + 1, limit)
      before -= proseWords[line]
      let share = total > 0 ? before / total : 0
      let row = line * stride + base
      values[row] = first.map { line >= $0 && line <= (lastProse ?? $0) } == true ? 1 : 0
      values[row + 2] = Self.logOnePlus(Double(lastProse == nil ? limit : until))
      values[row + 3] = share
      values[row + 4] = share * (1 - share)
    }
  }

  /// Each neighbour feature of the lines before and after (0 past either end).
  static func fillNeighbours(_ values: inout [Double], count: Int) {
    let stride = Self.count
    let base = neighbourBase
    for (offset, source) in neighbourSources.enumerated() {
      for line in 0..<count {
        let target = line * stride + base + 2 * offset
        values[target] = line > 0 ? values[(line - 1) * stride + source] : 0
        values[target + 1] = line + 1 < count ? values[(line + 1) * stride + source] : 0
      }
    }
  }

  /// What the lines of one block (lines between blank lines) have in common.
  struct BlockSummary {
    var lines = 0
    var words = 0.0
    var linkShare = 0.0
    var listItems = 0
  }

  /// Each block's summary, indexed by block number (`TextLine.block`).
  static func blockSummaries(lines: [TextLine], shapes: [LineMarkupShape]) -> [BlockSummary] {
    let count = (lines.last?.block ?? -1) + 1
    var summaries = [BlockSummary](repeating: BlockSummary(), count: count)
    var linkBytes = [Double](repeating: 0, count: count)
    var visibleBytes = [Double](repeating: 0, count: count)
    // By index: copying a line would retain its slices.
    for (index, shape) in zip(lines.indices, shapes) {
      let block = lines[index].block
      summaries[block].lines += 1
      summaries[block].words += Double(lines[index].wordCount)
      if shape.isListItem { summaries[block].listItems += 1 }
      linkBytes[block] += Double(shape.linkBytes)
      visibleBytes[block] += Double(shape.visibleBytes)
    }
    for block in summaries.indices where summaries[block].lines > 0 {
      summaries[block].linkShare = linkBytes[block] / max(visibleBytes[block], 1)
    }
    return summaries
  }

  /// How many other lines of the document have the same plain text, and whether one of them
  /// comes earlier (a running head repeats the title; the title itself is the first).
  static func repeatCounts(_ lines: [TextLine]) -> (others: [Int], earlier: [Bool]) {
    var earlier = [Bool](repeating: false, count: lines.count)
    // Each line's first copy, and how many copies each first copy has.
    var first = Array(lines.indices)
    var copies = [Int](repeating: 0, count: lines.count)
    var known = ByteKeyIndex(capacity: lines.count)
    for index in lines.indices {
      lines[index].lowerBytes.withUnsafeBufferPointer { line in
        let isKey = { (other: Int) in
          lines[other].lowerBytes.withUnsafeBufferPointer { ByteKeyIndex.equal($0, line) }
        }
        if let found = known.insert(index, for: line, isKey: isKey) {
          first[index] = found
          earlier[index] = true
        }
      }
      copies[first[index]] += 1
    }
    return (first.map { copies[$0] - 1 }, earlier)
  }

  /// The counts of a line's words that the features ask for.
  struct WordCounts {
    var digits = 0
    var capitalized = 0
    var frequent = 0
    var commas = 0
  }

  /// The walk over each line's words: the counts the features ask for but the frequent
  /// words', and the keys of the line's short words, from which the document's function
  /// words are counted without a second walk.
  ///
  /// A walk depends on the line's bytes alone, so a judgement of the kept text takes the
  /// walks of the lines it has from the judgement before.
  struct WordWalks {
    private(set) var counts: [WordCounts] = []
    private var keys: [Int] = []
    private var keyEnds: [Int] = []

    /// Walks the words of `lines`, taking the walk of line `origins[i]` of `earlier` for
    /// line `i` where there is one.
    init(_ lines: [TextLine], reusing earlier: WordWalks? = nil, origins: [Int?] = []) {
      counts.reserveCapacity(lines.count)
      keyEnds.reserveCapacity(lines.count)
      for index in lines.indices {
        if let earlier, index < origins.count, let origin = origins[index] {
          counts.append(earlier.counts[origin])
          keys.append(contentsOf: earlier.keys(of: origin))
        } else {
          counts.append(walk(lines[index].plainBytes, asciiDigits: lines[index].asciiDigits, keys: &keys))
        }
        keyEnds.append(keys.count)
      }
    }

    /// How many short words the lines have, counted as often as they occur.
    var keyCount: Int { keys.count }

    /// The keys of the short words of line `index`.
    func keys(of index: Int) -> ArraySlice<Int> {
      keys[(index > 0 ? keyEnds[index - 1] : 0)..<keyEnds[index]]
    }
  }

  /// The counts of each line's words, the document's function words among them, from the
  /// walks over them.
  static func wordCounts(_ lines: [TextLine], walks: WordWalks) -> [WordCounts] {
    // Room for as many different short words as a long article has, so that the table seldom
    // grows while it counts.
    var document = KeyCounts(minimumCapacity: min(walks.keyCount, 512))
    for index in lines.indices where lines[index].wordCount >= 4 {
      let plain = lines[index].plainBytes
      // The function words are cut on spaces alone; a line with a tab is cut again.
      if ByteSearch.firstIndex(of: 0x09, in: plain, from: plain.startIndex) != nil {
        countShortWords(lines[index], into: &document)
      } else {
        document.addOne(toEach: walks.keys(of: index))
      }
    }
    let frequent = FewKeys(functionWords(document))
    var counts = walks.counts
    for index in lines.indices {
      var found = 0
      for key in walks.keys(of: index) where frequent.contains(key) { found += 1 }
      // Written once a line: each write to the array checks that it is not shared.
      if found > 0 { counts[index].frequent += found }
    }
    return counts
  }

  /// A few keys (the document's function words), each found by one test of its low six bits
  /// and one comparison; only keys that share their low bits with another are searched.
  struct FewKeys {
    private let keys: [Int]
    /// For each value of the low six bits, the first key that has it.
    private var slots = [Int](repeating: 0, count: 64)
    /// A bit for each value of the low six bits that some key has, and one for each that
    /// two keys or more have.
    private var filled: UInt64 = 0
    private var shared: UInt64 = 0

    init(_ keys: [Int]) {
      self.keys = keys
      for key in keys {
        let bit: UInt64 = 1 << UInt64(key & 63)
        if filled & bit != 0 {
          shared |= bit
        } else {
          filled |= bit
          slots[key & 63] = key
        }
      }
    }

    @inline(__always)
    func contains(_ key: Int) -> Bool {
      let bit: UInt64 = 1 << UInt64(key & 63)
      guard filled & bit != 0 else { return false }
      return slots[key & 63] == key || (shared & bit != 0 && keys.contains(key))
    }
  }

  /// The counts of the words of a line's plain bytes but the frequent ones, whose count needs
  /// the document's function words; appends the keys of its short words to `keys`.
  ///
  /// It takes the two fields it reads, not the line: a line passed from an array is copied,
  /// its slices and strings retained.
  fileprivate static func walk(_ plainBytes: ArraySlice<UInt8>, asciiDigits: Int, keys: inout [Int])
    -> WordCounts
  {
    let walked = plainBytes.withUnsafeBufferPointer { WordWalk.walk($0, keys: &keys) }
    return WordCounts(digits: asciiDigits, capitalized: walked.capitalized, commas: walked.commas)
  }

  /// The hash of a short word, its letters lowercased, or nil for a word that is not short
  /// letters (at most three scalars, the first a letter).
  static func shortWordKey<Word: Collection<UInt8>>(_ word: Word) -> Int? {
    guard let first = word.first, isLetterByte(first), word.count <= 12 else { return nil }
    // Three bytes are three scalars at most; four ASCII bytes are four scalars.
    guard word.count > 3 else { return lowerKey(word) }
    var index = word.startIndex
    var lead = first
    for _ in 0..<3 {
      index = word.index(after: index)
      lead |= word[index]
    }
    if lead < 0x80 { return nil }
    var scalars = 0
    for byte in word where byte & 0xC0 != 0x80 {
      scalars += 1
      if scalars > 3 { return nil }
    }
    return lowerKey(word)
  }

  /// A key of a word that does not depend on the case of its ASCII letters: FNV-1a, the same
  /// in every process, since ties among frequent words are broken by it.
  static func lowerKey<Word: Sequence<UInt8>>(_ word: Word) -> Int {
    Int(truncatingIfNeeded: word.reduce(lowerKeyBasis, lowerKeyStep))
  }

  /// FNV-1a's offset basis, the key of no bytes.
  static let lowerKeyBasis: UInt64 = 0xcbf2_9ce4_8422_2325

  /// The key of some bytes and `byte` after them, from the key of those bytes.
  @inline(__always)
  static func lowerKeyStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
    (hash ^ UInt64((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)) &* 0x100_0000_01b3
  }

  /// Whether a short word may start with `byte`: an ASCII letter or the lead of a scalar past
  /// U+007F.
  static func isLetterByte(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0xC0
  }

  /// Counts the short words of `line`, cut on spaces alone.
  private static func countShortWords(_ line: TextLine, into counts: inout KeyCounts) {
    line.plainBytes.withUnsafeBufferPointer { plain in
      WordRuns.forEach(in: plain, tabs: false) { range in
        if let key = shortWordKey(UnsafeBufferPointer(rebasing: plain[range])) {
          counts.add(1, to: UInt64(UInt(bitPattern: key)))
        }
      }
    }
  }

  /// The document's own function words: its most frequent words of one to three letters,
  /// seen at least three times; ties go to the larger key, the same in every process.
  ///
  /// Prose in any spaced language is dense with them; menus, names and titles are not. The
  /// document chooses them, so no language needs a list.
  private static func functionWords(_ counts: KeyCounts) -> [Int] {
    let ranked = counts.entries(countedAtLeast: 3)
      .map { (key: Int(Int64(bitPattern: $0.key)), count: $0.count) }
      .sorted { ($0.count, $0.key) > ($1.count, $1.key) }
    return ranked.prefix(Self.functionWordCount).map(\.key)
  }

  /// How many of the most frequent short words count as the document's function words.
  static let functionWordCount = 16
}

/// The words of a line: its runs of bytes between spaces (and tabs, where asked), found
/// sixteen bytes at a time with SSE2 on x86-64 and eight at a time in a 64-bit word for the
/// rest and elsewhere, since every word of every line is visited.
enum WordRuns {
  /// Calls `body` with the range of each run, in order.
  @inline(__always)
  static func forEach(
    in bytes: UnsafeBufferPointer<UInt8>, tabs: Bool, inBlocks: Bool = true, _ body: (Range<Int>) -> Void
  ) {
    var index = 0
    var start: Int?
    // Where a run starts (a byte after a separator) or ends (a separator after a byte).
    @inline(__always) func edge(at offset: Int) {
      if let begun = start {
        body(begun..<offset)
        start = nil
      } else {
        start = offset
      }
    }
    // The high bit of byte 0 set when the byte before the word is a separator, or there is none.
    var separatorBefore: UInt64 = 0x80
    #if arch(x86_64)
      if inBlocks {
        // One bit a byte: the separator before the block in bit 0.
        var before: UInt32 = 1
        while let block = ByteBlock.load(bytes, at: index) {
          let spaces = ByteBlock.equal(block, 0x20)
          let separators = ByteBlock.bits(tabs ? ByteBlock.or(spaces, ByteBlock.equal(block, 0x09)) : spaces)
          let shifted = separators << 1 | before
          var edges = (~separators & shifted | separators & ~shifted) & 0xFFFF
          while edges != 0 {
            edge(at: index + edges.trailingZeroBitCount)
            edges &= edges - 1
          }
          before = separators >> 15
          index += 16
        }
        separatorBefore = UInt64(before) << 7
      }
    #endif
    while let word = ByteWord.load(bytes, at: index) {
      let separators =
        tabs
        ? ByteWord.equalMask(word, 0x20) | ByteWord.equalMask(word, 0x09) : ByteWord.equalMask(word, 0x20)
      let shifted = separators << 8 | separatorBefore
      var edges = (~separators & shifted | separators & ~shifted) & 0x8080_8080_8080_8080
      while edges != 0 {
        edge(at: index + edges.trailingZeroBitCount / 8)
        edges &= edges - 1
      }
      separatorBefore = separators >> 56
      index += 8
    }
    while index < bytes.count {
      let isSeparator = bytes[index] == 0x20 || (tabs && bytes[index] == 0x09)
      if let begun = start, isSeparator {
        body(begun..<index)
        start = nil
      } else if start == nil, !isSeparator {
        start = index
      }
      index += 1
    }
    if let begun = start { body(begun..<bytes.count) }
  }
}

/// The markdown a line carries, read off its raw bytes: links and their text, images,
/// addresses, list and table markers.
struct LineMarkupShape {
  /// Bytes of text a reader sees (link targets and markers not counted).
  var visibleBytes = 0
  /// Visible bytes inside link text.
  var linkBytes = 0
  var links = 0
  var images = 0
  /// Bare or angle-bracketed web addresses and e-mail addresses.
  var addresses = 0
  var isListItem = false
  var isTableRow = false
  var isEmphasisLine = false
  /// Whether nothing but images is on the line.
  var isImageOnly = false
  /// Scalars of scripts written without spaces (CJK, kana, Hangul, Thai).
  var noSpaceScalars = 0

  var linkShare: Double { Double(linkBytes) / Double(max(visibleBytes, 1)) }

  init(_ line: ArraySlice<UInt8>) {
    self = line.withUnsafeBufferPointer { Self($0) }
  }

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.init(bytes, counts: ByteCounts(bytes).shape)
  }

  /// The shape of the line `bytes`, whose `ByteCounts` are `counts`: from the counts where
  /// the line has no links, images or addresses, as most lines of prose have none.
  init(_ bytes: UnsafeBufferPointer<UInt8>, counts: ByteCounts.Shape) {
    guard !counts.mayHaveLinks else {
      self.init(scanning: bytes)
      return
    }
    self.init(plain: counts, bytes: bytes)
  }

  /// The shape of a line with no links, images or addresses, from its counts.
  private init(plain: ByteCounts.Shape, bytes: UnsafeBufferPointer<UInt8>) {
    let end = bytes.count
    guard end > 0 else { return }
    isListItem = Self.listMarkerLength(bytes) > 0
    isEmphasisLine =
      end > 4 && bytes[0] == 0x2A && bytes[1] == 0x2A && bytes[end - 2] == 0x2A && bytes[end - 1] == 0x2A
    visibleBytes = plain.visible
    noSpaceScalars = plain.noSpaceScalars
    isTableRow = plain.pipes >= 2 && (bytes[0] == 0x7C || bytes[end - 1] == 0x7C || plain.pipes >= 3)
  }

  /// The shape read byte by byte, links, images and addresses and all.
  init(scanning bytes: UnsafeBufferPointer<UInt8>) {
    let end = bytes.count
    guard end > 0 else { return }
    isListItem = Self.listMarkerLength(bytes) > 0
    isEmphasisLine =
      end > 4 && bytes[0] == 0x2A && bytes[1] == 0x2A && bytes[end - 2] == 0x2A && bytes[end - 1] == 0x2A
    var pipes = 0
    var imageBytes = 0
    // Open brackets, each an image's (`![`) or a link's, and how many of them are images'.
    var opens = BracketStack()
    var openImages = 0
    var index = 0
    while index < end {
      let byte = bytes[index]
      switch byte {
      case 0x21 where index + 1 < end && bytes[index + 1] == 0x5B:
        opens.push(true)
        openImages += 1
        index += 2
        continue
      case 0x5B:
        opens.push(false)
        index += 1
        continue
      case 0x5D where !opens.isEmpty:
        let isImage = opens.pop()
        if isImage { openImages -= 1 }
        if index + 1 < end, bytes[index + 1] == 0x28, let close = Self.closingParen(bytes, from: index + 1) {
          if isImage { images += 1 } else { links += 1 }
          index = close + 1
        } else {
          index += 1
        }
        continue
      case 0x3C where Self.hasPrefix(bytes, "<http", at: index):
        addresses += 1
      case 0x68
      where Self.hasPrefix(bytes, "http://", at: index) || Self.hasPrefix(bytes, "https://", at: index):
        addresses += 1
      case 0x40 where index > 0 && index + 1 < end && bytes[index - 1] > 0x20 && bytes[index + 1] > 0x20:
        addresses += 1
      case 0x7C:
        pipes += 1
      case 0x2A, 0x5F, 0x23:
        index += 1
        continue
      case 0xE3...0xED:
        noSpaceScalars += 1
      case 0xE0 where index + 1 < end && (bytes[index + 1] == 0xB8 || bytes[index + 1] == 0xB9):
        noSpaceScalars += 1
      default:
        break
      }
      if byte & 0xC0 != 0x80, byte != 0x20 {
        visibleBytes += 1
        if openImages > 0 {
          imageBytes += 1
        } else if !opens.isEmpty {
          linkBytes += 1
        }
      }
      index += 1
    }
    isTableRow = pipes >= 2 && (bytes[0] == 0x7C || bytes[end - 1] == 0x7C || pipes >= 3)
    isImageOnly = images > 0 && visibleBytes - imageBytes - linkBytes <= 2 && links <= images
  }

  /// Whether `bytes` holds `prefix` from `index` on.
  static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString, at index: Int)
    -> Bool
  {
    let length = prefix.utf8CodeUnitCount
    guard index + length <= bytes.count else { return false }
    let start = prefix.utf8Start
    for offset in 0..<length where bytes[index + offset] != start[offset] { return false }
    return true
  }

  /// The brackets open at a point of a line, innermost last: whether each is an image's. A
  /// line rarely opens more than a few, so they are bits of one word until there are 64.
  private struct BracketStack {
    private var bits: UInt64 = 0
    private var count = 0
    /// The brackets opened below the 64 that `bits` holds, outermost first.
    private var deeper: [Bool] = []

    var isEmpty: Bool { count == 0 }

    mutating func push(_ isImage: Bool) {
      if count >= 64 { deeper.append(bits >> 63 != 0) }
      bits = bits << 1 | (isImage ? 1 : 0)
      count += 1
    }

    mutating func pop() -> Bool {
      let isImage = bits & 1 != 0
      bits >>= 1
      count -= 1
      if count >= 64, let restored = deeper.popLast() { bits |= (restored ? 1 : 0) << 63 }
      return isImage
    }
  }

  /// The length of a list marker (`* `, `- `, `+ `, `• `, `12. `) opening the line, or 0.
  static func listMarkerLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let start = bytes.startIndex
    guard let first = bytes.first else { return 0 }
    if first == 0x2A || first == 0x2D || first == 0x2B {
      return bytes.count > 1 && bytes[start + 1] == 0x20 ? 2 : 0
    }
    if bytes.starts(with: "• ".utf8) { return 4 }
    var index = start
    while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]), index - start < 3 { index += 1 }
    guard index > start, index + 1 < bytes.endIndex, bytes[index] == 0x2E || bytes[index] == 0x29,
      bytes[index + 1] == 0x20
    else { return 0 }
    return index + 2 - start
  }

  /// The `)` that closes the `(` at `open`, counting nested parentheses.
  static func closingParen(_ bytes: UnsafeBufferPointer<UInt8>, from open: Int) -> Int? {
    var depth = 0
    var index = open
    while index < bytes.endIndex {
      switch bytes[index] {
      case 0x28: depth += 1
      case 0x29:
        depth -= 1
        if depth == 0 { return index }
      default: break
      }
      index += 1
    }
    return nil
  }
}
