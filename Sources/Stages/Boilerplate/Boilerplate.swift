import Pipeline

/// Removes what is not the article (site chrome, calls to action, notices, captions, page
/// furniture) and moves the facts it carries (title, byline, date, site, source) into metadata.
///
/// The trained main-text model (`MainTextDecoder`) decides which lines are the article, from
/// what kind of line each is (`BlockFeatures`), never by a site's name. The shape rules of
/// `Judgement` (phrase lists, a label and a short value, a row of short items split by bars, a
/// lone number, a date, a name, where the line stands) are among its features, veto the lines
/// it is unsure of, name the removals they agree with, and gather the metadata. The user's
/// phrases have the last word.
public struct Boilerplate: Stage {
  public let id = "boilerplate"
  public let version = 4
  /// The user's own phrases, from the config file of the folder being cleaned.
  public var userPhrases: UserPhrases
  /// How many files of the batch hold each line; empty outside a batch.
  ///
  /// Not part of `configuration`: a file depends only on its own lines' buckets, which its
  /// provenance records as the profile's view of it (`BatchProfile.view(of:)`).
  public var profile: BatchProfile
  /// The stages after this one in the pipeline, which `settled` runs over the kept lines:
  /// made into a pipeline once, not for every text.
  var later = Pipeline(stages: [])

  /// Creates the stage, with the user's phrases added to the built-in rules and the profile of
  /// the batch the texts belong to.
  public init(userPhrases: UserPhrases = UserPhrases(), profile: BatchProfile = .empty) {
    self.userPhrases = userPhrases
    self.profile = profile
  }

  public var configuration: String {
    "model=" + MainTextModel.hash + ";remove=" + userPhrases.remove.joined(separator: "\u{1F}") + ";keep="
      + userPhrases.keep.joined(separator: "\u{1F}")
  }

  public func followed(by later: [any Stage]) -> any Stage {
    var stage = self
    stage.later = Pipeline(stages: later)
    return stage
  }

  public func propose(for text: [UInt8]) -> Proposal {
    let lines = TextLine.lines(in: text)
    guard !lines.isEmpty else { return Proposal() }
    let batch = BatchLines(lines: lines, text: text, profile: profile)
    let (judge, decoder, first, judged) = Self.judged(lines, text: text, batch: batch)
    let userVerdicts = judge.userVerdicts(userPhrases)
    var keep = first
    for (index, verdict) in userVerdicts.enumerated() {
      if let verdict { keep[index] = !verdict }
    }
    let settling = settled(keep, judged: judged, text: text, judge: judge, userVerdicts: userVerdicts)
    keep = settling.keep
    var metadata = judge.metadata
    metadata.title = Self.title(lines: lines, keep: keep, ruleTitle: judge.titleLine)
    var warnings = judge.warnings + Self.uncertainty(decoder, keep: keep)
    if !settling.isFixedPoint {
      warnings.append(
        "boilerplate: the kept text still lost lines after \(Self.maximumRounds) rounds of judging it again; cleaning the output again may remove more"
      )
    }
    var proposal = Proposal(
      edits: edits(keeping: keep, lines: lines, text: text, judge: judge, userVerdicts: userVerdicts),
      warnings: warnings, metadata: metadata)
    proposal.rest = settling.rest
    return proposal
  }

  /// The edits that remove the lines not kept, and image names glued to kept ones.
  private func edits(
    keeping keep: [Bool], lines: [TextLine], text: [UInt8], judge: Judgement, userVerdicts: [Bool?]
  ) -> [TextEdit] {
    var edits: [TextEdit] = []
    // By index: a line's range is all that is read, and copying a line would retain its slices.
    for index in lines.indices {
      let line = lines[index].range
      if keep[index] {
        if let glued = Self.gluedImageName(in: line, text: text) {
          edits.append(
            TextEdit(
              range: glued, replacement: "",
              rule: Rule("boilerplate.glued-image-name", "image file name glued to the first word removed")))
        }
        continue
      }
      edits.append(removal(of: line, verdict: judge.verdicts[index], user: userVerdicts[index]))
    }
    return edits
  }

  /// The lines kept once the text they make, as the later stages will leave it, is judged as
  /// this stage would judge it there, until all of it stays: so that the clean text is a
  /// fixed point, and cleaning it again changes nothing. Each round only removes lines, so it
  /// ends; a line the user's phrases keep always stays.
  private func settled(
    _ keep: [Bool], judged: Judged, text: [UInt8], judge: Judgement, userVerdicts: [Bool?]
  ) -> (keep: [Bool], isFixedPoint: Bool, rest: Proposal.Rest?) {
    let lines = judged.lines
    var keep = keep
    for _ in 0..<Self.maximumRounds {
      guard keep.contains(true) else { return (keep, true, nil) }
      let edits = edits(keeping: keep, lines: lines, text: text, judge: judge, userVerdicts: userVerdicts)
      let rendered = render(edits, of: text)
      // Text that comes through unchanged (a clean text) is judged as it was just now.
      guard rendered.records.contains(where: { !$0.edits.isEmpty }) else {
        return (keep, true, rendered.rest)
      }
      // Every line kept, and the later stages changed none (a final line break added, say):
      // the text has the lines just judged, and would be judged the same.
      if !keep.contains(false), TextLine.areSame(lines, of: text, as: rendered.text) {
        return (keep, true, rendered.rest)
      }
      let removed = removedLines(in: rendered.text, judged: judged, of: text)
      guard !removed.isEmpty else { return (keep, true, rendered.rest) }
      let maps = rendered.records.map(OffsetMap.init).reversed()
      var changed = false
      for range in removed {
        let start = maps.reduce(range.lowerBound) { $1.backward($0) }
        let end = maps.reduce(range.upperBound) { $1.backward($0) }
        for index in Self.lines(lines, overlapping: start..<max(end, start + 1))
        where keep[index] && userVerdicts[index] != false {
          keep[index] = false
          changed = true
        }
      }
      guard changed else { return (keep, false, rendered.rest) }
    }
    return (keep, false, nil)
  }

