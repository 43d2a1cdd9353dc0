import Testing

@testable import Pipeline

/// What `InputCheck` refuses as binary, with control bytes at every offset, since it reads
/// sixteen or eight bytes at a time.
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

  /// The controls are counted exactly, wherever they stand: 100 bytes are text with ten and
  /// binary with eleven; tabs, line feeds, form feeds and carriage returns are no controls, a
  /// vertical tab is one.
  @Test(arguments: [0, 3, 7, 15, 16, 17, 31])
  func countsControlsWhereverTheyStand(start: Int) throws {
    let controls: [UInt8] = [0x00, 0x0B, 0x1B, 0x7F, 0x01]
    let positions = (0..<11).map { (start + $0 * 9) % 100 }
    var bytes = Array(String(repeating: "text ", count: 20).utf8)
    for (number, position) in positions.prefix(10).enumerated() {
      bytes[position] = controls[number % controls.count]
      bytes[(position + 4) % 100] = [0x09, 0x0A, 0x0C, 0x0D][number % 4]
    }
    try InputCheck.validate(bytes, path: "a")
    bytes[positions[10]] = 0x1F
    #expect(throws: DocCleanError.self) { try InputCheck.validate(bytes, path: "a") }
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
