#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many files of a batch hold each line: the strongest sign of chrome that a site or a
/// template repeats on every page.
///
/// A line's key ignores ASCII case, digits, punctuation, white space and the targets of
/// markdown links, so that `[Share](https://a/1)` and `Share (12)` on another page are one line.
/// Keys are hashes: a profile holds no text of the batch. Only lines of more than one file are
/// kept, since a line of one file recurs nowhere.
///
/// `docclean run` gathers the profile of its raw folder before it cleans; `docclean profile`
/// saves one, so that a batch split across machines decides alike.
public struct BatchProfile: Sendable, Equatable {
  /// How many files were profiled.
  public private(set) var fileCount: Int
  /// Files per line key, for the keys of two files or more.
  private var counts: KeyCounts

  /// The profile of no files: every line recurs nowhere.
  public static let empty = BatchProfile(fileCount: 0, counts: KeyCounts())

  private init(fileCount: Int, counts: KeyCounts) {
    self.fileCount = fileCount
    self.counts = counts
  }

  /// The profile of `files`, each the bytes of one file.
  public init(files: [[UInt8]]) {
    var gatherer = Gatherer()
    for file in files { gatherer.add(file) }
    self = gatherer.profile
  }

  /// How many other files of the batch hold a line with this key, taking the line's own file
  /// to be one of the batch.
  public func otherFiles(holding key: UInt64) -> Int {
    max(Int(counts[key]) - 1, 0)
  }

  /// How widely the line recurs, on a log scale: 0 for no other file, 1 for one, 2 for two or
  /// three, 3 for four to seven, and so on up to `Limits.topBucket`.
  ///
  /// Buckets rather than counts decide, so that a file is cleaned again only when one of its
  /// lines moves to another bucket, not each time the batch gains a page.
  public func bucket(of line: ArraySlice<UInt8>) -> Int {
    line.withUnsafeBufferPointer { bucket(of: $0) }
  }

  private func bucket(of line: UnsafeBufferPointer<UInt8>) -> Int {
    guard let key = Self.key(of: line) else { return 0 }
    let others = otherFiles(holding: key)
    guard others > 0 else { return 0 }
    return min(Int.bitWidth - others.leadingZeroBitCount, Limits.topBucket)
  }

  /// A digest of the buckets of every line of `text`, in order: what of the profile a file's
  /// cleaning can depend on. Two profiles with the same view of a file clean it alike.
  public func view(of text: [UInt8]) -> String {
    var buckets: [UInt8] = []
    Self.forEachLine(of: text) { line in buckets.append(UInt8(bucket(of: line))) }
    return SHA256Digest.hex(of: buckets)
  }

  /// Limits of what counts as a line worth profiling.
  public enum Limits {
    /// Fewer key bytes than this (a lone number, a rule of dashes) say nothing of chrome.
    public static let minimumKeyBytes = 3
    /// Longer lines are prose; hashing them would cost time and find no chrome.
    public static let maximumKeyBytes = 400
    /// The highest bucket: 64 other files and more.
    public static let topBucket = 7
  }

  /// The key of a line, or nil when the line has too few or too many letters to be one.
  public static func key(of line: ArraySlice<UInt8>) -> UInt64? {
    line.withUnsafeBufferPointer { key(of: $0) }
  }

  /// The key of a line read in place.
  static func key(of line: UnsafeBufferPointer<UInt8>) -> UInt64? {
    guard !hasTooManyLetters(line) else { return nil }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var length = 0
    var index = 0
    return keyBytes.withUnsafeBufferPointer { keyBytes in
      while index < line.count {
        let byte = line[index]
        if byte == 0x5D, index + 1 < line.count, line[index + 1] == 0x28 {
          // `](target)`: a page's own addresses differ from site to site; the text does not.
          index = line[(index + 2)...].firstIndex(of: 0x29).map { $0 + 1 } ?? line.count
          continue
        }
        index += 1
        // Letters and the rest alternate as words and spaces do, which no branch predicts: a
        // byte the key skips leaves the hash as it was by a mask, not a jump.
        let folded = keyBytes[Int(byte)]
        let taken = UInt64(unsafeBitCast(folded != 0, to: UInt8.self))
        let next = (hash ^ UInt64(folded)) &* 0x100_0000_01b3
        // All ones where the byte is a letter: the hash takes `next` there, and stays elsewhere.
        hash ^= (hash ^ next) & (0 &- taken)
        length &+= Int(taken)
        guard length <= Limits.maximumKeyBytes else { return nil }
      }
      return length >= Limits.minimumKeyBytes ? hash : nil
    }
  }

  /// What the key reads of each byte: a letter (ASCII folded to lowercase, or any byte above
  /// ASCII), or 0 for a byte it skips.
  private static let keyBytes: [UInt8] = (0...255).map { value in
    let byte = UInt8(value)
    switch byte {
    case 0x41...0x5A: return byte | 0x20
    case 0x61...0x7A, 0x80...: return byte
    default: return 0
    }
  }