  /// What the later stages make of `text` with `edits` made: the pipeline's own pass from
  /// here on, which it takes as it is (`Proposal.rest`) where the text is one segment.
  private func render(
    _ edits: [TextEdit], of text: [UInt8]
  ) -> (text: [UInt8], records: [StageRecord], rest: Proposal.Rest?) {
    let pipeline = later.prepending(FixedEdits(edits: edits))
    if let rest = pipeline.rest(of: text) { return (rest.text, rest.records, rest) }
    let document = pipeline.clean(text)
    return (document.text, document.records, nil)
  }

  /// The byte ranges of the lines of a text that this stage would remove from it.
  private func removedLines(in text: [UInt8], judged earlier: Judged, of earlierText: [UInt8]) -> [Range<Int>]
  {
    let (lines, origins) = TextLine.lines(in: text, reusing: earlier.lines, of: earlierText)
    guard !lines.isEmpty else { return [] }
    let batch = BatchLines(
      lines: lines, text: text, profile: profile, reusing: earlier.batch, origins: origins)
    let (judge, _, keep, _) = Self.judged(lines, text: text, batch: batch, reusing: (earlier, origins))
    let userVerdicts = judge.userVerdicts(userPhrases)
    return lines.indices.filter { userVerdicts[$0].map { $0 } ?? !keep[$0] }.map { lines[$0].range }
  }

  /// The indices of the lines that share a byte with `range`.
  static func lines(_ lines: [TextLine], overlapping range: Range<Int>) -> Range<Int> {
    var low = 0
    var high = lines.count
    while low < high {
      let middle = (low + high) / 2
      if lines[middle].range.upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
    }
    var end = low
    while end < lines.count, lines[end].range.lowerBound < range.upperBound { end += 1 }
    return low..<end
  }

  /// The shape rules' judgement of `lines`, the model's scores, and which lines it keeps
  /// (tables whole).
  ///
  /// Where the lines were taken from an earlier judgement's (`reusing`: that judgement, and
  /// the line each was taken from), what that judgement read of a line alone is taken too.
  static func judged(
    _ lines: [TextLine], text: [UInt8], batch: BatchLines, reusing earlier: (Judged, origins: [Int?])? = nil
  ) -> (judge: Judgement, decoder: MainTextDecoder, keep: [Bool], judged: Judged) {
    var judge = Judgement(lines: lines, text: text)
    let walks: BlockFeatures.WordWalks
    if let (judged, origins) = earlier {
      judge.run(own: judged.own(for: lines, origins: origins))
      walks = BlockFeatures.WordWalks(lines, reusing: judged.walks, origins: origins)
    } else {
      judge.run()
      walks = BlockFeatures.WordWalks(lines)
    }
    let features = BlockFeatures(
      lines: lines, text: text, verdicts: judge.verdicts, titleLine: judge.titleLine,
      recurrence: batch.recurrence, inBatch: batch.inBatch, walks: walks)
    // By index: a line's one field is read, not the line copied.
    let words = lines.indices.map { lines[$0].wordCount }
    let decoder = MainTextDecoder(features: features, verdicts: judge.verdicts, words: words)
    let judged = Judged(lines: lines, own: judge.own, walks: walks, batch: batch)
    return (judge, decoder, keepingTablesWhole(decoder.keep, lines: lines), judged)
  }

  /// What a judgement read of each line alone, for a later judgement of the same lines: the
  /// lines, the verdicts of the rules that read a line alone, and the walks over its words.
  struct Judged {
    var lines: [TextLine]
    var own: [Verdict?]
    var walks: BlockFeatures.WordWalks
    /// What the batch says of each line: it depends on the line's bytes alone.
    var batch: BatchLines

    /// The verdicts of the rules that read a line alone for `lines`, taken from line
    /// `origins[i]` where it stands as line `i` does (wrapped or not, in a table or not).
    func own(for lines: [TextLine], origins: [Int?]) -> [Verdict?] {
      lines.indices.map { index in
        guard let origin = origins[index], self.lines[origin].isWrapped == lines[index].isWrapped,
          self.lines[origin].isTable == lines[index].isTable
        else { return Judgement.anywhere(lines[index]) }
        return own[origin]
      }
    }
  }

  /// What the batch says of each line: its recurrence bucket, and whether there is a batch.
  struct BatchLines {
    var recurrence: [Int]
    var inBatch: Bool

    init(lines: [TextLine], text: [UInt8], profile: BatchProfile) {
      inBatch = profile.fileCount > 1
      recurrence =
        inBatch ? lines.map { profile.bucket(of: text[$0.range]) } : Array(repeating: 0, count: lines.count)
    }

    /// The facts of `lines`, taken from line `origins[i]` of `earlier` where line `i` is
    /// one of its lines.
    init(
      lines: [TextLine], text: [UInt8], profile: BatchProfile, reusing earlier: BatchLines, origins: [Int?]
    ) {
      let inBatch = profile.fileCount > 1
      self.inBatch = inBatch
      recurrence = lines.indices.map { index in
        guard inBatch else { return 0 }
        return origins[index].map { earlier.recurrence[$0] } ?? profile.bucket(of: text[lines[index].range])
      }
    }

