/// The version of docclean, recorded in every provenance file.
public let doccleanVersion = "0.2.0"

/// An ordered list of stages that turns raw bytes into clean text, recording every edit.
public struct Pipeline: Sendable {
  /// The stages, run in this order.
  public var stages: [any Stage]

  /// Creates a pipeline that runs `stages` in order, each told of the stages after it.
  public init(stages: [any Stage]) {
    self.stages = stages.indices.map { stages[$0].followed(by: Array(stages[($0 + 1)...])) }
  }

  /// This pipeline with `stage` run first, told of this pipeline's stages as the ones after it.
  public func prepending(_ stage: any Stage) -> Pipeline {
    var pipeline = self
    pipeline.stages.insert(stage.followed(by: stages), at: 0)
    return pipeline
  }

  /// A hash of docclean's version and the stages, their versions and configuration.
  ///
  /// An output made with another fingerprint may differ from what this pipeline makes now.
  /// The tool's version is part of it so that a new release re-cleans what an older one made,
  /// even where a stage's own version was not bumped.
  public var fingerprint: String {
    let description = ([doccleanVersion] + stages.map { "\($0.id)@\($0.version):\($0.configuration)" })
      .joined(separator: "\n")
    return SHA256Digest.hex(of: Array(description.utf8))
  }

  /// Cleans `raw` in one pass of the stages, returning the clean text with everything needed
  /// to explain and undo it.
  ///
  /// One pass is enough because the clean text is a fixed point of the stages: each stage
  /// leaves nothing that an earlier one would change, and a stage whose decisions depend on
  /// what the later ones make of its output (boilerplate judging the text that markup and
  /// reflow leave) looks ahead at them (`Stage.followed(by:)`).
  ///
  /// A text longer than twice `Segments.length` is cleaned a segment at a time.
  public func clean(_ raw: [UInt8]) -> CleanedDocument {
    clean(raw, segmentLength: Segments.length)
  }

  func clean(_ raw: [UInt8], segmentLength: Int) -> CleanedDocument {
    let ranges = Segments.ranges(of: raw, length: segmentLength)
    guard ranges.count > 1 else { return cleanWhole(raw) }
    var joined = Segments.Joined(stages: stages)
    for range in ranges {
      joined.append(cleanWhole(Array(raw[range])), rawLength: range.count)
    }
    return joined.document
  }

  /// Cleans `raw` whole, in one pass of the stages.
  func cleanWhole(_ raw: [UInt8]) -> CleanedDocument {
    finished(pass(raw))
  }

  /// Runs every stage over `raw` once, keeping what a document needs before it is located.
  func pass(_ raw: [UInt8]) -> Pass {
    var pass = Pass(text: raw)
    pass.records.reserveCapacity(stages.count)
    var index = 0
    while index < stages.count {
      let stage = stages[index]
      let proposal = stage.propose(for: pass.text)
      let accepted = Self.validated(proposal.edits, in: pass.text, requireUTF8: index > 0)
      if accepted.dropped > 0 {
        pass.warnings.append(
          "stage '\(stage.id)' proposed \(accepted.dropped) overlapping or invalid edit(s); they were skipped"
        )
      }
      let (next, recorded) = Self.apply(accepted.edits, to: pass.text)
      pass.records.append(StageRecord(stage: stage.id, version: stage.version, edits: recorded))
      pass.dropped.append(accepted.dropped)
      pass.pending += proposal.unresolved.map { (record: index, spot: $0) }
      pass.note(proposal.warnings)
      pass.metadata.merge(proposal.metadata)
      if let detected = proposal.detectedEncoding { pass.encoding = detected }
      pass.text = next
      if let rest = proposal.rest, takeRest(rest, after: index, into: &pass) { break }
      index += 1
    }
    return pass
  }

  /// Takes the later stages' work from `rest` when it was made from this pass's edits of
  /// stage `index`, returning whether it did; otherwise the pass runs those stages itself.
  private func takeRest(_ rest: Proposal.Rest, after index: Int, into pass: inout Pass) -> Bool {
    let later = stages[(index + 1)...]
    let made = rest.pass
    guard made.records.count == later.count + 1, made.dropped.first == pass.dropped.last,
      zip(made.records.dropFirst(), later).allSatisfy({ $0.stage == $1.id && $0.version == $1.version }),
      made.records.first?.edits == pass.records.last?.edits
    else { return false }
    pass.records += made.records.dropFirst()
    pass.dropped += made.dropped.dropFirst()
    pass.pending += made.pending.map { (record: $0.record + index, spot: $0.spot) }
    pass.note(made.warnings)
    pass.metadata.merge(made.metadata)
    if let detected = made.encoding { pass.encoding = detected }
    pass.text = made.text
    return true
  }

