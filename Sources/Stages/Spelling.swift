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
    /// The script of its words, read from the start of its word list, so that a text is
    /// tried only against the dictionaries of its own script.
    var script: Script
  }

  /// The scripts told apart by the lead bytes of their UTF-8 (a word list in a legacy
  /// encoding is Latin).
  enum Script: Sendable, Equatable {
    case latin, greek, cyrillic, hebrew, arabic, other

    /// The script most of the letters of `bytes` are in.
    static func dominant<Bytes: Sequence<UInt8>>(in bytes: Bytes) -> Script {
      var counts: [Script: Int] = [:]
      for byte in bytes {
        let script: Script
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0xC3...0xC9: script = .latin
        case 0xCE, 0xCF: script = .greek
        case 0xD0...0xD4: script = .cyrillic
        case 0xD6, 0xD7: script = .hebrew
        case 0xD8...0xDB: script = .arabic
        case 0xE0...0xEF: script = .other
        default: continue
        }
        counts[script, default: 0] += 1
      }
      return counts.max { ($0.value, $0.key.rank) < ($1.value, $1.key.rank) }?.key ?? .latin
    }

    private var rank: Int {
      switch self {
      case .latin: 0
      case .greek: 1
      case .cyrillic: 2
      case .hebrew: 3
      case .arabic: 4
      case .other: 5
      }
    }
  }

  let dictionaries: [Dictionary]
  /// The handle of each loaded dictionary by its index; -1 where it failed to load.
  private let handles = Mutex<[Int: Int32]>([:])
  /// The language found for each recent sample.
  private let languages = Mutex<[[[UInt8]]: Int?]>([:])

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

  /// The index of the dictionary of the sample's script that knows the most of `sample`
  /// (words as UTF-8), where it knows at least `SpellingLimits.languageShare` of them; nil
  /// where none does. The dictionaries are tried by language code, and the first that knows
  /// `SpellingLimits.certainShare` of the sample ends the search.
  func language(of sample: [[UInt8]]) -> Int? {
    guard sample.count >= SpellingLimits.sampleMinimum else { return nil }
    // The boilerplate stage's look-ahead cleans a text's kept lines again and again: their
    // sample, and so their language, is mostly the same each time.
    if let known = languages.withLock({ $0[sample] }) { return known }
    let found = detectLanguage(of: sample)
    languages.withLock { cache in
      if cache.count >= SpellingLimits.cachedSamples { cache.removeAll(keepingCapacity: true) }
      cache[sample] = .some(found)
    }
    return found
  }

  private func detectLanguage(of sample: [[UInt8]]) -> Int? {
    let script = Script.dominant(in: sample.joined())
    var best: (index: Int, known: Int)?
    for index in dictionaries.indices where dictionaries[index].script == script {
      let known = sample.filter { isWord($0, dictionary: index) }.count
      if known > (best?.known ?? 0) { best = (index, known) }
      // A dictionary that knows nearly all of it is the one: the rest need not be loaded.
      if Double(known) >= SpellingLimits.certainShare * Double(sample.count) { break }
    }
    guard let best, Double(best.known) >= SpellingLimits.languageShare * Double(sample.count) else {
      return nil
    }
    return best.index
  }

  /// Loads every dictionary now rather than when a text first needs it, so that a process
  /// that times its texts, or answers requests, pays for the loading up front.
  public func preload() {
    for index in dictionaries.indices { _ = handle(index) }
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
      return Dictionary(
        language: language, affix: affix, words: words, size: Int(info.st_size),
        script: script(ofWords: words))
    }
  }
}

extension Spelling {
  /// The script of a word list, from its first few kilobytes.
  static func script(ofWords path: String) -> Script {
    guard let file = fopen(path, "rb") else { return .other }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = fread(&buffer, 1, buffer.count, file)
    // The first line is the count of words.
    let start = buffer.prefix(count).firstIndex(of: 0x0A).map { $0 + 1 } ?? 0
    return Script.dominant(in: buffer[start..<count])
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
  /// The share at which the search stops: no other language's dictionary came near it there.
  static let certainShare = 0.9
  /// Samples whose language is remembered, at most, before the memory is cleared.
  static let cachedSamples = 4096
}