    private init(recurrence: [Int], inBatch: Bool) {
      self.recurrence = recurrence
      self.inBatch = inBatch
    }

    /// The same facts for the lines at `indices`.
    func subset(_ indices: [Int]) -> BatchLines {
      BatchLines(recurrence: indices.map { recurrence[$0] }, inBatch: inBatch)
    }
  }

  /// How many times `settled` judges the text the kept lines make at most. On the real pages
  /// four in five documents settle at once and the longest cascade, a list peeled one name a
  /// round, took 15 rounds.
  static let maximumRounds = 32

  /// A table goes or stays whole: one kept row keeps its table, since a row alone (digits and
  /// bars) reads like page furniture to the model.
  static func keepingTablesWhole(_ keep: [Bool], lines: [TextLine]) -> [Bool] {
    let keptTables = Set(lines.indices.filter { lines[$0].isTable && keep[$0] }.map { lines[$0].block })
    guard !keptTables.isEmpty else { return keep }
    return lines.indices.map { keep[$0] || (lines[$0].isTable && keptTables.contains(lines[$0].block)) }
  }

  /// The edit that removes a line the model or the user judged boilerplate, named after the
  /// shape rule that agrees where one does.
  private func removal(of line: Range<Int>, verdict: Verdict?, user: Bool?) -> TextEdit {
    if user == true {
      return TextEdit(
        range: line, replacement: "",
        rule: Rule("boilerplate.user", "matches a phrase of the user's config file"))
    }
    guard let verdict else {
      return TextEdit(
        range: line, replacement: "",
        rule: Rule("boilerplate.chrome", "scored as site chrome by the main-text model"))
    }
    return TextEdit(range: line, replacement: "", rule: verdict.rule)
  }

  /// The article's title: the line the head rules took for it where the model kept it, or
  /// else the first kept line when it is short and no sentence.
  static func title(lines: [TextLine], keep: [Bool], ruleTitle: Int?) -> String {
    guard lines.count > 1 else { return "" }
    if let ruleTitle, keep[ruleTitle] { return lines[ruleTitle].plain.trimmingCharacters() }
    guard let first = keep.firstIndex(of: true), lines[first].wordCount <= 20, !lines[first].endsSentence
    else {
      return ""
    }
    return lines[first].plain.trimmingCharacters()
  }

  /// A warning naming the lines kept only because the model was unsure of them.
  static func uncertainty(_ decoder: MainTextDecoder, keep: [Bool]) -> [String] {
    let unsure = keep.indices.filter { keep[$0] && decoder.scores[$0] < 0 }
    guard !unsure.isEmpty else { return [] }
    let listed = unsure.prefix(8).map { String($0 + 1) }.joined(separator: ", ")
    let more = unsure.count > 8 ? " and \(unsure.count - 8) more" : ""
    return [
      "kept \(unsure.count) line(s) the main-text model was unsure of (non-blank lines \(listed)\(more)); check them"
    ]
  }

  /// An image file name such as `sect-map-ai2html-180` glued to the word that opens the
  /// line at `line`.
  static func gluedImageName(in line: Range<Int>, text: [UInt8]) -> Range<Int>? {
    var index = line.lowerBound
    guard index < line.upperBound, (0x61...0x7A).contains(text[index]) else { return nil }
    var sawSeparator = false
    var lastWasDigit = false
    while index < line.upperBound {
      let byte = text[index]
      if (0x61...0x7A).contains(byte) {
        lastWasDigit = false
      } else if (0x30...0x39).contains(byte) {
        lastWasDigit = true
      } else if byte == 0x2D || byte == 0x5F || (byte == 0x20 && index - line.lowerBound < 20) {
        // A space may stand inside the name (`isil 1Early`), within its first twenty bytes.
        sawSeparator = true
        lastWasDigit = false
      } else {
        break
      }
      index += 1
    }
    // Most lines that open in lowercase are prose, whose first word ends without a dot.
    if index < line.upperBound, text[index] == 0x2E {
      for suffix in Self.imageSuffixes where text[index...].starts(with: suffix) {
        index += suffix.count
        lastWasDigit = true
      }
    }
    guard sawSeparator, lastWasDigit, index < line.upperBound else { return nil }
    let next = text[index]
    let startsWord = (0x41...0x5A).contains(next) || next >= 0xC0
    // After a space, only a capital followed by a lowercase letter makes the glue certain.
    let followedByWord = index + 1 < line.upperBound && (0x61...0x7A).contains(text[index + 1])
    let hasSpace = text[line.lowerBound..<index].contains(0x20)
    guard startsWord, !hasSpace || followedByWord else { return nil }
    return line.lowerBound..<index
  }

  /// The endings of an image file's name, as `gluedImageName` reads them.
  private static let imageSuffixes = [".jpg", ".jpeg", ".png", ".gif", ".webp"].map { Array($0.utf8) }
}

/// The facts a line may state: a byline, a date, a name or site with a date, a name.
struct LineFacts {
  var date: String?
  var split: (rest: String, date: String)?
  var isDocumentType = false

  init() {}

  /// Reads the facts that have digits (dates and document numbers) of a line whose plain
  /// bytes are `plain`, of `wordCount` words, where `mayState` accepts it (a line it refuses
  /// states none). Names and bylines are `NameFacts`, read for the head only.
  init(plain: ArraySlice<UInt8>, wordCount: Int) {
    isDocumentType = Judgement.isDocumentType(plain, wordCount: wordCount)
    // Every date that `Judgement.date(in:)` reads has a year of four digits.
    guard Self.longestDigitRun(in: plain, upTo: 4) == 4 else { return }
    date = Judgement.dateValue(plain, wordCount: wordCount)
    split = Judgement.splitFact(plain, wordCount: wordCount)
  }

