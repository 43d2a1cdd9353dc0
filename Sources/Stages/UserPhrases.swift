/// Boilerplate phrases a user adds for the dumps of one folder, from `.docclean.json`.
///
/// ```json
/// { "boilerplate": { "remove": ["Read our weekly digest"], "keep": ["Subscribe to the list"] } }
/// ```
package struct UserPhrases: Sendable, Codable, Equatable {
  /// Lines that contain one of these (ignoring case) are boilerplate.
  package var remove: [String]
  /// Lines that contain one of these (ignoring case) are article text, whatever a rule says.
  package var keep: [String]

  /// Creates a set of phrases; both lists are empty unless given.
  package init(remove: [String] = [], keep: [String] = []) {
    self.remove = remove
    self.keep = keep
  }

  /// Whether there is nothing to add.
  package var isEmpty: Bool { remove.isEmpty && keep.isEmpty }
}
