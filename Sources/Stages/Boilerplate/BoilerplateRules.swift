import Pipeline

/// The shape rules' verdict on each line (features and vetoes of the main-text model), and
/// the metadata the head and tail of a document give.
struct Judgement {
  let lines: [TextLine]
  /// The text the lines are ranges of.
  let text: [UInt8]
  /// The names of the first lines, read as the head asks (see `readNames(through:)`).
  private var names: [NameFacts] = []
  var verdicts: [Verdict?]
  var metadata = DocumentMetadata()
  var warnings: [String] = []
  /// The line the head rules took for the title.
  var titleLine: Int?

  init(lines: [TextLine], text: [UInt8]) {
    self.lines = lines
    self.text = text
    // `run` gives every line its verdict.
    verdicts = []
  }

  /// The verdicts of the rules that hold anywhere (`anywhere`), which read each line alone.
  private(set) var own: [Verdict?] = []

  /// Gives every line its verdict; `own` are the lines' verdicts of the rules that read them
  /// alone, where an earlier judgement of the same lines made them.
  mutating func run(own: [Verdict?]? = nil) {
    self.own = own ?? lines.indices.map { Self.anywhere(lines[$0]) }
    verdicts = self.own
    judgeNeighbours()
    readNames(through: 6)
    // A site's address among the first lines closes its masthead, however long the lines
    // above it are (a motto, a slogan).
    let topChrome = lines.indices.prefix(6).last { isChrome($0) } ?? -1
    let prose = lines.indices.filter {
      $0 > topChrome && verdicts[$0] == nil && lines[$0].isProse
        && !Self.isCallToAction(lines[$0], strict: false) && lines[$0].phrases.notices == 0
    }
    readNames(through: prose.first ?? lines.count)
    let bodyStart = bodyStart(firstProse: prose.first ?? lines.count)
    let bodyEnd = prose.last ?? lines.count - 1
    judgeHead(upTo: bodyStart)
    judgeTail(after: max(bodyEnd, bodyStart - 1))
    judgeInterruptions()
    judgeRepeats()
    if metadata.site.isEmpty, let host = Self.host(of: metadata.sourceURL) { metadata.site = host }
    // A text of one line has no title; it is all body.
    if lines.count == 1 { metadata.title = "" }
    metadata = metadata.withSpacesCollapsed()
  }

  /// Reads the names and bylines of the lines up to `last`. Only the head and the line after
  /// it ask whether a line is a name, so the body's lines are spared the question.
  private mutating func readNames(through last: Int) {
    while names.count <= min(last, lines.count - 1) {
      names.append(NameFacts(lines[names.count]))
    }
  }

  /// The names of the line at `index`: read already for the head, read now for another line.
  private func names(at index: Int) -> NameFacts {
    index < names.count ? names[index] : NameFacts(lines[index])
  }

  /// A byline, a date or a site line: a fact of the head, which goes to the metadata.
  private func isHeadFact(_ index: Int) -> Bool {
    guard !lines[index].hasDigitFact else { return true }
    let names = names(at: index)
    return names.byline != nil || (names.isNameLine && lines[index].isWrapped)
  }

  /// The user's phrases have the last word: true where a line goes (up to sixty words with
  /// a `remove` phrase), false where it stays (a `keep` phrase), nil where they say nothing.
  func userVerdicts(_ phrases: UserPhrases) -> [Bool?] {
    guard !phrases.isEmpty else { return Array(repeating: nil, count: lines.count) }
    let keep = PhraseList(phrases.keep.map { $0.lowercased() })
    let remove = PhraseList(phrases.remove.map { $0.lowercased() })
    return lines.map { line in
      if keep.matches(line.lowerBytes) { return false }
      if line.wordCount <= 60, remove.matches(line.lowerBytes) { return true }
      return nil
    }
  }

  // MARK: - Rules that hold anywhere

  /// Lines whose kind is plain from the line alone.
  static func anywhere(_ line: TextLine) -> Verdict? {
    // A table's cells are short and split by bars, as menus are; the model judges a table.
    guard !line.isTable else { return nil }
    if line.isImage { return .image }
    // Only a notice can be longer than thirty words; most lines of an article stop here.
    if line.wordCount > 30 { return notice(line) }
    if Self.isPageNumber(line) { return .pageNumber }
    if Self.isAddressOnly(line) {
      return .siteAddress
    }
    if line.wordCount <= 25, Self.isCopyright(line) {
      return .copyright
    }
    if let verdict = notice(line) { return verdict }
    if Self.isCallToAction(line, strict: true) {
      return .callToAction
    }
    if line.wordCount <= 10, !line.endsSentence, Self.networkCount(line) >= 2 {
      return .shareBar
    }
    if let label = Self.labelName(of: line) {
      // The value is read only where a rule below takes the name.
      lazy var value = Self.labelValue(of: line, after: label)
      if line.wordCount <= 12, Self.contactLabels.matches(Array(label.name.utf8)[...]),
        line.words.contains(where: Self.isEmail) || value.text.contains(where: \.isNumber)
      {
        return .contact
      }
      if BoilerplatePhrases.sourceLabels.contains(label.name) {
        return .source
      }
      if BoilerplatePhrases.authorLabels.contains(label.name), value.isShort {
        return .byline
      }
      if BoilerplatePhrases.taxonomyLabels.contains(label.name), value.isShort {
        return .taxonomy
      }
      if line.wordCount <= 14, BoilerplatePhrases.captionLabels.contains(label.name) {
        return .caption
      }
    }
    if line.isShort, line.wordCount >= 2, Self.isCaptionLabel(line.firstLowerWord),
      Self.isCredit(line.words)
    {
      return .caption
    }
    if line.isShort, !line.isWrapped, !line.isHeading, Self.captionOpeners.prefixes(line.lowerBytes) {
      return .captionNamingPicture
    }
    if Self.isRelatedHeader(line) { return .related }
    if Self.isNavigation(line) { return .navigation }
    if line.facts.date != nil { return .dateline }
    if line.wordCount <= 8, line.facts.split != nil {
      return .datelineWithName
    }
    return nil
  }

  /// The caption labels' bytes, to test a line's first word without making strings.
  private static let captionLabelBytes = BoilerplatePhrases.captionLabels.map { Array($0.utf8) }

  /// Whether `word` is a caption label, compared in place: a short line's first word is
  /// asked, and most differ in length from every label.
  private static func isCaptionLabel(_ word: ArraySlice<UInt8>) -> Bool {
    captionLabelBytes.contains { $0.count == word.count && $0.elementsEqual(word) }
  }

  /// `Photo by …`, `Foto: von …`: a caption label and a byline word.
  static func isCredit(_ words: [Substring]) -> Bool {
    BoilerplatePhrases.captionLabels.contains(words[0].lowercased())
      && BoilerplatePhrases.bylineWords.contains(words[1].lowercased())
  }