  /// Whether a line without a link target has more key bytes (letters) than a key takes:
  /// a line of prose, counted eight bytes at a time, is spared hashing byte by byte the
  /// letters a key could take before it found out.
  static func hasTooManyLetters(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    guard line.count > Limits.maximumKeyBytes, let base = line.baseAddress,
      memchr(base, 0x5D, line.count) == nil
    else { return false }
    var lanes = ByteLanes()
    var index = 0
    while let word = ByteWord.load(line, at: index) {
      lanes.add(
        ByteWord.between(word, 0x40, 0x5B) | ByteWord.between(word, 0x60, 0x7B) | ByteWord.nonASCIIMask(word))
      index += 8
    }
    var letters = lanes.total
    for byte in line[index...] where keyBytes[Int(byte)] != 0 { letters += 1 }
    return letters > Limits.maximumKeyBytes
  }

  /// Calls `body` with each line of `text`, ended by a line feed or a carriage return.
  static func forEachLine(of text: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    text.withUnsafeBufferPointer { text in
      var start = 0
      while let end = lineEnd(in: text, from: start) {
        body(UnsafeBufferPointer(rebasing: text[start..<end]))
        start = end + 1
      }
      if start < text.count { body(UnsafeBufferPointer(rebasing: text[start...])) }
    }
  }

  /// The index of the first line feed or carriage return of `text` from `start` on, looked
  /// for eight bytes at a time.
  static func lineEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var index = start
    while let word = ByteWord.load(text, at: index) {
      let ends = ByteWord.equalMask(word, 0x0A) | ByteWord.equalMask(word, 0x0D)
      if ends != 0 { return index + ends.trailingZeroBitCount / 8 }
      index += 8
    }
    while index < text.count {
      if text[index] == 0x0A || text[index] == 0x0D { return index }
      index += 1
    }
    return nil
  }

  /// Counts the lines of files one at a time, in any order, and makes their profile.
  public struct Gatherer: Sendable {
    private var counts = KeyCounts()
    private var fileCount = 0

    /// A gatherer that has seen no file.
    public init() {}

    /// Counts the lines of one file, each distinct line once.
    public mutating func add(_ file: [UInt8]) {
      var keys: [UInt64] = []
      BatchProfile.forEachLine(of: file) { line in
        if let key = BatchProfile.key(of: line) { keys.append(key) }
      }
      keys.sort()
      var previous: UInt64?
      for key in keys where key != previous {
        counts.add(1, to: key)
        previous = key
      }
      fileCount += 1
    }

    /// Adds what another gatherer counted, as if this one had seen its files.
    public mutating func merge(_ other: Gatherer) {
      for (key, count) in other.counts.entries { counts.add(count, to: key) }
      fileCount += other.fileCount
    }

    /// The profile of the files seen.
    public var profile: BatchProfile {
      BatchProfile(fileCount: fileCount, counts: counts.filter { $0 > 1 })
    }
  }
}

extension BatchProfile {
  /// The first line of a saved profile.
  static let header = "docclean-profile 1"

  /// The profile as a file: a header, the file count, then a line `KEY COUNT` per key in hex
  /// and decimal, sorted, so that one batch always gives the same bytes.
  public func encoded() -> [UInt8] {
    let entries = counts.entries.sorted(by: { $0.key < $1.key })
    var bytes = Array("\(Self.header)\nfiles \(fileCount)\n".utf8)
    // Written as bytes: a batch's profile has a line for each of tens of thousands of keys.
    bytes.reserveCapacity(bytes.count + entries.count * 28)
    let digits = Array("0123456789abcdef".utf8)
    for (key, count) in entries {
      for shift in stride(from: 60, through: 0, by: -4) {
        bytes.append(digits[Int((key >> UInt64(shift)) & 0xF)])
      }
      bytes.append(0x20)
      bytes.append(contentsOf: String(count).utf8)
      bytes.append(0x0A)
    }
    return bytes
  }

  /// The SHA-256 of the saved form, which the provenance of each file it cleaned records.
  public var sha256: String { SHA256Digest.hex(of: encoded()) }

  /// Reads a saved profile; `path` names it in the error.
  public init(decoding bytes: [UInt8], path: String) throws(DocCleanError) {
    func invalid(_ reason: String) -> DocCleanError {
      .invalidProfile(path: path, reason: reason)
    }
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == Self.header else {
      throw invalid("it does not start with '\(Self.header)'")
    }
    let filesLine = String(decoding: lines[1], as: UTF8.self)
    guard filesLine.hasPrefix("files "), let files = Int(filesLine.dropFirst(6)), files >= 0 else {
      throw invalid("line 2 is not 'files N'")
    }
    var counts = KeyCounts()
    for (offset, line) in lines.dropFirst(2).enumerated() where !line.isEmpty {
      let fields = line.split(separator: 0x20)
      guard fields.count == 2, let key = UInt64(String(decoding: fields[0], as: UTF8.self), radix: 16),
        let count = UInt32(String(decoding: fields[1], as: UTF8.self)), count > 1, Int(count) <= files
      else {
        throw invalid("line \(offset + 3) is not 'KEY COUNT' with a hex key and a count of 2 to \(files)")
      }
      counts.set(count, for: key)
    }
    self.init(fileCount: files, counts: counts)
  }
}
