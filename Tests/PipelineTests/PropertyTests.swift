import Foundation
import Pipeline
import Stages
import Testing

/// A small, seeded generator, so that every run sees the same inputs.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Inputs of every kind: random bytes, random Unicode, and dev-set text with damage.
enum Inputs {
  static let count = Int(ProcessInfo.processInfo.environment["DOCCLEAN_PROPERTY_COUNT"] ?? "") ?? 150

  static let devset: [[UInt8]] = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/devset/raw")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    return names.prefix(60).compactMap { try? Array(Data(contentsOf: folder.appendingPathComponent($0))) }
  }()

  static func randomBytes(_ random: inout SplitMix64) -> [UInt8] {
    (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
  }

  static func randomUnicode(_ random: inout SplitMix64) -> [UInt8] {
    let pools: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x00...0x1F, 0x80...0x2FF, 0x300...0x36F, 0x590...0x6FF, 0x400...0x4FF, 0x2000...0x206F,
      0x3040...0x30FF, 0x4E00...0x4FFF, 0xFFF0...0xFFFF, 0x1F300...0x1F64F, 0x10000...0x10FFFF,
    ]
    var bytes: [UInt8] = []
    for _ in 0..<Int.random(in: 0...200, using: &random) {
      let pool = pools[Int.random(in: 0..<pools.count, using: &random)]
      let value = UInt32.random(in: pool, using: &random)
      if (0xD800...0xDFFF).contains(value) { continue }
      if let scalar = Unicode.Scalar(value) { bytes += Array(String(scalar).utf8) }
      if Int.random(in: 0..<10, using: &random) == 0 { bytes += [0xED, 0xA0, 0x80] }  // a surrogate, encoded
      if Int.random(in: 0..<8, using: &random) == 0 { bytes += Array(" \n\n?".utf8) }
    }
    return bytes
  }

  /// A slice of a dev-set dump with some of the damage the dumps carry, applied at random.
  static func damagedText(_ random: inout SplitMix64) -> [UInt8] {
    guard let source = devset.randomElement(using: &random), !source.isEmpty else { return [] }
    let start = Int.random(in: 0..<source.count, using: &random)
    let end = min(source.count, start + Int.random(in: 1...3000, using: &random))
    var text = Array(source[start..<end])
    for _ in 0..<Int.random(in: 0...6, using: &random) {
      let at = Int.random(in: 0...text.count, using: &random)
      let pieces: [[UInt8]] = [
        Array("\n\n".utf8), Array("\r\n".utf8), Array("?".utf8), Array("- 12 -\n".utf8), Array("â€™".utf8),
        Array("**".utf8), Array("[x](#)".utf8), [0xE9], [0xC3], Array("&amp;".utf8), Array("-\n".utf8),
        Array("\u{A0}\t ".utf8), Array("# ".utf8), Array("Copyright © 2020 Site.\n".utf8),
      ]
      text.insert(contentsOf: pieces[Int.random(in: 0..<pieces.count, using: &random)], at: at)
    }
    return text
  }

  static func all() -> [[UInt8]] {
    var random = SplitMix64(state: 20_261_124)
    var inputs: [[UInt8]] = [[], [0], Array("\n".utf8), Array("?".utf8), [0xFF, 0xFE], [0xEF, 0xBB, 0xBF]]
    for index in 0..<count {
      switch index % 3 {
      case 0: inputs.append(randomBytes(&random))
      case 1: inputs.append(randomUnicode(&random))
      default: inputs.append(damagedText(&random))
      }
    }
    return inputs
  }
}

@Suite struct PropertyTests {
  static let inputs = Inputs.all()

  @Test func restoreGivesBackEveryInput() throws {
    for input in Self.inputs {
      let document = Pipeline.standard.clean(input)
      #expect(try Pipeline.restore(document.text, records: document.records) == input)
    }
  }

  /// Valid UTF-8 in NFC with the spec's layout, and nothing `docclean check` would report.
  @Test func outputIsValidUTF8AndPassesCheck() {
    for input in Self.inputs {
      let document = Pipeline.standard.clean(input)
      #expect(UTF8Scan.isValid(document.text))
      let findings = CleanTextCheck.findings(in: document.text, unresolved: document.unresolved.map(\.range))
      #expect(
        findings.isEmpty, "\(findings.prefix(3)) for \(String(decoding: input.prefix(80), as: UTF8.self))")
    }
  }

  @Test func cleaningTwiceChangesNothing() {
    for input in Self.inputs {
      let once = Pipeline.standard.clean(input).text
      let twice = Pipeline.standard.clean(once).text
      #expect(once == twice, "\(String(decoding: input.prefix(80), as: UTF8.self))")
    }
  }

  /// No input makes the pipeline hang: the time is bounded by the input's size, generously,
  /// so that a loaded machine does not fail it.
  @Test func timeIsBoundedBySize() {
    // Loading the dictionaries is a cost of the process, paid once, not of an input.
    Spelling.system.preload()
    let clock = ContinuousClock()
    for input in Self.inputs {
      let elapsed = clock.measure { _ = Pipeline.standard.clean(input) }
      let bound = Duration.milliseconds(500 + input.count / 10)
      #expect(elapsed < bound, "\(input.count) bytes took \(elapsed)")
    }
  }
}
