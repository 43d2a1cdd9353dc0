import Testing

@testable import Pipeline

/// What `InputCheck` refuses as binary, with control bytes at every offset, since it reads
/// eight bytes at a time.
@Suite struct InputCheckTests {
  /// A page with a NUL here and there is text to clean (the line-endings stage removes the
  /// bytes and reports them); a file of NULs is binary.
  @Test func takesAFewNulsAtEveryOffsetAndRefusesManyNuls() throws {
    for offset in 0..<24 {
      var bytes = Array(String(repeating: "text ", count: 5).utf8)
      bytes[offset] = 0
      try InputCheck.validate(bytes, path: "a")
    }
    let nuls = Array(repeating: Array("ab".utf8) + [0, 0, 0], count: 10).flatMap { $0 }
    #expect(throws: DocCleanError.self) { try InputCheck.validate(nuls, path: "a") }
  }

  @Test(arguments: [0x01, 0x08, 0x1B, 0x1F, 0x7F] as [UInt8])
  func refusesTextOfControlBytes(control: UInt8) {
    // One byte in five is a control byte: more than one in ten makes binary data.
    let bytes = Array(repeating: Array("abcd".utf8) + [control], count: 10).flatMap { $0 }
    #expect(throws: DocCleanError.self) { try InputCheck.validate(bytes, path: "a") }
  }

  @Test func takesTextWithTabsLineEndsAndFewControls() throws {
    var bytes = Array("a\tb\r\nc\u{0C}d e\n".utf8)
    bytes += Array(repeating: Array("plain words".utf8), count: 4).flatMap { $0 } + [0x1B]
    try InputCheck.validate(bytes, path: "a")
  }

  @Test(arguments: [0x0000_0000_0000_0000 as UInt64, 0x6162_6364_7F65_6667, 0x6162_6364_1F65_6667])
  func findsControlBytesInAWord(word: UInt64) {
    #expect(InputCheck.mayHoldControl(word))
  }

  @Test(arguments: [0x6162_6364_6566_6768 as UInt64, 0x2020_2020_2020_2020, 0xC3A9_E280_9C7E_8080])
  func passesWordsOfText(word: UInt64) {
    #expect(!InputCheck.mayHoldControl(word))
  }
}
