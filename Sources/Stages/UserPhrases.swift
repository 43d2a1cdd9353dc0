/// Boilerplate phrases a user adds for the dumps of one folder, from `.docclean.json`.
///
/// ```json
/// { "boilerplate": { "remove": ["Read our weekly digest"], "keep": ["Subscribe to the list"] } }
/// ```
public struct UserPhrases: Sendable, Codable, Equatable {
  /// Lines that contain one of these (ignoring case) are boilerplate.
  public var remove: [String]
  /// Lines that contain one of these (ignoring case) are article text, whatever a rule says.
  public var keep: [String]

  /// Creates a set of phrases; both lists are empty unless given.
  public init(remove: [String] = [], keep: [String] = []) {
    self.remove = remove
    self.keep = keep
  }

  /// Whether there is nothing to add.
  public var isEmpty: Bool { remove.isEmpty && keep.isEmpty }
}