  /// The document a pass made, its unresolved spots located in the clean text and the raw bytes.
  func finished(_ pass: Pass) -> CleanedDocument {
    let maps = pass.pending.isEmpty ? [] : pass.records.map(OffsetMap.init)
    var seen: Set<LocatedSpot> = []
    let unresolved = pass.pending.map { entry in
      Self.locate(entry.spot, reportedBy: entry.record, maps: maps)
    }.filter { seen.insert($0).inserted }
    return CleanedDocument(
      text: pass.text, records: pass.records, unresolved: unresolved, warnings: pass.warnings,
      metadata: pass.metadata, encoding: pass.encoding ?? "utf-8")
  }

  /// The stages' work on `text` in one pass, for a stage to hand on as the rest of its
  /// pipeline's pass (`Proposal.rest`); `nil` where the text is long enough that `clean(_:)`
  /// would take it a segment at a time.
  public func rest(of text: [UInt8]) -> Proposal.Rest? {
    guard Segments.ranges(of: text, length: Segments.length).count == 1 else { return nil }
    return Proposal.Rest(pass: pass(text))
  }

  /// Rebuilds the raw bytes from a clean text and the records of the stages that made it.
  public static func restore(_ text: [UInt8], records: [StageRecord]) throws(RestoreError) -> [UInt8] {
    var current = text
    for record in records.reversed() {
      current = try record.undo(current)
    }
    return current
  }

  /// Sorts edits and drops any that overlap an earlier one, fall outside the text, change
  /// nothing, or (after decoding) would split a UTF-8 sequence.
  static func validated(
    _ edits: [TextEdit], in text: [UInt8], requireUTF8: Bool
  ) -> (edits: [TextEdit], dropped: Int) {
    guard !edits.isEmpty else { return ([], 0) }
    // Most stages propose their edits in order already; only the others pay for a sort.
    // Read by index: a pair of edits taken as values would retain their bytes and rules.
    let inOrder = edits.indices.dropFirst().allSatisfy { index in
      let (lhs, rhs) = (edits[index - 1].range, edits[index].range)
      return (lhs.lowerBound, lhs.upperBound) <= (rhs.lowerBound, rhs.upperBound)
    }
    let sorted =
      inOrder
      ? edits
      : edits.enumerated().sorted { lhs, rhs in
        (lhs.element.range.lowerBound, lhs.element.range.upperBound, lhs.offset)
          < (rhs.element.range.lowerBound, rhs.element.range.upperBound, rhs.offset)
      }.map(\.element)
    // Most stages' edits are all accepted: they are handed on as they are, not copied one by one.
    var end = 0
    var firstRefused: Int?
    for index in sorted.indices {
      guard check(sorted[index], after: end, in: text, requireUTF8: requireUTF8) == .accepted else {
        firstRefused = index
        break
      }
      end = sorted[index].range.upperBound
    }
    guard let firstRefused else { return (sorted, 0) }
    var accepted = Array(sorted[..<firstRefused])
    accepted.reserveCapacity(sorted.count)
    var dropped = 0
    for edit in sorted[firstRefused...] {
      switch check(edit, after: end, in: text, requireUTF8: requireUTF8) {
      case .accepted:
        accepted.append(edit)
        end = edit.range.upperBound
      case .unchanging: continue
      case .dropped: dropped += 1
      }
    }
    return (accepted, dropped)
  }

  /// What `validated` makes of an edit.
  private enum EditCheck {
    case accepted
    /// The edit puts back the bytes it replaces: it changes nothing, and is left out.
    case unchanging
    /// The edit overlaps an accepted one, falls outside the text, or splits a scalar.
    case dropped
  }

