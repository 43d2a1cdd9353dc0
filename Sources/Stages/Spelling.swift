import CHunspell
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tells words from non-words with the system's Hunspell dictionaries, one per language.
///
/// Debian's `hunspell-*` packages put them in `/usr/share/hunspell`. A dictionary is loaded
/// the first time a text needs it (the first text with a word hyphenated at a line's end),
/// then shared by every text of the process. The language of a text is the dictionary's that
/// knows the most of its words.
public final class Spelling: Sendable {
  /// The dictionaries Debian installs.
  public static let system = Spelling(folder: "/usr/share/hunspell")

  /// One dictionary: its language (`de`, `pt`) and its two files.
  struct Dictionary: Sendable {
    var language: String
    var affix: String
    var words: String
    var size: Int
  }

  let dictionaries: [Dictionary]
  /// The handle of each loaded dictionary by its index; -1 where it failed to load.
  private let handles = Mutex<[Int: Int32]>([:])

  /// The dictionaries of `folder`, one per language.
  public init(folder: String) {
    dictionaries = Self.find(in: folder)
  }

  /// The dictionaries in use, with their sizes: part of the ruleset fingerprint, since a
  /// different dictionary may join different words.
  public var fingerprint: String {
    dictionaries.map { "\($0.language):\($0.words.split(separator: "/").last ?? ""):\($0.size)" }
      .joined(separator: ",")
  }

  /// The index of the dictionary that knows the most of `sample` (words as UTF-8), where it
  /// knows at least `SpellingLimits.languageShare` of them; nil where none does.
  func language(of sample: [[UInt8]]) -> Int? {
    guard sample.count >= SpellingLimits.sampleMinimum else { return nil }
    var best: (index: Int, known: Int)?
    for index in dictionaries.indices {
      let known = sample.filter { isWord($0, dictionary: index) }.count
      if known > (best?.known ?? 0) { best = (index, known) }
    }
    guard let best, Double(best.known) >= SpellingLimits.languageShare * Double(sample.count) else {
      return nil
    }
    return best.index
  }

  /// Whether `word` (UTF-8) is a word of the dictionary at `index`.
  func isWord(_ word: [UInt8], dictionary index: Int) -> Bool {
    guard let handle = handle(index) else { return false }
    return word.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { dc_speller_spell(handle, $0, Int32(buffer.count)) == 1 } ?? false
    }
  }

  /// The first `SpellingLimits.sampleSize` distinct words of `text` of four letters or more,
  /// to tell its language by. Letters are ASCII letters and non-ASCII characters but the
  /// punctuation of U+0080–U+00BF and U+2000–U+206F.
  static func sample(_ text: [UInt8]) -> [[UInt8]] {
    var sample: [[UInt8]] = []
    var seen: Set<[UInt8]> = []
    var index = 0
    while index < text.count, sample.count < SpellingLimits.sampleSize {
      guard let length = letterLength(text, at: index) else {
        index += 1
        continue
      }
      let start = index
      var letters = 0
      index += length
      letters += 1
      while index < text.count, let next = letterLength(text, at: index) {
        index += next
        letters += 1
      }
      let word = Array(text[start..<index])
      if (4...30).contains(letters), seen.insert(word).inserted { sample.append(word) }
    }
    return sample
  }

  /// The length of the letter at `index`, or nil where none starts there.
  private static func letterLength(_ text: [UInt8], at index: Int) -> Int? {
    let byte = text[index]
    if byte < 0x80 { return (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A ? 1 : nil }
    guard byte >= 0xC3 else { return nil }
    if byte == 0xE2, index + 1 < text.count, text[index + 1] == 0x80 || text[index + 1] == 0x81 { return nil }
    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
    guard index + length <= text.count, text[index + 1..<index + length].allSatisfy({ $0 & 0xC0 == 0x80 })
    else {
      return nil
    }
    return length
  }

  /// The language code of the dictionary at `index`.
  func languageCode(_ index: Int) -> String { dictionaries[index].language }

  private func handle(_ index: Int) -> Int32? {
    let handle = handles.withLock { loaded in
      if let handle = loaded[index] { return handle }
      let dictionary = dictionaries[index]
      let handle = dc_speller_open(Array(dictionary.affix.utf8) + [0], Array(dictionary.words.utf8) + [0])
      loaded[index] = handle
      return handle
    }
    return handle >= 0 ? handle : nil
  }

  /// One dictionary per language: the one named for the language alone (`fr`), else the
  /// language's own country (`de_DE`), else `en_US`, else the first by name.
  static func find(in folder: String) -> [Dictionary] {
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasSuffix(".dic") { names.append(String(name.dropLast(4))) }
    }
    var chosen: [String: String] = [:]
    for name in names.sorted() {
      let language = String(name.prefix { $0 != "_" && $0 != "-" })
      guard language.count >= 2, language.count <= 3, language.allSatisfy(\.isLowercase) else { continue }
      let rank = { (name: String) -> Int in
        if name == language { return 0 }
        if name == "\(language)_\(language.uppercased())" || name == "en_US" { return 1 }
        return 2
      }
      if let current = chosen[language], rank(current) <= rank(name) { continue }
      chosen[language] = name
    }
    return chosen.keys.sorted().compactMap { language in
      guard let name = chosen[language] else { return nil }
      let affix = "\(folder)/\(name).aff"
      let words = "\(folder)/\(name).dic"
      var info = stat()
      guard stat(affix, &info) == 0, stat(words, &info) == 0 else { return nil }
      return Dictionary(language: language, affix: affix, words: words, size: Int(info.st_size))
    }
  }
}

/// The numbers that decide a text's language, in one place.
enum SpellingLimits {
  /// Distinct words sampled from a text to tell its language.
  static let sampleSize = 60
  /// Fewer words than this tell no language.
  static let sampleMinimum = 8
  /// The share of the sample a dictionary must know for the text to be in its language. On
  /// `../shared/pdfdev`'s pypdf dumps the text's own dictionary knows 77–100% of the sample
  /// and another language's at most 38%; Arabic's knows 20–23% of those garbled dumps, which
  /// then keep the document's own rule.
  static let languageShare = 0.5
}