  /// Whether a line of `wordCount` words and `plain` bytes may state a fact: a line of at
  /// most twenty words (four names of four words and their `and`s) with a digit, as dates and
  /// document numbers have and most lines have not.
  ///
  /// The one gate of `init(_:)`, asked before the line is passed (which copies it). An ASCII
  /// digit counted already answers without a scan.
  static func mayState(wordCount: Int, asciiDigits: Int, mayHaveDigit: Bool, plain: ArraySlice<UInt8>) -> Bool
  {
    wordCount <= 20 && (asciiDigits > 0 || (mayHaveDigit && longestDigitRun(in: plain) > 0))
  }

  /// The length of the longest run of decimal digits of any script in `bytes`, counted up
  /// to `limit`.
  static func longestDigitRun<Bytes: Collection<UInt8>>(in bytes: Bytes, upTo limit: Int = 1) -> Int
  where Bytes.Index == Int {
    var run = 0
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      var length = 1
      var isDigit = (0x30...0x39).contains(byte)
      // Only these lead bytes start a decimal digit other than ASCII's: from U+0660, the
      // Arabic-Indic zero (D9), to the digits of the supplementary planes (F0 to F4).
      if Self.mayLeadDigit(byte) {
        let (scalar, scalarLength) = UTF8Scan.scalar(in: bytes, at: index)
        length = scalarLength
        isDigit = scalar.properties.numericType == .decimal
      }
      run = isDigit ? run + 1 : 0
      if run == limit { return run }
      index += length
    }
    return 0
  }

  /// Whether `byte` leads the UTF-8 of some decimal digit other than ASCII's, in any version
  /// of Unicode so far.
  static func mayLeadDigit(_ byte: UInt8) -> Bool {
    switch byte {
    case 0xD9, 0xDB, 0xDF, 0xE0, 0xE1, 0xEA, 0xEF, 0xF0...0xF4: true
    default: false
    }
  }
}

/// The phrases of the lists that the rules ask of every line, found in one pass over it.
struct PhraseHits {
  /// How many different notice phrases the line has.
  var notices = 0
  var copyright = false
  var callToAction = false
  var network = false

  /// The lists one after the other, so that a phrase's index says which list it is from.
  private static let all = PhraseList(
    BoilerplatePhrases.notice + BoilerplatePhrases.copyright + BoilerplatePhrases.callToAction
      + BoilerplatePhrases.networks)
  private static let copyrightStart = BoilerplatePhrases.notice.count
  private static let callToActionStart = copyrightStart + BoilerplatePhrases.copyright.count
  private static let networkStart = callToActionStart + BoilerplatePhrases.callToAction.count

  /// Searches `lower`, a lowercased line's bytes.
  init(in lower: UnsafeBufferPointer<UInt8>) {
    var notices: UInt64 = 0
    var moreNotices = Set<Int>()
    Self.all.forEachOccurrence(in: lower) { index in
      switch index {
      case ..<Self.copyrightStart where index < 64: notices |= 1 << UInt64(index)
      case ..<Self.copyrightStart: moreNotices.insert(index)
      case ..<Self.callToActionStart: copyright = true
      case ..<Self.networkStart: callToAction = true
      default: network = true
      }
      return true
    }
    self.notices = notices.nonzeroBitCount + moreNotices.count
  }
}

/// Whether a line is a byline or a name, which only the lines of the head are asked.
struct NameFacts {
  var byline: String?
  var isNameLine = false

  /// Reads the names of `line`; a line of more than twenty words states none.
  init(_ line: borrowing TextLine) {
    guard line.wordCount <= 20 else { return }
    byline = Judgement.byline(line)
    isNameLine = Judgement.isNameLine(line)
  }
}

/// Why a line goes: the rule's name, which the features and the other rules read, and the
/// rule its edit carries, both made once.
///
/// A class, though it never changes: every line's verdict is copied from judgement to
/// judgement, and a copy of its strings would retain each of them.
final class Verdict: Sendable {
  /// The rule's name within the stage (`caption`).
  let name: String
  /// The rule as the edit that removes the line carries it.
  let rule: Rule
  /// The rule's place among the model's rule features (`BlockFeatures.ruleFeatures`), or -1.
  let feature: Int
  /// Whether the rule vetoes a line the model is not sure of (`MainTextModel.vetoRules`).
  let vetoes: Bool

  private init(_ name: String, _ reason: String) {
    self.name = name
    rule = Rule("boilerplate." + name, reason)
    feature = BlockFeatures.ruleFeatures.firstIndex(of: name) ?? -1
    vetoes = MainTextModel.vetoRules.contains(name)
  }

  static let image = Verdict("image", "image and its caption")
  static let pageNumber = Verdict("page-number", "page number")
  static let siteAddress = Verdict("site-address", "site address or e-mail standing alone")
  static let copyright = Verdict("copyright", "copyright line")
  static let callToAction = Verdict("call-to-action", "call to action")
  static let shareBar = Verdict("share-bar", "row of social networks")
  static let contact = Verdict("contact", "contact line")
  static let source = Verdict("source", "source line")
  static let byline = Verdict("byline", "author line")
  static let taxonomy = Verdict("taxonomy", "section, region, theme or tag line")
  static let caption = Verdict("caption", "caption or credit line")
  static let captionNamingPicture = Verdict("caption", "caption naming what a picture shows")
  static let related = Verdict("related", "related-articles block")
  static let navigation = Verdict("navigation", "navigation row")
  static let dateline = Verdict("dateline", "date standing alone")
  static let datelineWithName = Verdict("dateline", "name or site with a date, standing alone")
  static let captionUnderImage = Verdict("caption", "caption under an image")
  static let notice = Verdict("notice", "disclaimer, republishing or contact notice")
  static let masthead = Verdict("masthead", "masthead or site chrome above the title")
  static let head = Verdict("head", "byline, date or site line above the article")
  static let sourceAboveArticle = Verdict("source", "link to the original source above the article")
  static let tail = Verdict("tail", "site or document line below the article")
  static let furniture = Verdict("furniture", "running header, footer or caption inside a paragraph")
  static let runningHeaderTitle = Verdict("running-header", "title repeated as a running header")
  static let runningHeaderBesidePageNumbers = Verdict("running-header", "line repeated beside page numbers")
}

