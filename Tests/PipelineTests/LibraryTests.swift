import DocClean
import Testing

@Suite struct LibraryTests {
  @Test func cleansAStringInOneCall() throws {
    let document = DocClean.clean("donâ€™t  stop")
    #expect(document.string == "don’t stop\n")
    #expect(try Pipeline.restore(document.text, records: document.records) == Array("donâ€™t  stop".utf8))
  }

  @Test func cleansBytesWithChosenStages() {
    let document = DocClean.clean(bytes: Array("a  b\r\n".utf8), stages: [LineEndings()])
    #expect(document.string == "a  b\n")
  }
}
