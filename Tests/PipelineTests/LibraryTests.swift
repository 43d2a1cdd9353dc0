import DocClean
import Testing

/// The `DocClean` library as another package uses it.
@Suite struct LibraryTests {
  @Test func cleansAStringInOneCall() throws {
    let document = DocClean.clean("donâ€™t  stop")
    #expect(document.text == "don’t stop\n")
    #expect(document.bytes == Array("don’t stop\n".utf8))
    #expect(document.edits.contains { $0.rule == "mojibake.windows-1252" || $0.stage == "mojibake" })
    #expect(try DocClean.restore(document) == Array("donâ€™t  stop".utf8))
  }

  @Test func cleansBytesWithChosenStages() throws {
    let document = try DocClean.clean(bytes: Array("a  b\r\n".utf8), stages: ["line-endings"])
    #expect(document.text == "a  b\n")
    #expect(throws: DocClean.Failure.unknownStages(["line-ending"], known: DocClean.stageNames)) {
      try DocClean.clean(bytes: [], stages: ["line-ending"])
    }
  }

  /// Binary input is cleaned but reported; text with a stray control byte is not binary.
  @Test(arguments: [
    ([0, 1, 2, 3, 0x41, 0, 0, 0x42] as [UInt8], true), (Array("text\u{0}here\n".utf8), false),
  ])
  func reportsBinaryInput(bytes: [UInt8], binary: Bool) {
    let document = DocClean.clean(bytes: bytes)
    #expect(document.looksBinary == binary)
    #expect(document.warnings.contains { $0.contains("binary") } == binary)
  }

  @Test func cleansRecordsAsTheyArrive() async throws {
    let records = AsyncStream<(Int, String)> { continuation in
      for (id, text) in [(1, "donâ€™t"), (2, "caf\u{65}\u{301}")] { continuation.yield((id, text)) }
      continuation.finish()
    }
    var cleaned: [(Int, String)] = []
    for try await (id, document) in DocClean.clean(records: records) {
      cleaned.append((id, document.text))
    }
    #expect(cleaned.map(\.0) == [1, 2])
    #expect(cleaned.map(\.1) == ["don’t\n", "café\n"])
  }
}
