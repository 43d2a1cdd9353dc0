/// One step of the cleaning pipeline: it reads a text and proposes edits to it.
///
/// A stage is a pure function of its input and its configuration. It never mutates the text;
/// the pipeline applies what it proposes. A stage with nothing to do should find that out in one
/// fast pass over the bytes and return an empty proposal.
public protocol Stage: Sendable {
  /// The stage's id, used in rule ids and in the provenance.
  var id: String { get }
  /// Bumped whenever the stage's behaviour changes, so that old outputs count as stale.
  var version: Int { get }
  /// A stable description of the stage's configuration, part of the ruleset fingerprint.
  var configuration: String { get }

  /// Proposes the stage's edits to `text`, a UTF-8 byte string (raw bytes for the first stage).
  func propose(for text: [UInt8]) -> Proposal

  /// The stage as it runs with `later` after it in a pipeline.
  ///
  /// A stage whose decisions depend on what the later stages make of its output takes them
  /// here, so that the pipeline's text is a fixed point in one pass; the others ignore them.
  func followed(by later: [any Stage]) -> any Stage
}

extension Stage {
  public var configuration: String { "" }

  public func followed(by later: [any Stage]) -> any Stage { self }

  /// An edit by one of this stage's rules.
  public func edit(_ range: Range<Int>, _ replacement: String, _ rule: Rule) -> TextEdit {
    TextEdit(range: range, replacement: replacement, rule: rule)
  }
}

/// Everything a stage proposes for one text.
public struct Proposal: Sendable {
  /// Edits in the stage's input coordinates; the pipeline sorts them and drops overlaps.
  public var edits: [TextEdit]
  /// Damage the stage found and left alone because it had no single answer.
  public var unresolved: [UnresolvedSpot]
  /// Things a person should look at, such as a block kept because it was uncertain.
  public var warnings: [String]
  /// Facts about the document taken out of its text.
  public var metadata: DocumentMetadata
  /// The encoding of the input as the stage detected it; set by decoding stages only.
  public var detectedEncoding: String?
  /// The later stages' work on these edits, where the stage had to run them to decide
  /// (`Pipeline.rest(of:)`): the pipeline takes it rather than run those stages again.
  public var rest: Rest?

  /// What the rest of a pipeline's stages made of a stage's output.
  ///
  /// The pipeline takes it only when it was made from the very edits the pipeline applied,
  /// by the stages that follow, so the pass is the same with it or without it.
  public struct Rest: Sendable {
    var pass: Pass

    /// The text the stages made.
    public var text: [UInt8] { pass.text }
    /// Each stage's edits, the first stage's first.
    public var records: [StageRecord] { pass.records }
  }

  /// Creates a proposal.
  public init(
    edits: [TextEdit] = [],
    unresolved: [UnresolvedSpot] = [],
    warnings: [String] = [],
    metadata: DocumentMetadata = DocumentMetadata(),
    detectedEncoding: String? = nil
  ) {
    self.edits = edits
    self.unresolved = unresolved
    self.warnings = warnings
    self.metadata = metadata
    self.detectedEncoding = detectedEncoding
  }
}

/// Facts about an article that were moved out of its text.
public struct DocumentMetadata: Sendable, Hashable, Codable {
  public var title: String
  public var byline: String
  public var date: String
  public var site: String
  public var source: String
  public var sourceURL: String

  /// Creates metadata; every field is empty unless given.
  public init(
    title: String = "", byline: String = "", date: String = "", site: String = "",
    source: String = "", sourceURL: String = ""
  ) {
    self.title = title
    self.byline = byline
    self.date = date
    self.site = site
    self.source = source
    self.sourceURL = sourceURL
  }

  /// The metadata with runs of white space in every field made one space.
  public func withSpacesCollapsed() -> DocumentMetadata {
    func collapse(_ text: String) -> String {
      if Self.isCollapsed(text) { return text }
      return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
    return DocumentMetadata(
      title: collapse(title), byline: collapse(byline), date: collapse(date), site: collapse(site),
      source: collapse(source), sourceURL: collapse(sourceURL))
  }

  /// Whether `text` is collapsed already, as most fields are: single spaces between other
  /// printable bytes, and no scalar that is white space. A space before a combining mark is
  /// one character with it, a white space that takes the mark away; such text is collapsed
  /// by its characters.
  static func isCollapsed(_ text: String) -> Bool {
    var text = text
    return text.withUTF8(isCollapsed)
  }

  private static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var previous: UInt8 = 0x20
    for index in bytes.indices {
      let byte = bytes[index]
      let next = index + 1 < bytes.count ? bytes[index + 1] : nil
      switch byte {
      case 0x21...0x7E: break
      case 0x20:
        guard previous != 0x20, let next,
          next < 0x80 || Self.startsCharacter(UTF8Scan.scalar(in: bytes, at: index + 1).0)
        else { return false }
      case 0xC2, 0xE1, 0xE2, 0xE3:
        // The lead bytes of the white space above ASCII: U+0085, U+00A0, U+1680,
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
        let third = index + 2 < bytes.count ? bytes[index + 2] : 0
        guard !Self.isWhitespace(byte, next ?? 0, third) else { return false }
      case 0x80...: break
      default: return false
      }
      previous = byte
    }
    return true
  }

  /// Whether `scalar` after a space starts a character of its own, as Unicode's grapheme
  /// clusters break: it is no mark, no joiner and none of the two letters that are spacing
  /// marks (Thai and Lao `am`), which would join the space.
  static func startsCharacter(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return false
    default: break
    }
    return !properties.isGraphemeExtend && !properties.isEmojiModifier
      && ![0x200D, 0x0E33, 0x0EB3].contains(scalar.value)
  }

  /// Whether the scalar of the bytes `lead`, `second`, `third` (0 past the text's end) is
  /// white space, for the leads 0xC2, 0xE1, 0xE2 and 0xE3.
  private static func isWhitespace(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
    switch (lead, second) {
    case (0xC2, 0x85), (0xC2, 0xA0): true
    case (0xE1, 0x9A): third == 0x80
    case (0xE2, 0x80): (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF
    case (0xE2, 0x81): third == 0x9F
    case (0xE3, 0x80): third == 0x80
    default: false
    }
  }

  /// Fills each empty field of `self` from `other`.
  public mutating func merge(_ other: DocumentMetadata) {
    if title.isEmpty { title = other.title }
    if byline.isEmpty { byline = other.byline }
    if date.isEmpty { date = other.date }
    if site.isEmpty { site = other.site }
    if source.isEmpty { source = other.source }
    if sourceURL.isEmpty { sourceURL = other.sourceURL }
  }
}