  /// The rest of a notice wrapped onto the next line, and the caption beside an image.
  mutating func judgeNeighbours() {
    for index in lines.indices.dropLast() {
      guard let verdict = verdicts[index], verdicts[index + 1] == nil else { continue }
      let next = lines[index + 1]
      let sameBlock = next.block == lines[index].block
      if sameBlock, !lines[index].endsSentence, next.wordCount <= 12, verdict.name != "page-number" {
        verdicts[index + 1] = verdict
      } else if verdict.name == "image", next.isShort {
        verdicts[index + 1] = .captionUnderImage
      }
    }
  }

  /// A disclaimer, fair-use or republishing notice: one notice phrase in up to twelve words or
  /// after `Disclaimer`, or two in any length (the fair-use paragraphs of some sites run long).
  /// A sentence of the article that mentions a first edition has one phrase and more words.
  static func notice(_ line: TextLine) -> Verdict? {
    let notices = line.phrases.notices
    guard
      notices >= 2
        || (notices == 1 && (line.wordCount <= 12 || line.lowerBytes.starts(with: "disclaimer".utf8)))
    else {
      return nil
    }
    return .notice
  }

  // MARK: - Zones

  /// The first line of the body: the first line of prose, or an earlier line that a
  /// lowercase line continues (a paragraph split right at its start).
  func bodyStart(firstProse: Int) -> Int {
    var index = 0
    while index < firstProse {
      if verdicts[index] == nil, index > 0, index + 1 < lines.count, !lines[index].isHeading,
        !isChrome(index),
        lines[index + 1].startsLowercase, verdicts[index + 1] == nil, !isHeadFact(index + 1)
      {
        return index
      }
      index += 1
    }
    return firstProse
  }

  /// Before the body: the title stays; bylines, dates and site names go to the metadata,
  /// and so do the lines that stand in one block with them (an affiliation under a name).
  mutating func judgeHead(upTo bodyStart: Int) {
    let head = 0..<min(bodyStart, lines.count)
    let candidates = head.filter { verdicts[$0] == nil && !isHeadFact($0) }
    // The title follows the site's chrome: mastheads, addresses, navigation, document types.
    // An all-capitals line after a line that could be the title is a label under it (a
    // kicker, a box's heading), not the site's masthead.
    let firstTitleLike = candidates.first { !isMastheadOnly($0) }
    let lastChrome =
      head.last { index in
        isChrome(index) && (firstTitleLike.map { index < $0 } ?? true || !isMastheadOnly(index))
      } ?? -1
    // A text's first line that reads only as a name (two capitalized words) and stands before
    // any other candidate is the title: a byline follows the title, it does not open the text.
    let opening = head.first { verdicts[$0] == nil && !isChrome($0) }.flatMap { index in
      isHeadFact(index) && !lines[index].hasDigitFact && names(at: index).byline == nil
        && index < (candidates.first ?? Int.max) && index > lastChrome ? index : nil
    }
    let titleIndex =
      candidates.first { lines[$0].isHeading }
      ?? opening
      ?? candidates.first { $0 > lastChrome && !lines[$0].isLinkOnly }
      ?? candidates.first { !Self.isMasthead(in: lines, at: $0) }
      ?? candidates.first
    for index in head {
      let line = lines[index]
      if index == titleIndex {
        metadata.title = line.plain
        titleLine = index
        continue
      }
      collectFacts(from: line, names: names(at: index))
      guard verdicts[index] == nil else { continue }
      if let titleIndex, index < titleIndex, index <= lastChrome || line.wordCount <= 10 {
        if Self.isMasthead(line), metadata.site.isEmpty { metadata.site = line.plain }
        verdicts[index] = .masthead
      } else if isHeadFact(index) {
        verdicts[index] = .head
      } else if line.isLinkOnly, line.isShort {
        if metadata.source.isEmpty { metadata.source = line.plain }
        verdicts[index] = .sourceAboveArticle
      }
    }
    expandHeadFacts(in: head, title: titleIndex)
  }

  /// Takes the short lines that share a block with a fact of the head (an affiliation under
  /// a name), and names standing next to one.
  private mutating func expandHeadFacts(in head: Range<Int>, title: Int?) {
    var changed = true
    while changed {
      changed = false
      for index in head where index != title && verdicts[index] == nil && lines[index].isShort {
        let line = lines[index]
        let neighbours = [index - 1, index + 1].filter { head.contains($0) && $0 != title }
        let joined = neighbours.contains { verdicts[$0] != nil && lines[$0].block == line.block }
        let isNameLine = names(at: index).isNameLine
        let named = isNameLine && neighbours.contains { verdicts[$0] != nil }
        guard joined || named else { continue }
        if isNameLine, metadata.byline.isEmpty { metadata.byline = line.plain }
        verdicts[index] = .head
        changed = true
      }
    }
  }

  /// Whether the line is the site's own: an address, navigation, a masthead, a document type.
  private func isChrome(_ index: Int) -> Bool {
    if let rule = verdicts[index]?.name, Self.chromeRules.contains(rule) { return true }
    // An all-capitals line with a byline or date under it is a title, not a masthead.
    let isMasthead =
      Self.isMasthead(in: lines, at: index) && !(index + 1 < lines.count && isHeadFact(index + 1))
    return isMasthead || lines[index].facts.isDocumentType || Self.hasAddress(in: lines, at: index)
  }

  /// Whether a short line has an address: an `@`, or a word that starts with `www.` or `http`.
  ///
  /// By index, as `isMasthead(in:at:)` is: the first lines of every text are asked.
  private static func hasAddress(in lines: [TextLine], at index: Int) -> Bool {
    lines[index].wordCount <= 6
      && (lines[index].plainBytes.contains(0x40) || ByteSearch.contains(lines[index].lowerBytes, Self.www)
        || ByteSearch.contains(lines[index].lowerBytes, Self.http))
      && lines[index].words.contains { Self.isEmail($0) || $0.hasPrefix("www.") || $0.hasPrefix("http") }
  }

  /// Whether the line is chrome only by being a masthead: all capitals, no address or rule.
  private func isMastheadOnly(_ index: Int) -> Bool {
    isChrome(index) && verdicts[index] == nil && !lines[index].facts.isDocumentType
      && !lines[index].plainBytes.contains(0x40) && Self.isMasthead(in: lines, at: index)
  }

  private static let chromeRules: Set = ["site-address", "navigation", "contact", "share-bar"]
  private static let www = Array("www.".utf8)
  private static let http = Array("http".utf8)

  /// The host of a URL, without `www.`.
  static func host(of url: String) -> String? {
    guard let (_, rest) = ByteSearch.splitOnce(url, at: "://") else { return nil }
    let host = rest.prefix { $0 != "/" && $0 != ":" }
    let bare = host.hasPrefix("www.") ? host.dropFirst(4) : host
    return bare.isEmpty ? nil : String(bare)
  }

  /// The first `http` address in a line, without the markup around it.
  static func firstURL(in raw: String) -> String? {
    guard let (_, rest) = ByteSearch.splitOnce(raw, at: "http") else { return nil }
    let url = "http" + rest.prefix { !" <>()[]\"".contains($0) }
    return url.count > 8 ? String(url) : nil
  }

