import Testing

@testable import Pipeline

@Suite struct UTF8ScanTests {
  /// Scalars of one to four bytes at every offset of a line, across the eight-byte steps.
  @Test(arguments: ["a", "é", "—", "😀", "日本"])
  func countsScalarsAtEveryOffset(piece: String) {
    for length in 0...20 {
      for offset in 0...length {
        let line =
          String(repeating: "x", count: offset) + piece + String(repeating: "y", count: length - offset)
        let count = Array(line.utf8).withUnsafeBufferPointer(UTF8Scan.scalarCount)
        #expect(count == line.unicodeScalars.count, "\(line)")
      }
    }
  }
}