/// One non-blank line, with the forms the rules read.
///
/// Built for every line of every document, so it is read off the bytes. The strings that some
/// rules read (`plain`, `words`, `lower`) are made when asked, and the rules ask only after a
/// cheap test on the bytes.
struct TextLine {
  /// The line without its surrounding spaces.
  var range: Range<Int>
  /// The line with markdown markers and link targets taken out.
  var plainBytes: ArraySlice<UInt8>
  /// The plain line lowercased: a slice of one buffer that holds the lowercased lines of
  /// the text read with it, so that a line costs no allocation of its own.
  var lowerBytes: ArraySlice<UInt8>
  /// The number of runs of `plain` between spaces and tabs.
  var wordCount: Int
  var scalarCount: Int
  var endsSentence: Bool
  var isHeading: Bool
  var isImage: Bool
  /// Whether the line is one markdown link and nothing else.
  var isLinkOnly: Bool
  var startsLowercase: Bool
  /// False when `plain` has no ASCII digit and is all ASCII, so that it has no digit at all.
  var mayHaveDigit: Bool
  /// The ASCII digits of `plain`.
  var asciiDigits: Int
  /// What the markup shape reads of the line's bytes where they have no links.
  var shape: ByteCounts.Shape
  /// Counts blank lines before the line: lines with the same count form one block.
  var block = 0

  /// Whether the line shares its block with other lines (a hard-wrapped paragraph).
  var isWrapped = false
  /// Whether the line's block is a markdown table: it has a separator row (`---|---`), or all
  /// its lines have as many bars (a clean text's table, whose separator row is gone).
  var isTable = false
  /// What the line says of the article, read once because several rules ask.
  var facts = LineFacts()
  /// Which boilerplate phrases the line has.
  var phrases: PhraseHits

  /// The line with markdown markers and link targets taken out.
  var plain: String { String(decoding: plainBytes, as: UTF8.self) }
  /// The plain line lowercased.
  var lower: String { String(decoding: lowerBytes, as: UTF8.self) }
  /// The runs of `plain` between spaces and tabs.
  var words: [Substring] { Self.words(of: plain, count: wordCount) }
  /// The first word, lowercased.
  var firstLowerWord: ArraySlice<UInt8> { lowerBytes.prefix { $0 != 0x20 && $0 != 0x09 } }

  /// A date, a site line with a date, or a document number.
  var hasDigitFact: Bool { facts.date != nil || facts.split != nil || facts.isDocumentType }

  /// A paragraph of prose: long, made of words, and ending as a sentence does unless it is
  /// long or wrapped; a long title is not prose.
  var isProse: Bool {
    wordCount >= 8 && scalarCount >= 60 && (endsSentence || isWrapped || scalarCount >= 100)
  }
  var isShort: Bool { wordCount <= 12 && !endsSentence }

  static func lines(in text: [UInt8]) -> [TextLine] {
    lines(in: text) { TextLine(text: text, range: $0, lower: &$1) }
  }

  /// The lines of `text`, where a line whose bytes are those of one of `earlier` (lines of
  /// `earlierText`) is taken from it instead of being read again: what a line says of
  /// itself depends on its bytes alone, and its place (block, wrapping, table) is found anew.
  ///
  /// The kept text that the stage judges a second time is mostly lines it has just read.
  static func lines(
    in text: [UInt8], reusing earlier: [TextLine], of earlierText: [UInt8]
  ) -> (lines: [TextLine], origins: [Int?]) {
    earlierText.withUnsafeBufferPointer { earlierBuffer in
      let bytes = { (index: Int) in UnsafeBufferPointer(rebasing: earlierBuffer[earlier[index].range]) }
      var known = ByteKeyIndex(capacity: earlier.count)
      for index in earlier.indices {
        let line = bytes(index)
        // A line seen before stays filed under its first index.
        _ = known.insert(index, for: line, isKey: { ByteKeyIndex.equal(bytes($0), line) })
      }
      var origins: [Int?] = []
      let read = text.withUnsafeBufferPointer { buffer in
        Self.lines(in: text) { range, lower in
          let line = UnsafeBufferPointer(rebasing: buffer[range])
          let origin = known.index(of: line, isKey: { ByteKeyIndex.equal(bytes($0), line) })
          origins.append(origin)
          guard let origin else { return TextLine(text: text, range: range, lower: &lower) }
          var taken = earlier[origin]
          taken.range = range
          return taken
        }
      }
      return (read, origins)
    }
  }

