import Foundation
import Testing

@testable import Pipeline

/// `JSONBytes` reads the records of `clean --jsonl` and writes strings as `JSONEncoder` does.
struct JSONBytesTests {
  @Test(arguments: [
    "plain text", "quote \" backslash \\ slash /", "lines\nand\ttabs\r\u{8}\u{C}",
    "controls \u{0}\u{1}\u{1F}\u{7F}",
    "non-ASCII: don’t • Ελληνικά 日本語 🙂", "",
  ])
  func writesStringsAsJSONEncoderDoes(value: String) throws {
    var output: [UInt8] = []
    JSONBytes.appendString(value, to: &output)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    #expect(output == Array(try encoder.encode(value)))
  }

  @Test(arguments: [
    (#"{"id": 7, "text": "a"}"#, "a", "7"),
    (#"  {"text":"a\"b\\c\/d\n\u00e9\ud83d\ude42", "id": "x/\u0001"}  "#, "a\"b\\c/d\né🙂", #""x/\u0001""#),
    (#"{"text": "a", "extra": {"deep": [1, -2.5e+3, true, false, null, "s"]}}"#, "a", "null"),
    (#"{"id": {"k": [1, "a b"]}, "text": ""}"#, "", #"{"k":[1,"a b"]}"#),
    // A comma before a closing bracket, as Foundation's reader also takes.
    (#"{"text": "a", "x": [1, {"y": 2,},],}"#, "a", "null"),
  ])
  func readsRecords(line: String, text: String, id: String) throws {
    let record = try #require(JSONBytes.record(in: Array(line.utf8)[...]))
    #expect(record.text == Array(text.utf8))
    #expect(String(decoding: record.idJSON, as: UTF8.self) == id)
  }

  @Test(arguments: [
    #"{"id": 7}"#, #"{"text": 5}"#, #"["text"]"#, #"{"text": "a"} x"#, #"{"text": "a",,}"#,
    #"{,"text": "a"}"#, #"{"text": "a""#,
    #"{"text": "\ud83d"}"#, #"{"text": "\x"}"#, "{\"text\": \"a\u{1}\"}", #"{"text": "a", "n": 01}"#,
    #"{"text": "a", "n": tru}"#, #"{"text": "a", "n": 1.}"#, String(repeating: "[", count: 600),
  ])
  func refusesWhatIsNotARecord(line: String) {
    #expect(JSONBytes.record(in: Array(line.utf8)[...]) == nil)
  }

  @Test func readsPastAByteOrderMark() throws {
    let line = [0xEF, 0xBB, 0xBF] + Array(#"{"id": 1, "text": "a"}"#.utf8)
    #expect(try #require(JSONBytes.record(in: line[...])).text == Array("a".utf8))
  }

  @Test func refusesInvalidUTF8() {
    let line = Array(#"{"text": "a"#.utf8) + [0xFF] + Array(#""}"#.utf8)
    #expect(JSONBytes.record(in: line[...]) == nil)
  }
}
