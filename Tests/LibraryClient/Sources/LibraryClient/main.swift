import DocClean

// Every public entry point, used as a package that depends on docclean would use it.
let document = DocClean.clean("donâ€™t  stop")
precondition(document.text == "don’t stop\n")
let restored = try DocClean.restore(document)
precondition(restored == Array("donâ€™t  stop".utf8))
let chosen = try DocClean.clean(bytes: Array("a  b\r\n".utf8), stages: ["line-endings"])
let edits: [Edit] = chosen.edits
let metadata: Metadata = document.metadata
let spots: [Unresolved] = document.unresolved
let records = AsyncStream<(String, String)> { continuation in
  continuation.yield(("a", "Iraq?s army"))
  continuation.finish()
}
var count = 0
for try await (id, cleaned) in DocClean.clean(records: records) {
  precondition(id == "a" && cleaned.text == "Iraq’s army\n")
  count += 1
}
print(
  "LibraryClient: \(count) record, \(edits.count) edits, title \"\(metadata.title)\", "
    + "\(spots.count) unresolved, stages \(DocClean.stageNames.joined(separator: ","))")