  /// The lines of `text` read by `read`, with their blocks, wrapping and tables.
  ///
  /// `read` appends the lowercased bytes of a line it reads anew to the buffer it is given;
  /// each such line's `lowerBytes` is its part of that buffer.
  private static func lines(
    in text: [UInt8], read: (Range<Int>, inout [UInt8]) -> TextLine
  ) -> [TextLine] {
    var lines: [TextLine] = []
    lines.reserveCapacity(text.count / 64)
    var lower: [UInt8] = []
    lower.reserveCapacity(text.count + text.count / 8)
    var lowered: [(line: Int, range: Range<Int>)] = []
    forEachLine(in: text) { range, block in
      let lowerStart = lower.count
      var line = read(range, &lower)
      if lower.count > lowerStart { lowered.append((lines.count, lowerStart..<lower.count)) }
      line.block = block
      line.isWrapped = false
      line.isTable = false
      lines.append(line)
    }
    for (line, range) in lowered { lines[line].lowerBytes = lower[range] }
    var tableBlocks: Set<Int> = []
    // The bars of each block's lines while they are all the same number; -1 once not.
    var blockBars: [Int: Int] = [:]
    for index in lines.indices {
      let previous = index > 0 && lines[index - 1].block == lines[index].block
      let next = index + 1 < lines.count && lines[index + 1].block == lines[index].block
      lines[index].isWrapped = previous || next
      guard lines[index].isWrapped else { continue }
      let bytes = text[lines[index].range]
      if Self.isTableSeparator(bytes) { tableBlocks.insert(lines[index].block) }
      let bars = bytes.lazy.filter { $0 == 0x7C }.count
      let seen = blockBars[lines[index].block] ?? bars
      blockBars[lines[index].block] = bars > 0 && seen == bars ? bars : -1
    }
    // A table whose separator row is gone (in clean text) is a block of lines with as many
    // bars each.
    for (block, bars) in blockBars where bars > 0 { tableBlocks.insert(block) }
    if !tableBlocks.isEmpty {
      for index in lines.indices where tableBlocks.contains(lines[index].block) {
        lines[index].isTable = true
      }
    }
    return lines
  }

  /// Calls `body` with the range of each line of `text` that is not blank, without the
  /// spaces, tabs and carriage returns around it, and its block: how many blank lines are
  /// before it.
  @inline(__always)
  static func forEachLine(in text: [UInt8], _ body: (Range<Int>, Int) -> Void) {
    var start = 0
    var block = 0
    while start < text.count {
      let end = ByteSearch.firstIndex(of: 0x0A, in: text[...], from: start) ?? text.count
      var low = start
      var high = end
      while low < high, text[low] == 0x20 || text[low] == 0x09 || text[low] == 0x0D { low += 1 }
      while high > low, text[high - 1] == 0x20 || text[high - 1] == 0x09 || text[high - 1] == 0x0D {
        high -= 1
      }
      if high > low {
        body(low..<high, block)
      } else {
        block += 1
      }
      start = end + 1
    }
  }

  /// Whether `other`'s lines are `lines` (lines of `text`), byte for byte and block for block:
  /// what a judgement reads of a text is its lines, so it would judge `other` as it judged
  /// `text`.
  static func areSame(_ lines: [TextLine], of text: [UInt8], as other: [UInt8]) -> Bool {
    var index = 0
    var same = true
    forEachLine(in: other) { range, block in
      guard same else { return }
      same =
        index < lines.count && lines[index].block == block && lines[index].range.count == range.count
        && text[lines[index].range].elementsEqual(other[range])
      index += 1
    }
    return same && index == lines.count
  }

  /// `---|---`, `|:--|--:|`: the row under a markdown table's header. Most lines open with
  /// a byte no such row opens with, and are spared the scan.
  static func isTableSeparator(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard bytes.first == 0x2D || bytes.first == 0x7C || bytes.first == 0x3A else { return false }
    return Markup.isTableSeparator(bytes)
  }

  /// Reads the line at `range` of `text` on its own.
  init(text: [UInt8], range: Range<Int>) {
    var lower: [UInt8] = []
    self.init(text: text, range: range, lower: &lower)
    lowerBytes = lower[...]
  }

  /// Reads the line at `range` of `text`, appending its lowercased plain bytes to `lower`.
  ///
  /// `lowerBytes` is left empty: the caller sets it to its part of `lower` once every line
  /// is read, as a slice taken earlier would keep `lower` from growing in place.
  init(text: [UInt8], range: Range<Int>, lower: inout [UInt8]) {
    self.range = range
    let bytes = text[range]
    let first = bytes.first ?? 0
    let last = bytes.last ?? 0
    isHeading = first == 0x23
    // An image line holds images and nothing else; article text beside an image stays.
    isImage = (first == 0x21 || first == 0x5B) && last == 0x29 && LineMarkupShape(bytes).isImageOnly
    isLinkOnly = first == 0x5B && last == 0x29 && bytes.lazy.filter { $0 == 0x5D }.count <= 1
    var counts = bytes.withUnsafeBufferPointer { ByteCounts($0) }
    shape = counts.shape
    // The line splitter trimmed ASCII spaces; only a non-ASCII end can be other white space.
    if counts.hasMarkup {
      plainBytes = Self.plainText(bytes)
      counts = plainBytes.withUnsafeBufferPointer(ByteCounts.init(plain:))
    } else if first >= 0x80 || last >= 0x80 {
      plainBytes = Self.trimmed(bytes)
      if plainBytes.count != bytes.count {
        counts = plainBytes.withUnsafeBufferPointer(ByteCounts.init(plain:))
      }
    } else {
      plainBytes = bytes
    }
    wordCount = counts.words
    scalarCount = counts.scalars
    asciiDigits = counts.digits
    mayHaveDigit = counts.digits > 0 || !counts.isASCII
    let start = lower.count
    Self.appendLowercased(plainBytes, isASCII: counts.isASCII, to: &lower)
    lowerBytes = []
    phrases = lower.withUnsafeBufferPointer { PhraseHits(in: UnsafeBufferPointer(rebasing: $0[start...])) }
    endsSentence = Self.endsSentence(plainBytes)
    startsLowercase = Self.startsLowercase(plainBytes)
    // The facts read the plain bytes and the words alone, given on their own: passing the
    // line would copy it, every slice and string of it retained.
    if LineFacts.mayState(
      wordCount: wordCount, asciiDigits: asciiDigits, mayHaveDigit: mayHaveDigit, plain: plainBytes)
    {
      facts = LineFacts(plain: plainBytes, wordCount: wordCount)
    }
  }