  /// Fills the metadata from a head line: byline, date, site.
  mutating func collectFacts(from line: TextLine, names: NameFacts) {
    if let byline = names.byline, metadata.byline.isEmpty {
      metadata.byline = byline
    } else if let date = line.facts.date, metadata.date.isEmpty {
      metadata.date = date
    } else if let fact = line.facts.split {
      if metadata.date.isEmpty { metadata.date = fact.date }
      if Self.isName(fact.rest) || Self.isCorrespondent(fact.rest), metadata.byline.isEmpty {
        metadata.byline = fact.rest
      } else if metadata.site.isEmpty {
        metadata.site = fact.rest
      }
    } else if names.isNameLine, metadata.byline.isEmpty {
      metadata.byline = line.plain
    } else if Self.isAddressOnly(line), metadata.site.isEmpty {
      metadata.site = String(line.words.first ?? "")
    } else if let label = Self.label(of: line), BoilerplatePhrases.sourceLabels.contains(label.name) {
      let url = Self.firstURL(in: String(decoding: text[line.range], as: UTF8.self)) ?? ""
      if metadata.sourceURL.isEmpty { metadata.sourceURL = url }
      if metadata.source.isEmpty, url.isEmpty { metadata.source = label.value }
    }
  }

  /// After the body: related blocks and the short lines under them, names and sites.
  mutating func judgeTail(after bodyEnd: Int) {
    var inRelated = false
    for index in lines.indices where index > bodyEnd {
      let line = lines[index]
      if verdicts[index]?.name == "related" {
        inRelated = true
        continue
      }
      if let label = Self.labelName(of: line), BoilerplatePhrases.sourceLabels.contains(label.name) {
        collectFacts(from: line, names: names(at: index))
      }
      guard verdicts[index] == nil else { continue }
      if inRelated, line.wordCount <= 15 {
        verdicts[index] = .related
      } else if Self.isMasthead(line) || line.facts.isDocumentType {
        verdicts[index] = .tail
      } else if Self.isCallToAction(line, strict: false) {
        verdicts[index] = .callToAction
      } else if line.wordCount <= 50, line.phrases.notices > 0 {
        verdicts[index] = .notice
      }
    }
  }

  /// Short lines standing between the halves of a paragraph that a page break cut: blocks
  /// of short lines after a paragraph that stops mid-sentence, before one that goes on in
  /// lowercase.
  mutating func judgeInterruptions() {
    for index in lines.indices {
      let line = lines[index]
      let isBlockEnd = index + 1 == lines.count || lines[index + 1].block != line.block
      guard verdicts[index] == nil, !line.endsSentence, line.isProse, isBlockEnd else { continue }
      var next = index + 1
      var isProseBlock = false
      while next < lines.count, verdicts[next] != nil || lines[next].isShort {
        let startsBlock = lines[next].block != lines[next - 1].block
        if startsBlock, verdicts[next] == nil, lines[next].startsLowercase { break }
        // A short line that a lowercase line continues in its own block is wrapped prose.
        if !startsBlock, verdicts[next] == nil, lines[next].startsLowercase {
          isProseBlock = true
          break
        }
        next += 1
      }
      guard !isProseBlock else { continue }
      guard next > index + 1, next < lines.count, lines[next].startsLowercase,
        lines[next].block != lines[next - 1].block
      else { continue }
      for between in (index + 1)..<next where verdicts[between] == nil {
        verdicts[between] = .furniture
      }
    }
  }

  /// The title repeated as a running header, and short lines repeated beside page numbers.
  mutating func judgeRepeats() {
    // Only a line beside a page number can be a running header; most documents have none.
    let hasPageNumbers = verdicts.contains { $0?.name == "page-number" }
    var seenTitle = false
    let title = Array(metadata.title.utf8)
    for index in lines.indices {
      // The title as a string is the one the metadata holds, not one made again for each line.
      if !title.isEmpty, Self.isSameText(lines[index].plainBytes, title[...], string: metadata.title) {
        if seenTitle, verdicts[index] == nil {
          verdicts[index] = .runningHeaderTitle
        }
        seenTitle = true
        continue
      }
      guard hasPageNumbers, verdicts[index] == nil, lines[index].wordCount <= 12, besidePageNumber(index),
        isRepeated(index)
      else {
        continue
      }
      verdicts[index] = .runningHeaderBesidePageNumbers
    }
  }

  /// Whether another line of up to twelve words has the same plain text as line `index`.
  ///
  /// The lines are read in place: a page of a long document asks this of many lines, and a
  /// copy of each line it compares would retain its slices.
  private func isRepeated(_ index: Int) -> Bool {
    let plain = lines[index].plainBytes
    var count = 0
    for other in lines.indices
    where lines[other].wordCount <= 12 && Self.isSameText(lines[other].plainBytes, plain) {
      count += 1
      if count == 2 { return true }
    }
    return false
  }

  /// Whether `bytes` and `text` are the same text; canonically equivalent spellings differ
  /// in bytes only where one of them is not ASCII.
  ///
  /// Where the two first differ, two ASCII bytes (or an end) start characters that no
  /// canonical equivalence maps onto each other, so the texts differ.
  static func isSameText(_ bytes: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
    isSameText(bytes, text, string: String(decoding: text, as: UTF8.self))
  }

  /// `isSameText(_:_:)` where `string` is `text` as a string already; it is read only where
  /// the bytes do not decide.
  static func isSameText(
    _ bytes: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>, string: @autoclosure () -> String
  ) -> Bool {
    var index = bytes.startIndex
    var other = text.startIndex
    while index < bytes.endIndex, other < text.endIndex, bytes[index] == text[other] {
      index += 1
      other += 1
    }
    let left = index < bytes.endIndex ? bytes[index] : 0
    let right = other < text.endIndex ? text[other] : 0
    if left < 0x80, right < 0x80 { return left == right }
    return String(decoding: bytes, as: UTF8.self) == string()
  }

  private func besidePageNumber(_ index: Int) -> Bool {
    [index - 1, index + 1].contains { lines.indices.contains($0) && verdicts[$0]?.name == "page-number" }
  }

  // MARK: - Line shapes

  static let callToAction = PhraseList(BoilerplatePhrases.callToAction)
  static let contactLabels = PhraseList(BoilerplatePhrases.contactLabels)
  static let captionOpeners = PhraseList(BoilerplatePhrases.captionOpeners)
  static let correspondentWords = PhraseList(["correspondent", "reporter", "staff writer", "editor"])

