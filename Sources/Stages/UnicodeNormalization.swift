import CICU
import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Puts the text in Unicode Normalization Form C, through the system's ICU.
///
/// Works line by line, since NFC never reaches across a line break: a line whose quick check
/// says it is already NFC (all of a typical text) costs one byte scan; any other line is
/// normalized, and where it changed, the changed span becomes one edit.
public struct UnicodeNormalization: Stage {
  public let id = "unicode-nfc"
  public let version = 1

  public init() {}

  public func propose(for text: [UInt8]) -> Proposal {
    var edits: [TextEdit] = []
    var lineStart = 0
    text.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      while lineStart < buffer.count {
        let lineEnd =
          memchr(base + lineStart, 0x0A, buffer.count - lineStart).map {
            base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
          } ?? buffer.count
        let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
        if Self.mayNeedComposing(line), let edit = normalize(buffer, lineStart..<lineEnd) {
          edits.append(edit)
        }
        lineStart = lineEnd + 1
      }
    }
    return Proposal(edits: edits)
  }

  /// Whether `line` has a byte of 0xCC or above: code points below U+0300, whose lead bytes
  /// are below 0xCC, are NFC whatever surrounds them. Runs of ASCII, most of a line, are
  /// stepped over as the UTF-8 scans step over them.
  static func mayNeedComposing(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = UTF8Scan.asciiEnd(in: line, from: 0)
    while index < line.count {
      if line[index] >= 0xCC { return true }
      index = UTF8Scan.asciiEnd(in: line, from: index + 1)
    }
    return false
  }

  private func normalize(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> TextEdit? {
    guard let base = buffer.baseAddress else { return nil }
    let start = base + line.lowerBound
    let length = Int32(line.count)
    guard dc_nfc_is_normalized(start, length) == 0 else { return nil }
    let original = UnsafeBufferPointer(rebasing: buffer[line])
    guard let output = NFC.normalize(original) else { return nil }
    guard let span = ChangedSpan(original, output) else { return nil }
    return TextEdit(
      range: line.lowerBound + span.old.lowerBound..<line.lowerBound + span.old.upperBound,
      replacement: Array(output[span.new]), rule: Rule("unicode-nfc.compose", "characters composed to NFC"))
  }
}

/// NFC through the ICU shim.
enum NFC {
  /// The NFC form of UTF-8 bytes, or nil when ICU fails on them.
  static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard let base = bytes.baseAddress else { return [] }
    var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
    let written = output.withUnsafeMutableBufferPointer { out in
      dc_nfc_normalize(base, Int32(bytes.count), out.baseAddress, Int32(out.count))
    }
    guard written >= 0, Int(written) <= output.count else { return nil }
    output.removeSubrange(Int(written)...)
    return output
  }

  /// Whether UTF-8 bytes are certainly in NFC (false where ICU cannot tell).
  static func isNormalized(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { dc_nfc_is_normalized($0, Int32(buffer.count)) == 1 } ?? true
    }
  }

  /// The NFC form of UTF-8 bytes; the bytes themselves when ICU fails on them.
  static func normalize(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { normalize($0) } ?? bytes
  }
}

/// The smallest span in which two byte strings differ, widened to whole UTF-8 scalars.
struct ChangedSpan {
  var old: Range<Int>
  var new: Range<Int>

  init?<A: RandomAccessCollection<UInt8>, B: RandomAccessCollection<UInt8>>(_ old: A, _ new: B)
  where A.Index == Int, B.Index == Int {
    let oldBytes = Array(old)
    let newBytes = Array(new)
    guard oldBytes != newBytes else { return nil }
    var prefix = 0
    while prefix < oldBytes.count, prefix < newBytes.count, oldBytes[prefix] == newBytes[prefix] {
      prefix += 1
    }
    while prefix > 0, Self.splitsScalar(oldBytes, prefix) || Self.splitsScalar(newBytes, prefix) {
      prefix -= 1
    }
    var suffix = 0
    while suffix < oldBytes.count - prefix, suffix < newBytes.count - prefix,
      oldBytes[oldBytes.count - 1 - suffix] == newBytes[newBytes.count - 1 - suffix]
    {
      suffix += 1
    }
    while suffix > 0,
      Self.splitsScalar(oldBytes, oldBytes.count - suffix)
        || Self.splitsScalar(newBytes, newBytes.count - suffix)
    {
      suffix -= 1
    }
    self.old = prefix..<oldBytes.count - suffix
    self.new = prefix..<newBytes.count - suffix
  }

  private static func splitsScalar(_ bytes: [UInt8], _ offset: Int) -> Bool {
    offset < bytes.count && UTF8Scan.isContinuation(bytes[offset])
  }
}