  /// Whether the last character before closing quotes and brackets ends a sentence. A trailing
  /// `…` marks a truncated running header, not a sentence's end.
  static func endsSentence(_ plain: ArraySlice<UInt8>) -> Bool {
    if let last = plain.last, last < 0x80, !Self.isCloser(Unicode.Scalar(last)) {
      return Self.isSentenceEnder(Unicode.Scalar(last))
    }
    // The scalars are read from the end, without making a string of the line.
    var end = plain.endIndex
    while end > plain.startIndex {
      let start = UTF8Scan.scalarStart(in: plain, before: end)
      let scalar = UTF8Scan.scalar(in: plain, at: start).0
      guard Self.isCloser(scalar) else { return Self.isSentenceEnder(scalar) }
      end = start
    }
    return false
  }

  /// Whether the first letter, after opening quotes, brackets and bullets, is lowercase.
  static func startsLowercase(_ plain: ArraySlice<UInt8>) -> Bool {
    if let first = plain.first, first < 0x80, !Self.isOpener(Unicode.Scalar(first)) {
      return (0x61...0x7A).contains(first)
    }
    var index = plain.startIndex
    while index < plain.endIndex {
      let (scalar, length) = UTF8Scan.scalar(in: plain, at: index)
      guard Self.isOpener(scalar) else { return ScalarProperties.isLowercase(scalar) }
      index += length
    }
    return false
  }

  /// Whether `scalar` is a closing quote or bracket that `endsSentence` looks past: `"`, `'`,
  /// `”`, `’`, `»`, `)`, `]`.
  static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x22, 0x27, 0x29, 0x5D, 0xBB, 0x2019, 0x201D: true
    default: false
    }
  }

  /// Whether `scalar` ends a sentence: `.`, `!`, `?`, `;`, `:`, `。`, `！`, `？`, `؟`.
  static func isSentenceEnder(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x21, 0x2E, 0x3A, 0x3B, 0x3F, 0x61F, 0x3002, 0xFF01, 0xFF1F: true
    default: false
    }
  }

  /// Whether `scalar` is an opening quote, bracket or bullet that `startsLowercase` looks
  /// past: `"`, `'`, `“`, `‘`, `«`, `(`, `[`, `¿`, `¡`, `•`, `*`, `-`.
  static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x22, 0x27, 0x28, 0x2A, 0x2D, 0x5B, 0xA1, 0xAB, 0xBF, 0x2018, 0x201C, 0x2022: true
    default: false
    }
  }

  /// The line's words: the runs between spaces and tabs, cut on bytes, as grapheme
  /// clusters would only slow the cut down.
  static func words(of text: String, count: Int = 0) -> [Substring] {
    var words: [Substring] = []
    words.reserveCapacity(count)
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte == 0x20 || byte == 0x09 {
        if start != index { words.append(text[start..<index]) }
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    if start != utf8.endIndex { words.append(text[start..<utf8.endIndex]) }
    return words
  }

  /// Appends `text` lowercased to `lower`: ASCII sixteen or eight bytes at a time, other
  /// scalars by their Unicode mapping, without the combining dot that Turkish `İ` lowercases
  /// to, which no phrase spells.
  static func appendLowercased(_ text: ArraySlice<UInt8>, isASCII: Bool, to lower: inout [UInt8]) {
    guard !isASCII else {
      let start = lower.count
      lower.append(contentsOf: text)
      lower.withUnsafeMutableBufferPointer { buffer in
        let lowered = UnsafeMutableBufferPointer(rebasing: buffer[start...])
        let output = UnsafeMutableRawBufferPointer(lowered)
        let source = UnsafeBufferPointer(lowered)
        var index = 0
        #if arch(x86_64)
          while let block = ByteBlock.load(source, at: index) {
            ByteBlock.store(ByteBlock.lowercasingASCII(block), in: output, at: index)
            index += 16
          }
        #endif
        // Eight letters at a time: each capital's 0x20 bit is its high bit of the mask
        // shifted down two.
        while let word = ByteWord.load(source, at: index) {
          let lowered = word | ByteWord.between(word, 0x40, 0x5B) >> 2
          output.storeBytes(of: lowered.littleEndian, toByteOffset: index, as: UInt64.self)
          index += 8
        }
        while index < source.count {
          output[index] = Self.lowerASCII(source[index])
          index += 1
        }
      }
      return
    }
    // Runs of bytes that lowercasing leaves alone (ASCII but capitals, scalars that keep
    // their case: lowercase letters, punctuation, scripts without case) are copied whole.
    text.withUnsafeBufferPointer { text in
      let bytes = { (range: Range<Int>) in UnsafeBufferPointer(rebasing: text[range]) }
      var index = 0
      var runStart = 0
      // Lowercases the character at `index` and steps past it.
      func lowerCharacter() {
        let byte = text[index]
        if byte < 0x80 {
          index += 1
          guard (0x41...0x5A).contains(byte) else { return }
          lower.append(contentsOf: bytes(runStart..<index - 1))
          lower.append(byte | 0x20)
          runStart = index
          return
        }
        let (scalar, length) = UTF8Scan.scalar(in: text, at: index)
        index += length
        // A byte that starts no scalar (length 1) is written as U+FFFD, as it always was.
        guard length == 1 || !LowercaseTable.keepsCase(scalar) else { return }
        lower.append(contentsOf: bytes(runStart..<index - length))
        LowercaseTable.appendLowercase(of: scalar, to: &lower)
        runStart = index
      }
      while index < text.count {
        // A block's capitals and bytes above ASCII are visited one by one, and its other
        // bytes stepped over; eight bytes of ASCII without a capital are stepped over at once.
        #if arch(x86_64)
          if let block = ByteBlock.load(text, at: index) {
            let start = index
            var flagged = ByteBlock.bits(ByteBlock.or(block, ByteBlock.between(block, 0x40, 0x5B)))
            while flagged != 0 {
              let at = start + flagged.trailingZeroBitCount
              flagged &= flagged - 1
              // A byte of a character visited already.
              guard at >= index else { continue }
              index = at
              lowerCharacter()
            }
            index = max(index, start + 16)
            continue
          }
        #endif
        if let word = ByteWord.load(text, at: index),
          ByteWord.nonASCIIMask(word) | ByteWord.between(word, 0x40, 0x5B) == 0
        {
          index += 8
          continue
        }
        lowerCharacter()
      }
      lower.append(contentsOf: bytes(runStart..<index))
    }
  }

  private static func lowerASCII(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
  }

  /// Takes out heading markers, emphasis markers, autolinks and link targets.
  ///
  /// Every marker is ASCII, so the bytes of other characters are copied as they are.
  static func plainText(_ raw: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var result: [UInt8] = []
    result.reserveCapacity(raw.count)
    var index = raw.startIndex
    let end = raw.endIndex
    while index < end, raw[index] == 0x23 { index += 1 }
    while index < end {
      // The bytes up to the next that may be markup are the line's own, copied in one go.
      let run = Self.plainTextTriggers.firstIndex(in: raw[index...])
      if run > index {
        result.append(contentsOf: raw[index..<run])
        index = run
        continue
      }
      let byte = raw[index]
      if byte == 0x5D, index + 1 < end, raw[index + 1] == 0x28,
        let close = raw[index...].firstIndex(of: 0x29)
      {
        index = close + 1
        continue
      }
      if byte == 0x3C, raw[index...].starts(with: "<http".utf8),
        let close = raw[index...].firstIndex(of: 0x3E)
      {
        index = close + 1
        continue
      }
      index += 1
      let next: UInt8? = index < end ? raw[index] : nil
      switch byte {
      case 0x2A, 0x5B: continue
      case 0x21 where next == 0x5B: continue
      case 0x5F where result.last == nil || result.last == 0x20 || next == nil || next == 0x20: continue
      default: result.append(byte)
      }
    }
    return trimmed(result[...])
  }

  /// The bytes that `plainText` may take out or act on: `]`, `<`, `*`, `[`, `!`, `_`.
  private static let plainTextTriggers = ByteTable([0x5D, 0x3C, 0x2A, 0x5B, 0x21, 0x5F])

  /// The bytes without white space at either end.
  static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end {
      let (scalar, length) = UTF8Scan.scalar(in: bytes, at: start)
      guard ScalarProperties.isWhitespace(scalar) else { break }
      start += length
    }
    while start < end {
      let scalarStart = UTF8Scan.scalarStart(in: bytes, before: end)
      guard scalarStart >= start, ScalarProperties.isWhitespace(UTF8Scan.scalar(in: bytes, at: scalarStart).0)
      else {
        break
      }
      end = scalarStart
    }
    return bytes[start..<end]
  }
}