  /// Whether `edit` is accepted after edits accepted up to `end`.
  private static func check(_ edit: TextEdit, after end: Int, in text: [UInt8], requireUTF8: Bool)
    -> EditCheck
  {
    let range = edit.range
    guard range.lowerBound >= end, range.upperBound <= text.count else { return .dropped }
    if text[range].elementsEqual(edit.replacement) { return .unchanging }
    guard requireUTF8 else { return .accepted }
    guard UTF8Scan.isBoundary(range.lowerBound, in: text), UTF8Scan.isBoundary(range.upperBound, in: text),
      UTF8Scan.isValid(edit.replacement)
    else { return .dropped }
    return .accepted
  }

  /// Applies sorted, non-overlapping edits in one pass over the text.
  ///
  /// The edits record what they removed as slices of `text`, with no copy, which keeps each
  /// stage's input alive while the document is cleaned. A text longer than a segment can be
  /// (one that no blank line cuts) has its removed bytes copied instead, so that its records
  /// do not hold every stage's copy of it.
  static func apply(_ edits: [TextEdit], to text: [UInt8]) -> ([UInt8], [RecordedEdit]) {
    guard !edits.isEmpty else { return (text, []) }
    let copiesRemoved = text.count > Segments.wholeLimit
    var output: [UInt8] = []
    output.reserveCapacity(text.count + 64)
    var recorded: [RecordedEdit] = []
    recorded.reserveCapacity(edits.count)
    var cursor = 0
    // By index: each edit's bytes and rule are taken once, into its record.
    for index in edits.indices {
      let range = edits[index].range
      output.append(contentsOf: text[cursor..<range.lowerBound])
      output.append(contentsOf: edits[index].replacement)
      recorded.append(
        RecordedEdit(
          offset: range.lowerBound, removed: copiesRemoved ? Array(text[range])[...] : text[range],
          inserted: edits[index].replacement, rule: edits[index].rule))
      cursor = range.upperBound
    }
    output.append(contentsOf: text[cursor...])
    return (output, recorded)
  }

  /// Maps a spot reported against stage `index`'s input to the clean text and to the raw bytes.
  static func locate(_ spot: UnresolvedSpot, reportedBy index: Int, maps: [OffsetMap]) -> LocatedSpot {
    var start = spot.range.lowerBound
    var end = spot.range.upperBound
    for map in maps[index...] {
      start = map.forward(start)
      end = map.forward(end)
    }
    var raw = spot.range.lowerBound
    for map in maps[..<index].reversed() {
      raw = map.backward(raw)
    }
    return LocatedSpot(range: start..<max(start, end), rawOffset: raw, rule: spot.rule, reason: spot.reason)
  }
}

/// What a pass of the stages has made of a document so far.
struct Pass: Sendable {
  var text: [UInt8]
  var records: [StageRecord] = []
  /// How many of its edits each stage's record left out as overlapping or invalid.
  var dropped: [Int] = []
  var pending: [(record: Int, spot: UnresolvedSpot)] = []
  var warnings: [String] = []
  var metadata = DocumentMetadata()
  /// The encoding a decoding stage detected, if one did.
  var encoding: String?

  /// Adds the warnings not given already, in order.
  mutating func note(_ new: [String]) {
    for warning in new where !warnings.contains(warning) { warnings.append(warning) }
  }
}

/// An unresolved spot located in the clean text and in the raw bytes.
public struct LocatedSpot: Sendable, Hashable {
  /// The spot's bytes in the clean text.
  public var range: Range<Int>
  /// Where the spot starts in the raw bytes.
  public var rawOffset: Int
  /// The rule that found it.
  public var rule: String
  /// Why it was left alone.
  public var reason: String
}

/// The result of cleaning one document.
public struct CleanedDocument: Sendable {
  /// The clean text, UTF-8.
  public var text: [UInt8]
  /// Every stage's edits, in pipeline order; enough to rebuild the raw bytes.
  public var records: [StageRecord]
  /// Damage found and left alone.
  public var unresolved: [LocatedSpot]
  /// Things a person should look at.
  public var warnings: [String]
  /// Facts moved out of the text.
  public var metadata: DocumentMetadata
  /// The input encoding as detected.
  public var encoding: String

  /// The clean text as a string.
  public var string: String { String(decoding: text, as: UTF8.self) }

  /// The number of edits made by all stages.
  public var editCount: Int { records.reduce(0) { $0 + $1.edits.count } }
}
