import Pipeline
import Stages

/// libFuzzer's entry point: cleans the bytes it is given with the standard pipeline and stops the
/// process when a promise of the pipeline is broken, which libFuzzer reports as a crash and keeps
/// the input for.
///
/// Built with `-D FUZZING` by `scripts/fuzz.sh`; in a normal build the same check runs on files
/// named on the command line (see `Replay.swift`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if let failure = FuzzCheck.failure(for: bytes) {
    fatalError(failure)
  }
  return 0
}

/// The promises every input must keep, whatever its bytes: the same ones the property tests
/// check, on inputs that libFuzzer makes.
enum FuzzCheck {
  /// The clean-text rules that the pipeline guarantees for any input; the others (mojibake,
  /// markup, lost punctuation) depend on judgement and may leave findings on odd input.
  static let guaranteedRules: Set = ["encoding", "line-ending", "nfc", "layout"]

  /// Why `bytes` break a promise, or nil when they keep them all. A crash inside the pipeline
  /// never returns, which libFuzzer catches too.
  static func failure(for bytes: [UInt8]) -> String? {
    let document = Pipeline.standard.clean(bytes)
    guard UTF8Scan.isValid(document.text) else { return "the clean text is not valid UTF-8" }
    let restored: [UInt8]
    do {
      restored = try Pipeline.restore(document.text, records: document.records)
    } catch {
      return "restore failed: \(error)"
    }
    guard restored == bytes else { return "restore gave back other bytes than the input" }
    let findings = CleanTextCheck.findings(in: document.text).filter { guaranteedRules.contains($0.rule) }
    if let finding = findings.first {
      return "the clean text breaks `\(finding.rule)` at byte \(finding.offset): \(finding.message)"
    }
    return nil
  }
}