extension String {
  /// The string without white space at either end.
  func trimmingCharacters() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !ScalarProperties.isWhitespace($0) }),
      let last = scalars.lastIndex(where: { !ScalarProperties.isWhitespace($0) })
    else { return "" }
    return String(scalars[first...last])
  }
}

/// One line of a dump as the main-text model sees it; for training and inspection.
public struct BlockDescription: Sendable {
  /// The line's index among the non-blank lines.
  public var index: Int
  /// Counts blank lines before the line: lines with the same count form one block.
  public var block: Int
  /// The line as the dump has it.
  public var raw: String
  /// The line without markup.
  public var plain: String
  /// The features, in the order of `Boilerplate.featureNames`.
  public var features: [Double]
}

extension Boilerplate {
  /// The names of the features the main-text model reads.
  public static var featureNames: [String] { BlockFeatures.names }

  /// The non-blank lines of `text` with their features.
  public static func describeBlocks(_ text: [UInt8], profile: BatchProfile = .empty) -> [BlockDescription] {
    let lines = TextLine.lines(in: text)
    guard !lines.isEmpty else { return [] }
    var judge = Judgement(lines: lines, text: text)
    judge.run()
    let batch = BatchLines(lines: lines, text: text, profile: profile)
    let features = BlockFeatures(
      lines: lines, text: text, verdicts: judge.verdicts, titleLine: judge.titleLine,
      recurrence: batch.recurrence, inBatch: batch.inBatch)
    let stride = BlockFeatures.count
    return lines.enumerated().map { index, line in
      BlockDescription(
        index: index, block: line.block, raw: String(decoding: text[line.range], as: UTF8.self),
        plain: line.plain, features: Array(features.values[index * stride..<(index + 1) * stride]))
    }
  }
}

/// A stage that proposes edits made elsewhere: how `Boilerplate` runs the later stages over
/// the text its edits make.
struct FixedEdits: Stage {
  let id = "boilerplate"
  let version = 0
  var edits: [TextEdit]

  func propose(for text: [UInt8]) -> Proposal { Proposal(edits: edits) }
}
