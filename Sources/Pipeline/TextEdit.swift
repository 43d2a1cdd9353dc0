/// A rule of a stage: the id its edits carry in the provenance, and the reason they give.
///
/// Stages declare their rules as constants, so an edit carries two string literals and no
/// string is built per edit; the provenance writes each rule once, in a table its edits index.
public struct Rule: Sendable, Hashable {
  /// The rule's id, `stage.rule`.
  public var id: String
  /// A short explanation a person can read.
  public var reason: String

  /// Creates a rule.
  public init(_ id: String, _ reason: String) {
    self.id = id
    self.reason = reason
  }
}

/// A change that a stage proposes to the text it was given.
///
/// The range is in UTF-8 byte offsets of the stage's input. A stage proposes; the pipeline
/// applies, records what was removed, and can therefore undo every edit.
public struct TextEdit: Sendable, Hashable {
  /// The bytes of the stage's input that the edit replaces; empty for an insertion.
  public var range: Range<Int>
  /// The UTF-8 bytes that take the place of `range`.
  public var replacement: [UInt8]
  /// The rule that made the edit.
  public var rule: Rule

  /// Creates an edit that replaces `range` with `replacement` bytes.
  public init(range: Range<Int>, replacement: [UInt8], rule: Rule) {
    self.range = range
    self.replacement = replacement
    self.rule = rule
  }

  /// Creates an edit that replaces `range` with the UTF-8 of `replacement`.
  public init(range: Range<Int>, replacement: String, rule: Rule) {
    self.init(range: range, replacement: Array(replacement.utf8), rule: rule)
  }
}

/// A place in the text that a stage found damaged but could not repair with certainty.
public struct UnresolvedSpot: Sendable, Hashable {
  /// The bytes in question, in the coordinates of the text the spot was reported against.
  public var range: Range<Int>
  /// The id of the rule that found the spot.
  public var rule: String
  /// Why the spot was left as it is.
  public var reason: String

  /// Creates a spot over `range`.
  public init(range: Range<Int>, rule: String, reason: String) {
    self.range = range
    self.rule = rule
    self.reason = reason
  }
}
