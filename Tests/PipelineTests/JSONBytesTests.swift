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

  /// A record without a text string is read, its text nil; its other members come back as
  /// written, for `clean --jsonl` to pass on.
  @Test func readsRecordsWithoutAText() throws {
    let record = try #require(JSONBytes.record(in: Array(#"{"id": 7, "a": [1, 2], "text": 5}"#.utf8)[...]))
    #expect(record.text == nil)
    #expect(record.others.map { String(decoding: $0, as: UTF8.self) } == [#""a": [1, 2]"#])
    #expect(record.nonStringText.map { String(decoding: $0, as: UTF8.self) } == #""text": 5"#)
  }

  @Test(arguments: [
    #"["text"]"#, #"{"text": "a"} x"#, #"{"text": "a",,}"#,
    #"{,"text": "a"}"#, #"{"text": "a""#,
    #"{"text": "\x"}"#, "{\"text\": \"a\u{1}\"}", #"{"text": "a", "n": 01}"#,
    #"{"text": "a", "n": tru}"#, #"{"text": "a", "n": 1.}"#, String(repeating: "[", count: 600),
  ])
  func refusesWhatIsNotARecord(line: String) {
    #expect(JSONBytes.record(in: Array(line.utf8)[...]) == nil)
  }

  @Test func readsPastAByteOrderMark() throws {
    let line = [0xEF, 0xBB, 0xBF] + Array(#"{"id": 1, "text": "a"}"#.utf8)
    #expect(try #require(JSONBytes.record(in: line[...])).text == Array("a".utf8))
  }

  /// The text is given back with its damage for the cleaner to repair and record: bytes that
  /// are not UTF-8 as they are, a lone surrogate as the bytes UTF-8 would give it.
  @Test func keepsTheTextsDamage() throws {
    let latin1 = Array(#"{"text": "a"#.utf8) + [0xFF] + Array(#""}"#.utf8)
    #expect(try #require(JSONBytes.record(in: latin1[...])).text == [0x61, 0xFF])
    let surrogate = Array(#"{"text": "\ud83d!"}"#.utf8)
    #expect(try #require(JSONBytes.record(in: surrogate[...])).text == [0xED, 0xA0, 0xBD, 0x21])
  }
}

/// A string's plain bytes are skipped sixteen or eight at a time: a quote, a backslash or a control
/// character ends the run wherever it falls, and one that sits in a slice of a longer line
/// (the bytes before `startIndex`) is not read.
@Suite struct JSONStringRunTests {
  @Test(arguments: ["\\\"", "\\\\", "\\n", "\\u00e9", "é", "日", "🙂"])
  func readsAnEscapeOrCharacterAtEveryOffset(piece: String) throws {
    for length in 0...44 {
      for offset in 0...length {
        let value =
          String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
        let line = #"{"text": ""# + value + #"", "id": 1}"#
        let expected = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        let record = try #require(JSONBytes.record(in: Array(line.utf8)[...]), "\(line)")
        #expect(
          record.text.map { String(decoding: $0, as: UTF8.self) } == expected?["text"] as? String, "\(line)")
      }
    }
  }

  /// Strings are written sixteen or eight bytes at a time up to a byte that needs an escape:
  /// with one at every offset of three blocks, and two together, what is written reads back
  /// as the string it was.
  @Test(arguments: ["\"", "\\", "\n", "\t", "\u{1F}", "\u{0}", "é", "\"\n", "🙂\\"])
  func writesAnEscapeAtEveryOffset(piece: String) throws {
    for length in 0...44 {
      for offset in 0...length {
        let value =
          String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
        var output: [UInt8] = []
        JSONBytes.appendString(value, to: &output)
        let line = #"{"text": "# + String(decoding: output, as: UTF8.self) + "}"
        let read = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(read?["text"] as? String == value, "\(line)")
      }
    }
  }

  @Test func refusesAControlCharacterAtEveryOffset() {
    for length in 0...44 {
      for offset in 0...length {
        let value =
          String(repeating: "x", count: offset) + "\u{1F}" + String(repeating: "y", count: length - offset)
        let line = #"{"text": ""# + value + #""}"#
        #expect(JSONBytes.record(in: Array(line.utf8)[...]) == nil, "\(line)")
      }
    }
  }

  /// A member skipped unread is taken or refused as one read would be, with every kind of
  /// escape, a bad escape, a control byte and an unclosed string at each offset across the
  /// blocks the scan steps by, alone and nested in arrays and objects.
  @Test(arguments: [
    #"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#, #"\t"#, #"\u00e9"#, #"\uD83D\uDE42"#, #"\uD83D"#,
    #"\uDE42x"#, #"\u00g9"#, #"\u12"#, #"\x"#, #"\\""#, "\u{1F}", "\u{0}", "é", "🙂", #"""#, "",
  ])
  func skipsAStringAsItReadsOne(piece: String) {
    for offset in 0...20 {
      let body = String(repeating: "w", count: offset) + piece + String(repeating: "z", count: 20 - offset)
      for value in [#""\#(body)""#, #"["\#(body)", {"k": "\#(body)"}]"#, #""\#(body)"#] {
        let json = Array(#"{"a": \#(value), "b": 1}"#.utf8)[...]
        let read = JSONBytes.object(in: json)
        let skipped = JSONBytes.object(in: json, skipping: ["a"])
        #expect((read == nil) == (skipped == nil), "\(value)")
        #expect(skipped.map { $0["b"] == .number("1") && $0["a"] == nil } ?? true, "\(value)")
      }
    }
  }

  @Test func readsARecordInASliceOfALongerLine() throws {
    let bytes = Array(#"xxxxxxxxxxxxxxxx"\{"text": "plain words here", "id": 2}"#.utf8)
    let record = try #require(JSONBytes.record(in: bytes[18...]))
    #expect(record.text == Array("plain words here".utf8))
  }
}
