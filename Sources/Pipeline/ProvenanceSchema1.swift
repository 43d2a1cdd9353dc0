/// A provenance file of schema 1, which wrote every edit as an object with its rule, its
/// reason and its raw position in full; read so that files written before schema 2 still
/// restore and explain.
struct ProvenanceSchema1: Decodable {
  var schemaVersion: Int
  var source: Provenance.FileFacts
  var encoding: String
  var docclean: String
  var ruleset: String
  var output: Provenance.FileFacts
  var revision: Int
  var previousOutputSHA256: String?
  var metadata: DocumentMetadata
  var stages: [Stage]
  var unresolved: [Provenance.UnresolvedEntry]
  var warnings: [String]
  var profile: Provenance.ProfileFacts?
  var extraction: Provenance.ExtractionFacts?

  struct Stage: Decodable {
    var stage: String
    var version: Int
    var edits: [Edit]
  }

  /// An edit of schema 1; its `raw` position is left unread, since it follows from the edits.
  struct Edit: Decodable {
    var offset: Int
    var removed: Bytes
    var inserted: Bytes
    var rule: String
    var reason: String
  }
}

extension Provenance {
  /// The same facts in the current schema: each edit's rule and reason move to the table.
  init(_ old: ProvenanceSchema1) {
    var table = RuleTable()
    let stages = old.stages.map { stage in
      StageEntry(
        stage: stage.stage, version: stage.version,
        edits: stage.edits.map { edit in
          EditEntry(
            offset: edit.offset, removed: edit.removed, inserted: edit.inserted,
            rule: table.index(of: Rule(edit.rule, edit.reason)))
        })
    }
    self.init(
      schemaVersion: old.schemaVersion, source: old.source, encoding: old.encoding, docclean: old.docclean,
      ruleset: old.ruleset, output: old.output, revision: old.revision,
      previousOutputSHA256: old.previousOutputSHA256, metadata: old.metadata, rules: table.rules,
      stages: stages,
      unresolved: old.unresolved, warnings: old.warnings, profile: old.profile, extraction: old.extraction)
  }
}
