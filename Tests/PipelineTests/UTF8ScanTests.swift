import Testing

@testable import Pipeline

@Suite struct UTF8ScanTests {
  /// Scalars of one to four bytes at every offset of a line, across the sixteen- and
  /// eight-byte steps.
  @Test(arguments: ["a", "é", "—", "😀", "日本"])
  func countsScalarsAtEveryOffset(piece: String) {
    for length in 0...44 {
      for offset in 0...length {
        let line =
          String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
        let count = Array(line.utf8).withUnsafeBufferPointer(UTF8Scan.scalarCount)
        #expect(count == line.unicodeScalars.count, "\(line)")
      }
    }
  }

  /// The first byte above ASCII at every offset of a line, looked for from every start.
  @Test(arguments: ["a", "é", "—", "😀"])
  func findsTheEndOfASCIIAtEveryOffset(piece: String) {
    for length in 0...40 {
      for offset in 0...length {
        let bytes = Array(
          (String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset))
            .utf8)
        for start in 0...bytes.count {
          let expected = bytes[start...].firstIndex { $0 >= 0x80 } ?? bytes.count
          let found = bytes.withUnsafeBufferPointer { UTF8Scan.asciiEnd(in: $0, from: start) }
          #expect(found == expected, "\(piece) at \(offset) from \(start)")
        }
      }
    }
  }

  /// A text long enough that the lanes counting continuation bytes fold more than once.
  @Test func countsTheScalarsOfALongText() {
    let text = String(repeating: "aé—😀 ", count: 2000)
    #expect(Array(text.utf8).withUnsafeBufferPointer(UTF8Scan.scalarCount) == text.unicodeScalars.count)
  }
}