  static func isNumber<S: StringProtocol>(_ word: S) -> Bool {
    !word.isEmpty && word.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal }
  }

  /// `12`, `- 12 -`, `Page 12`, `Страница 12`, `12 / 40`, `147 site.example`.
  static func isPageNumber(_ line: TextLine) -> Bool {
    // A page number has a number, and a number has a digit.
    guard line.wordCount <= 5, LineFacts.longestDigitRun(in: line.plainBytes) > 0 else { return false }
    guard line.plainBytes.allSatisfy({ $0 < 0x80 }) else { return isPageNumberReadAsCharacters(line.words) }
    return isASCIIPageNumber(line.plainBytes)
  }

  /// `isPageNumber` read on the line's words as strings.
  static func isPageNumberReadAsCharacters(_ words: [Substring]) -> Bool {
    var numbers = 0
    for word in words {
      let bare = word.trimmingCharacters(in: "-–—()[]|.")
      if bare.isEmpty || pageConnectors.contains(bare) { continue }
      if isNumber(bare) {
        numbers += 1
      } else if !BoilerplatePhrases.pageWords.contains(bare.lowercased()) && !isDomain(bare) {
        return false
      }
    }
    return (1...2).contains(numbers)
  }

  /// `isPageNumber` of a line all in ASCII, read on its bytes, each of which is a character.
  static func isASCIIPageNumber(_ plain: ArraySlice<UInt8>) -> Bool {
    var numbers = 0
    var isPage = true
    plain.withUnsafeBufferPointer { plain in
      WordRuns.forEach(in: plain, tabs: true) { word in
        guard isPage else { return }
        var bare = plain[word]
        while let first = bare.first, isPageTrimmed(first) { bare = bare.dropFirst() }
        while let last = bare.last, isPageTrimmed(last) { bare = bare.dropLast() }
        if bare.isEmpty || asciiPageConnectors.contains(where: { $0.elementsEqual(bare) }) { return }
        if bare.allSatisfy({ (0x30...0x39).contains($0) }) {
          numbers += 1
          return
        }
        let lowered = bare.lazy.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        guard !asciiPageWords.contains(where: { $0.elementsEqual(lowered) }) else { return }
        isPage = isASCIIDomain(UnsafeBufferPointer(rebasing: bare)) == true
      }
    }
    return isPage && (1...2).contains(numbers)
  }

  /// The words that join the numbers of a page line (`12 of 40`), which count for neither.
  static let pageConnectors: Set<String> = ["/", "of", "de", "von", "из", "z"]

  /// The connectors and page words in ASCII, as bytes, for lines in ASCII.
  private static let asciiPageConnectors = asciiBytes(of: pageConnectors)
  private static let asciiPageWords = asciiBytes(of: BoilerplatePhrases.pageWords)

  private static func asciiBytes(of words: Set<String>) -> [[UInt8]] {
    words.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
  }

  /// The ASCII bytes trimmed off a page line's words: `-`, `(`, `)`, `[`, `]`, `|`, `.`.
  private static func isPageTrimmed(_ byte: UInt8) -> Bool {
    byte == 0x2D || byte == 0x28 || byte == 0x29 || byte == 0x5B || byte == 0x5D || byte == 0x7C
      || byte == 0x2E
  }

  static func isDomain<S: StringProtocol>(_ word: S) -> Bool {
    if let isDomain = word.utf8.withContiguousStorageIfAvailable(isASCIIDomain), let isDomain {
      return isDomain
    }
    return isDomainReadAsCharacters(word)
  }

  /// `isDomain` read on bytes, where they are all ASCII: labels of letters, digits and `-`
  /// between dots, two at least, the last of two letters or more; nil where a byte is not ASCII.
  static func isASCIIDomain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    var labels = 0
    var label = (length: 0, isLetters: true)
    var last = label
    for byte in bytes {
      guard byte != 0x2E else {
        // Dots side by side, or at an end, part no empty label (`split` drops it).
        if label.length > 0 {
          labels += 1
          last = label
        }
        label = (0, true)
        continue
      }
      let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
      guard isLetter || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D else { return false }
      label.length += 1
      label.isLetters = label.isLetters && isLetter
    }
    if label.length > 0 {
      labels += 1
      last = label
    }
    return labels >= 2 && last.length >= 2 && last.isLetters
  }

  /// Two parts or more between dots, of letters, digits and `-`, the last of two ASCII letters
  /// or more, and no `@`.
  static func isDomainReadAsCharacters<S: StringProtocol>(_ word: S) -> Bool {
    let parts = word.split(separator: ".")
    guard parts.count >= 2, !word.contains("@"), let last = parts.last, last.count >= 2 else { return false }
    // A top-level domain is written in ASCII letters (an internationalized one as `xn--…`):
    // words of another script run together with a full stop, as an extractor that lost the
    // spaces leaves them, are no address.
    return last.allSatisfy { $0.isASCII && $0.isLetter }
      && parts.allSatisfy { part in part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
  }

  static func isEmail<S: StringProtocol>(_ word: S) -> Bool {
    let parts = word.trimmingCharacters(in: "<>()[].,;:").split(separator: "@")
    return parts.count == 2 && isDomain(parts[1]) && !parts[0].isEmpty
  }

  /// A line of nothing but web addresses and e-mail addresses.
  static func isAddressOnly(_ line: TextLine) -> Bool {
    // Each word is a domain or an address, with a dot or an `@`, or starts with `http`.
    line.wordCount > 0 && line.wordCount <= 4 && mayBeAddress(firstWordOf: line.plainBytes)
      && line.words.allSatisfy { isDomain($0) || isEmail($0) || $0.hasPrefix("http") }
  }

  /// False when the first word of `plain` is neither a domain (a dot with more than dots on
  /// either side), nor an e-mail address (an `@`), nor a web address (`http`): a test on the
  /// bytes that spares most lines the words `isAddressOnly` splits.
  static func mayBeAddress(firstWordOf plain: ArraySlice<UInt8>) -> Bool {
    let word = plain.prefix { $0 != 0x20 && $0 != 0x09 }
    guard !word.contains(0x40), !word.starts(with: "http".utf8) else { return true }
    guard let first = word.firstIndex(where: { $0 != 0x2E }),
      let last = word.lastIndex(where: { $0 != 0x2E }),
      first < last
    else { return false }
    return word[first..<last].contains(0x2E)
  }

  static func isCopyright(_ line: TextLine) -> Bool {
    // The sign is C2 A9 in UTF-8; most lines have no C2 byte (where A9 ends `é` and others).
    if ByteSearch.firstOffset(of: Self.copyrightSign, in: line.plainBytes) != nil {
      let words = line.words
      if line.plain.hasPrefix("©")
        || words.contains(where: { $0.hasPrefix("©") })
          && words.contains(where: { $0.count == 4 && isNumber($0.trimmingCharacters(in: ",.")) })
      {
        return true
      }
    }
    if line.phrases.copyright { return true }
    guard line.lowerBytes.starts(with: "copyright".utf8) || line.lowerBytes.starts(with: "(c)".utf8) else {
      return false
    }
    return line.words.dropFirst().prefix(3).contains {
      isNumber($0.trimmingCharacters(in: ",.")) || $0 == "?"
    }
  }

  private static let copyrightSign = Array("©".utf8)

  /// A call to action: imperative (the phrase opens the line) or short; below the article,
  /// any line of up to thirty words with such a phrase.
  static func isCallToAction(_ line: TextLine, strict: Bool) -> Bool {
    guard line.wordCount <= 30 else { return false }
    guard line.phrases.callToAction else { return false }
    guard strict, line.wordCount > 12 else { return true }
    return callToAction.prefixes(line.lowerBytes)
  }

  /// The social networks' names, for looking words up.
  private static let networkNames = Set(BoilerplatePhrases.networks)

  static func networkCount(_ line: TextLine) -> Int {
    // Most lines name no network; one scan of the line says so.
    guard line.phrases.network else { return 0 }
    return line.words.filter {
      Self.networkNames.contains($0.lowercased().trimmingCharacters(in: ",|:·"))
    }
    .count
  }

  /// `Label: value` with a label of one to three words.
  static func label(of line: TextLine) -> (name: String, value: String, isShortValue: Bool)? {
    guard let name = labelName(of: line) else { return nil }
    let value = labelValue(of: line, after: name)
    return (name.name, value.text, value.isShort)
  }

  /// The name of a line's label (`photo` of `Photo: …`), with how many characters of the
  /// lowercased line come before its colon, which `labelValue` reads on from.
  static func labelName(of line: TextLine) -> (name: String, colon: Int)? {
    // Most lines have no colon; only those pay for the work below.
    guard let colonByte = line.lowerBytes.firstIndex(of: 0x3A) else { return nil }
    // A label is one to three words.
    guard (1...3).contains(Self.spaceRuns(in: line.lowerBytes[..<colonByte], upTo: 4)) else { return nil }
    // Where the line is ASCII up to the byte after the colon, each byte is a character (no
    // mark joins the colon or a space), and the name is read off the bytes.
    let head = line.lowerBytes[..<min(colonByte + 2, line.lowerBytes.endIndex)]
    guard head.allSatisfy({ $0 < 0x80 }) else { return labelNameReadAsCharacters(of: line) }
    var start = line.lowerBytes.startIndex
    var end = colonByte
    while start < end, line.lowerBytes[start] == 0x20 { start += 1 }
    while end > start, line.lowerBytes[end - 1] == 0x20 { end -= 1 }
    guard start < end else { return nil }
    return (
      String(decoding: line.lowerBytes[start..<end], as: UTF8.self), colonByte - line.lowerBytes.startIndex
    )
  }

  /// How many runs of bytes other than spaces `bytes` has (what a split on spaces gives),
  /// counted up to `limit`: the words before a colon may be a whole sentence.
  static func spaceRuns(in bytes: ArraySlice<UInt8>, upTo limit: Int) -> Int {
    var runs = 0
    var inRun = false
    for byte in bytes {
      let isSpace = byte == 0x20
      if !isSpace, !inRun {
        runs += 1
        if runs == limit { return runs }
      }
      inRun = !isSpace
    }
    return runs
  }

  /// `labelName` read on the characters of the lowercased line.
  static func labelNameReadAsCharacters(of line: TextLine) -> (name: String, colon: Int)? {
    let lower = line.lower
    guard let colon = lower.firstIndex(of: ":") else { return nil }
    let name = lower[..<colon].trimmingCharacters(in: " ")
    guard !name.isEmpty, name.split(separator: " ").count <= 3 else { return nil }
    return (String(name), lower.distance(from: lower.startIndex, to: colon))
  }

  /// The value of the label `name` of `line`, and whether it is short: a few short items,
  /// not a sentence.
  static func labelValue(of line: TextLine, after name: (name: String, colon: Int)) -> (
    text: String, isShort: Bool
  ) {
    let plain = line.plain
    let valueStart =
      plain.index(plain.startIndex, offsetBy: name.colon + 1, limitedBy: plain.endIndex) ?? plain.endIndex
    let value = String(plain[valueStart...]).trimmingCharacters()
    let items = value.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == "·" })
    let isShort =
      !value.hasSuffix(".") && items.allSatisfy { $0.split(separator: " ").count <= 5 }
      && value.split(separator: " ").count <= 12
    return (value, isShort)
  }

  static func isRelatedHeader(_ line: TextLine) -> Bool {
    guard line.wordCount <= 5 else { return false }
    var bytes = line.lowerBytes[...]
    let isTrimmable = { (byte: UInt8) in byte == 0x3A || byte == 0x2E || byte == 0x20 }
    while let first = bytes.first, isTrimmable(first) { bytes = bytes.dropFirst() }
    while let last = bytes.last, isTrimmable(last) { bytes = bytes.dropLast() }
    let spells = { (phrase: [UInt8]) in
      bytes.count == phrase.count
        ? bytes.elementsEqual(phrase)
        : bytes.count > phrase.count && bytes[bytes.startIndex + phrase.count] == 0x20
          && bytes.starts(with: phrase)
    }
    // A header is spelled only by a line that opens with its first byte.
    let spelled = bytes.first.map { relatedHeadersByLead[Int($0)].contains(where: spells) } ?? false
    // ASCII has one spelling; other text is compared as strings, which know canonical
    // equivalents. Text in NFC, as the headers are, can equal one only where it spells it.
    guard bytes.contains(where: { $0 >= 0x80 }) else { return spelled }
    if !spelled, NFC.isNormalized(bytes) { return false }
    let bare = String(decoding: bytes, as: UTF8.self)
    return relatedHeaders.contains { phrase, withSpace in bare == phrase || bare.hasPrefix(withSpace) }
  }

  /// The related-articles headers, alone and followed by a space.
  private static let relatedHeaders = BoilerplatePhrases.relatedHeader.map { ($0, $0 + " ") }
  /// The headers' bytes by their first byte.
  private static let relatedHeadersByLead: [[[UInt8]]] = {
    var byLead = [[[UInt8]]](repeating: [], count: 256)
    for header in BoilerplatePhrases.relatedHeader {
      let bytes = Array(header.utf8)
      if let lead = bytes.first { byLead[Int(lead)].append(bytes) }
    }
    return byLead
  }()

  /// `Home | News | Opinion | About us`: short items between bars or dots.
  static func isNavigation(_ line: TextLine) -> Bool {
    // Three items need two separators; most lines have none twice, and make no string.
    guard navigationSeparatorBytes.contains(where: { occursTwice($0, in: line.plainBytes) }) else {
      return false
    }
    let plain = line.plain
    for separator in navigationSeparators {
      let items = ByteSearch.split(plain, at: separator)
      guard items.count >= 3 else { continue }
      if items.allSatisfy({ $0.split(separator: " ").count <= 4 && !$0.hasSuffix(".") }) { return true }
    }
    return false
  }

  /// What separates the items of a menu.
  private static let navigationSeparators = [" | ", " · ", " • ", " / "]
  private static let navigationSeparatorBytes = navigationSeparators.map { Array($0.utf8) }

  /// Whether `pattern` occurs in `bytes` twice, apart.
  static func occursTwice(_ pattern: [UInt8], in bytes: ArraySlice<UInt8>) -> Bool {
    guard let first = ByteSearch.firstOffset(of: pattern, in: bytes) else { return false }
    return ByteSearch.firstOffset(of: pattern, in: bytes[(first + pattern.count)...]) != nil
  }

  /// An uppercase line of a few words: a masthead.
  static func isMasthead(_ line: TextLine) -> Bool {
    isMasthead(wordCount: line.wordCount, endsSentence: line.endsSentence, plain: line.plainBytes)
  }

  /// Whether line `index` of `lines` is a masthead, its fields read where they are: a line
  /// passed from an array is copied, its slices and strings retained, and every line is asked.
  static func isMasthead(in lines: [TextLine], at index: Int) -> Bool {
    isMasthead(
      wordCount: lines[index].wordCount, endsSentence: lines[index].endsSentence,
      plain: lines[index].plainBytes)
  }

  private static func isMasthead(wordCount: Int, endsSentence: Bool, plain bytes: ArraySlice<UInt8>) -> Bool {
    guard wordCount <= 6, !endsSentence else { return false }
    var letters = 0
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      guard byte >= 0x80 else {
        if (0x61...0x7A).contains(byte) { return false }
        if (0x41...0x5A).contains(byte) { letters += 1 }
        index += 1
        continue
      }
      let (scalar, length) = UTF8Scan.scalar(in: bytes, at: index)
      if ScalarProperties.isAlphabetic(scalar) {
        guard ScalarProperties.isUppercase(scalar) else { return false }
        letters += 1
      }
      index += length
    }
    return letters >= 3
  }

  /// `Research Note No. 74838`: a document type and number.
  static func isDocumentType(_ plain: ArraySlice<UInt8>, wordCount: Int) -> Bool {
    guard wordCount <= 6, mayNameANumber(plain) else { return false }
    return namesANumber(TextLine.words(of: String(decoding: plain, as: UTF8.self), count: wordCount))
  }

  /// Words that end in a number and name it: `Report No. 12`, `Nr. 4`, `№ 7`.
  static func namesANumber(_ words: [Substring]) -> Bool {
    guard let last = words.last, isNumber(last) else { return false }
    return words.contains { $0.lowercased() == "no." || $0.lowercased() == "nr." || $0 == "№" }
  }

  /// Whether `bytes` have a word `no.` or `nr.` in any case, or `№`: what `isDocumentType`
  /// asks of a line's words, looked for in its bytes first (only ASCII letters lowercase to
  /// ASCII `n`, `o` and `r`).
  static func mayNameANumber(_ bytes: ArraySlice<UInt8>) -> Bool {
    // № is E2 84 96.
    if ByteSearch.firstIndex(of: 0xE2, in: bytes, from: bytes.startIndex) != nil { return true }
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    var index = bytes.startIndex + 2
    while index < bytes.endIndex {
      if bytes[index] == 0x2E, bytes[index - 2] | 0x20 == 0x6E,
        bytes[index - 1] | 0x20 == 0x6F || bytes[index - 1] | 0x20 == 0x72,
        index - 2 == bytes.startIndex || isSpace(bytes[index - 3]),
        index + 1 == bytes.endIndex || isSpace(bytes[index + 1])
      {
        return true
      }
      index += 1
    }
    return false
  }

  /// Two to four capitalized words of letters, a person's name, or a list of such names.
  static func isName(_ text: String) -> Bool {
    guard mayBeName(text.utf8) else { return false }
    let names = ByteSearch.split(text, at: ", ").flatMap { ByteSearch.split($0, at: " and ") }
    guard names.count <= 4 else { return false }
    return names.allSatisfy(isSingleName)
  }

  /// False when a word of `text`, other than `and`, opens with an ASCII character that no
  /// name's word opens with; a cheap test that spares most lines the splitting of `isName`.
  private static func mayBeName<Bytes: Collection<UInt8>>(_ utf8: Bytes) -> Bool {
    var atWordStart = true
    var index = utf8.startIndex
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte == 0x20 {
        atWordStart = true
      } else if atWordStart {
        atWordStart = false
        let opensName = byte >= 0x80 || (0x41...0x5A).contains(byte) || byte == 0x3F
        if !opensName,
          !utf8[index...].starts(with: "and".utf8)
            || utf8[index...].dropFirst(3).first.map({ $0 != 0x20 }) ?? false
        {
          return false
        }
      }
      index = utf8.index(after: index)
    }
    return true
  }

  private static func isSingleName(_ text: String) -> Bool {
    if let isName = text.utf8.withContiguousStorageIfAvailable(isSingleLatinName), let isName {
      return isName
    }
    return isSingleNameReadAsCharacters(text)
  }

  /// Two to four words, each opening with a capital and not all capitals, of letters and
  /// the marks names have.
  static func isSingleNameReadAsCharacters(_ text: String) -> Bool {
    let words = text.split(separator: " ")
    guard (2...4).contains(words.count) else { return false }
    return words.allSatisfy { word in
      // `?` stands for a capital a lossy conversion lost (`?lodie`).
      guard let first = word.unicodeScalars.first, ScalarProperties.isUppercase(first) || first == "?" else {
        return false
      }
      // A word in capitals is a masthead's, not a name's.
      let hasLowercase = word.count <= 2 || word.contains { $0.isLowercase }
      return hasLowercase && word.allSatisfy { $0.isLetter || "-'’.?".contains($0) }
    }
  }

  /// `isSingleName` read scalar by scalar, where every scalar is below U+0300 (ASCII, Latin-1
  /// and the Latin extensions: none joins another, so each is a character of its own, with
  /// its own properties); nil where one is not.
  static func isSingleLatinName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    // U+0300 is CC 80: every byte of the scalars below it is below CC.
    guard bytes.allSatisfy({ $0 < 0xCC }) else { return nil }
    var words = 0
    var index = 0
    while index < bytes.count {
      guard bytes[index] != 0x20 else {
        index += 1
        continue
      }
      var scalars = 0
      var first = Unicode.Scalar(UInt8(0))
      var hasLowercase = false
      while index < bytes.count, bytes[index] != 0x20 {
        let (scalar, length) = UTF8Scan.scalar(in: bytes, at: index)
        if scalars == 0 { first = scalar }
        scalars += 1
        if ScalarProperties.isLowercase(scalar) {
          hasLowercase = true
        } else if !ScalarProperties.isAlphabetic(scalar),
          !(scalar.isASCII && nameSymbols.contains(UInt8(scalar.value)))
        {
          return false
        }
        index += length
      }
      words += 1
      // `?` stands for a capital a lossy conversion lost (`?lodie`); a word in capitals is
      // a masthead's, not a name's.
      guard words <= 4, ScalarProperties.isUppercase(first) || first == "?", hasLowercase || scalars <= 2
      else {
        return false
      }
    }
    return words >= 2
  }

  /// The ASCII characters other than letters that a name's words may have.
  private static let nameSymbols = ByteTable(Array("-'.?".utf8))

  static func isNameLine(_ line: TextLine) -> Bool {
    // A name opens with a capital, or with the `?` a lossy conversion left of one.
    guard !line.endsSentence, let firstByte = line.plainBytes.first, mayBeName(line.plainBytes) else {
      return false
    }
    let first = UTF8Scan.scalar(in: line.plainBytes, at: line.plainBytes.startIndex).0
    guard firstByte == 0x3F || ScalarProperties.isUppercase(first) else { return false }
    return isName(line.plain)
  }

  /// `our Arab Affairs correspondent`, `The Cradle's Iraq Correspondent`.
  static func isCorrespondent(_ text: String) -> Bool {
    let lower = text.lowercased()
    return text.split(separator: " ").count <= 8
      && correspondentWords.matches(Array(lower.utf8)[...])
  }

  /// The name in `By Jane Doe` or `by our Arab Affairs correspondent`.
  static func byline(_ line: TextLine) -> String? {
    guard (2...8).contains(line.wordCount), !line.endsSentence,
      let lead = bylineLead(line.lowerBytes), bylineLeads.contains(lead)
    else { return nil }
    let words = line.words
    guard let first = words.first else { return nil }
    let word = first.lowercased().trimmingCharacters(in: ":")
    guard BoilerplatePhrases.bylineWords.contains(word) else { return nil }
    let rest = words.dropFirst().joined(separator: " ")
    guard isCorrespondent(rest) || isName(rest) else { return nil }
    return rest
  }

  /// The first byte of a line's first word lowercased, its colons trimmed, read off the
  /// line's lowercased bytes: the byte that the first word `byline` compares opens with, so
  /// that most lines, whose first word opens no byline word, make no strings.
  static func bylineLead(_ lower: ArraySlice<UInt8>) -> UInt8? {
    var index = lower.startIndex
    while index < lower.endIndex, lower[index] == 0x20 || lower[index] == 0x09 { index += 1 }
    while index < lower.endIndex, lower[index] == 0x3A { index += 1 }
    guard index < lower.endIndex, lower[index] != 0x20, lower[index] != 0x09 else { return nil }
    return lower[index]
  }

  /// The first bytes of `BoilerplatePhrases.bylineWords`.
  static let bylineLeads = ByteTable(BoilerplatePhrases.bylineWords.compactMap(\.utf8.first))

  /// `Site, June 11, 2014`, `Jane Doe | 4 May 2011`, `Policy Brief · 12 April 2011`.
  ///
  /// The tails are read as dates on the line's bytes; strings are made only for a tail that
  /// is one, as few are. A line's bytes are UTF-8, as every stage after decoding leaves them.
  static func splitFact(_ plain: ArraySlice<UInt8>, wordCount: Int) -> (rest: String, date: String)? {
    guard wordCount <= 10 else { return nil }
    // `?` is a `·` that a lossy conversion lost.
    for separator in Self.factSeparators {
      // A date has a year of four digits: a tail without one is not split into strings.
      guard let index = ByteSearch.firstOffset(of: separator, in: plain) else { continue }
      let tail = plain[(index + separator.count)...]
      guard LineFacts.longestDigitRun(in: tail, upTo: 4) == 4, let date = date(in: tail) else { continue }
      let rest = String(decoding: plain[..<index], as: UTF8.self).trimmingCharacters()
      if !rest.isEmpty { return (rest, date) }
    }
    guard wordCount > 1 else { return nil }
    let words = Self.wordRanges(of: plain)
    // Tails of fewer words than the last one with a year have no date.
    guard let yearWord = words.lastIndex(where: { Self.hasYear(plain[$0]) }) else { return nil }
    let shortest = words.count - yearWord
    guard shortest <= min(4, words.count - 1) else { return nil }
    var tail: [UInt8] = []
    for count in (shortest...min(4, words.count - 1)).reversed() {
      tail.removeAll(keepingCapacity: true)
      for word in words.suffix(count) {
        if !tail.isEmpty { tail.append(0x20) }
        tail.append(contentsOf: plain[word])
      }
      guard let date = date(in: tail[...]) else { continue }
      let rest = words.dropLast(count).map { String(decoding: plain[$0], as: UTF8.self) }
        .joined(separator: " ").trimmingCharacters(in: " ,|·-–—")
      if isName(rest) || isCorrespondent(rest) { return (rest, date) }
    }
    return nil
  }

  /// The ranges of the runs of `bytes` between spaces and tabs: `TextLine.words` on bytes.
  static func wordRanges(of bytes: ArraySlice<UInt8>) -> [Range<Int>] {
    var words: [Range<Int>] = []
    var start = bytes.startIndex
    for index in bytes.indices where bytes[index] == 0x20 || bytes[index] == 0x09 {
      if start != index { words.append(start..<index) }
      start = index + 1
    }
    if start != bytes.endIndex { words.append(start..<bytes.endIndex) }
    return words
  }

  /// Whether `word` has four digits in a row; only a byte of a digit of some script may start one.
  private static func hasYear(_ word: ArraySlice<UInt8>) -> Bool {
    guard word.contains(where: { (0x30...0x39).contains($0) || LineFacts.mayLeadDigit($0) }) else {
      return false
    }
    return LineFacts.longestDigitRun(in: word, upTo: 4) == 4
  }

  /// What `splitFact` splits a site or a name from its date at.
  private static let factSeparators = [" | ", " · ", ", ", " - ", " — ", " ? "].map { Array($0.utf8) }

  /// The date of a line that is a date and nothing else, perhaps after `Published`.
  static func dateValue(_ plain: ArraySlice<UInt8>, wordCount: Int) -> String? {
    guard wordCount <= 8 else { return nil }
    // A line that opens with an ASCII letter can start with one of the words only where the
    // letter lowered is the first of one (most lines' is not). `lowerBytes` is not read: the
    // line's facts are read before it is set.
    let lead = plain.first ?? 0
    let mayBePublished =
      lead >= 0x80 || Self.publishedLeads.contains((0x41...0x5A).contains(lead) ? lead | 0x20 : lead)
    guard mayBePublished else { return date(in: plain) }
    var text = String(decoding: plain, as: UTF8.self)
    let lowered = text.lowercased()
    for word in BoilerplatePhrases.publishedWords where lowered.hasPrefix(word) {
      text = String(text.dropFirst(word.count)).trimmingCharacters()
      for filler in ["on ", "am ", "le ", "el ", "em ", "il "] where text.hasPrefix(filler) {
        text = String(text.dropFirst(filler.count))
      }
      break
    }
    return date(in: text)
  }

  /// The first bytes of `BoilerplatePhrases.publishedWords`, each a letter with one spelling.
  static let publishedLeads = ByteTable(BoilerplatePhrases.publishedWords.compactMap(\.utf8.first))

  /// Reads `4 May 2011`, `June 11, 2014`, `16/08/2021`, `2021-08-16`, with an optional time.
  static func date(in text: String) -> String? {
    var utf8 = text
    return utf8.withUTF8 { date(inBytes: $0) { text } }
  }

  /// `date(in:)` of the UTF-8 `bytes`, with a string made only where they may be a date.
  static func date(in bytes: ArraySlice<UInt8>) -> String? {
    bytes.withUnsafeBufferPointer { buffer in
      date(inBytes: buffer) { String(decoding: buffer, as: UTF8.self) }
    }
  }

  /// `date(in:)` of `bytes`, the UTF-8 of `text()`.
  private static func date(inBytes bytes: UnsafeBufferPointer<UInt8>, text: () -> String) -> String? {
    // Every date has a year of four digits.
    guard LineFacts.longestDigitRun(in: bytes, upTo: 4) == 4, mayBeDate(bytes) else { return nil }
    // On ASCII text the bytes have read it as the reading of words would.
    return bytes.allSatisfy({ $0 < 0x80 }) ? text().trimmingCharacters() : readDate(in: text())
  }

  /// `date(in:)` once the bytes allow a date.
  static func readDate(in text: String) -> String? {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
    guard !words.isEmpty, words.count <= 6 else { return nil }
    var hasYear = false
    var hasMonth = false
    var hasDay = false
    // Each word is lowered when its turn comes: most texts fail at their first word.
    for word in words {
      let bare = word.lowercased().trimmingCharacters(in: ".")
      if bare == "-" || bare == "·" || bare == "|" || bare == "at" || bare == "de" || bare == "del" {
        continue
      }
      if isNumericDate(bare) {
        hasYear = true
        hasMonth = true
        hasDay = true
      } else if bare.count == 4, isNumber(bare) {
        hasYear = true
      } else if (1...2).contains(bare.count), isNumber(bare) {
        hasDay = true
      } else if BoilerplatePhrases.months.contains(bare) {
        hasMonth = true
      } else if BoilerplatePhrases.weekdays.contains(bare) {
        continue
      } else if isTime(bare) {
        continue
      } else {
        return nil
      }
    }
    guard hasYear, hasMonth || hasDay else { return nil }
    return text.trimmingCharacters()
  }

  /// Whether `bytes` may read as a date (`date(in:)`): where its words are all ASCII, the
  /// answer is the reading's own; where some are not, false only where a word of ASCII
  /// bytes can be no part of a date, or there are more than six words. Most lines fail at
  /// their first word with letters, before a string is made.
  ///
  /// Words are cut at spaces and commas as `date(in:)` cuts its characters, unless a byte
  /// beside one is not ASCII (a combining mark may join a space); there the answer is true,
  /// for the reading of characters to decide.
  static func mayBeDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var words = 0
    var allASCII = true
    var found = (year: false, month: false, day: false)
    var index = 0
    while index < bytes.count {
      guard bytes[index] != 0x20, bytes[index] != 0x2C else {
        let isBesideNonASCII =
          (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < bytes.count && bytes[index + 1] >= 0x80)
        if isBesideNonASCII { return true }
        index += 1
        continue
      }
      let start = index
      while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x2C { index += 1 }
      words += 1
      guard words <= 6 else { return false }
      let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
      // A word with other scripts' letters or digits is for the reading of characters.
      guard word.allSatisfy({ $0 < 0x80 }) else {
        allASCII = false
        continue
      }
      guard let kind = asciiDateWord(word) else { return false }
      switch kind {
      case .numericDate: found = (true, true, true)
      case .year: found.year = true
      case .day: found.day = true
      case .month: found.month = true
      case .other: break
      }
    }
    guard allASCII else { return true }
    return found.year && (found.month || found.day)
  }

  /// What a word of a date is, as `date(in:)` reads it.
  enum DateWord {
    case numericDate, year, day, month
    /// A weekday, a time or a filler: allowed, and no part of the date's value.
    case other
  }

  /// What the ASCII `word` is in a date, as `date(in:)` reads it (lowercased, without dots
  /// at either end), or nil where it is no word of a date.
  static func asciiDateWord(_ word: UnsafeBufferPointer<UInt8>) -> DateWord? {
    var start = 0
    var end = word.count
    while start < end, word[start] == 0x2E { start += 1 }
    while end > start, word[end - 1] == 0x2E { end -= 1 }
    let bare = UnsafeBufferPointer(rebasing: word[start..<end])
    let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
    if bare.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
      return PackedWord(bare).flatMap { asciiDateWords[$0] }
    }
    if bare.count == 1, bare[0] == 0x2D || bare[0] == 0x7C { return .other }
    // The parts between separators, as `split` cuts them: empty parts are dropped.
    func parts(_ isSeparator: (UInt8) -> Bool) -> [Range<Int>] {
      var parts: [Range<Int>] = []
      var partStart = 0
      for offset in 0...bare.count where offset == bare.count || isSeparator(bare[offset]) {
        if offset > partStart { parts.append(partStart..<offset) }
        partStart = offset + 1
      }
      return parts
    }
    let dateParts = parts { $0 == 0x2F || $0 == 0x2D || $0 == 0x2E }
    if dateParts.count == 3, dateParts.allSatisfy({ bare[$0].allSatisfy(isDigit) }),
      dateParts.contains(where: { $0.count == 4 })
    {
      return .numericDate
    }
    if !bare.isEmpty, bare.allSatisfy(isDigit) {
      switch bare.count {
      case 4: return .year
      case 1...2: return .day
      default: break
      }
    }
    let timeParts = parts { $0 == 0x3A }
    if timeParts.count == 2, timeParts.allSatisfy({ $0.count == 2 && bare[$0].allSatisfy(isDigit) }) {
      return .other
    }
    return nil
  }

  /// The months, weekdays and fillers of `date(in:)` that are ASCII, packed; a word that is
  /// a month and a weekday reads as a month, as there.
  private static let asciiDateWords: [PackedWord: DateWord] = {
    var words: [PackedWord: DateWord] = [:]
    for (list, kind) in [
      (["at", "de", "del"], DateWord.other), (Array(BoilerplatePhrases.weekdays), .other),
      (Array(BoilerplatePhrases.months), .month),
    ] {
      for word in list {
        if let packed = PackedWord(Array(word.utf8)) { words[packed] = kind }
      }
    }
    return words
  }()

  /// A word of at most sixteen ASCII bytes, lowercased, in two integers (words of letters
  /// have no zero byte, so no two pack alike).
  struct PackedWord: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    /// Nil where the word is longer than sixteen bytes or not all ASCII.
    init?<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
      guard bytes.count <= 16 else { return nil }
      for (offset, byte) in bytes.enumerated() {
        guard byte < 0x80 else { return nil }
        let lowered = UInt64((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
        if offset < 8 {
          low |= lowered << (8 * UInt64(offset))
        } else {
          high |= lowered << (8 * UInt64(offset - 8))
        }
      }
    }
  }

  private static func isNumericDate(_ word: String) -> Bool {
    let parts = word.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
    return parts.count == 3 && parts.allSatisfy { isNumber($0) } && parts.contains { $0.count == 4 }
  }

  private static func isTime(_ word: String) -> Bool {
    let parts = word.split(separator: ":")
    return parts.count == 2 && parts.allSatisfy { isNumber($0) && $0.count == 2 }
  }
}

extension StringProtocol {
  /// The text without any of `characters` at either end.
  func trimmingCharacters(in characters: String) -> String {
    let scalars = Substring(self).unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, characters.unicodeScalars.contains(scalars[start]) {
      start = scalars.index(after: start)
    }
    while start < end, characters.unicodeScalars.contains(scalars[scalars.index(before: end)]) {
      end = scalars.index(before: end)
    }
    return String(scalars[start..<end])
  }
}
