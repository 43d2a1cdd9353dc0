import ArgumentParser
import Foundation
import Pipeline
import Stages

/// The optional `.docclean.json` of a raw folder: settings that belong with its dumps.
///
/// ```json
/// { "boilerplate": { "remove": ["Read our weekly digest"], "keep": ["Subscribe"] }, "maxSize": 1048576 }
/// ```
///
/// Every key may be left out; an unknown key, or a value of the wrong kind, is an error that
/// names the file and the key.
struct ConfigFile: Equatable {
  /// Phrases that make a line boilerplate, or article text.
  var boilerplate = UserPhrases()
  /// The largest raw file (or JSON Lines record) to clean, in bytes.
  var maxSize: Int?

  static let defaultName = ".docclean.json"
  static let defaultMaxSize = 256 << 20
  static let keys = ["boilerplate", "maxSize"]
  static let example = #"{"boilerplate": {"remove": ["..."], "keep": ["..."]}, "maxSize": 268435456}"#

  /// A problem with a config file, naming the file and the key.
  struct Problem: Error, CustomStringConvertible {
    var path: String
    var key: String?
    var expected: String

    var description: String {
      guard let key else { return "\(path): \(expected); a config file looks like \(ConfigFile.example)" }
      return "\(path): key \"\(key)\": \(expected); a config file looks like \(ConfigFile.example)"
    }
  }

  init() {}

  /// Reads the config in `bytes`, the contents of `path`.
  init(decoding bytes: [UInt8], path: String) throws(Problem) {
    guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
      throw Problem(path: path, key: nil, expected: "not JSON")
    }
    guard let object = json as? [String: Any] else {
      throw Problem(path: path, key: nil, expected: "expected a JSON object")
    }
    for key in object.keys.sorted() where !Self.keys.contains(key) {
      throw Problem(
        path: path, key: key, expected: "unknown; the keys are \(Self.keys.joined(separator: ", "))")
    }
    if let value = object["boilerplate"] {
      guard let phrases = value as? [String: Any] else {
        throw Problem(
          path: path, key: "boilerplate", expected: "expected an object with \"remove\" and \"keep\"")
      }
      for key in phrases.keys.sorted() where key != "remove" && key != "keep" {
        throw Problem(path: path, key: "boilerplate.\(key)", expected: "unknown; the keys are remove, keep")
      }
      boilerplate = UserPhrases(
        remove: try Self.strings(phrases["remove"], key: "boilerplate.remove", path: path),
        keep: try Self.strings(phrases["keep"], key: "boilerplate.keep", path: path))
    }
    if let value = object["maxSize"] {
      guard !(value is Bool), let size = value as? Int, size > 0 else {
        throw Problem(path: path, key: "maxSize", expected: "expected a whole number of bytes above 0")
      }
      maxSize = size
    }
  }

  private static func strings(_ value: Any?, key: String, path: String) throws(Problem) -> [String] {
    guard let value else { return [] }
    guard let strings = value as? [String] else {
      throw Problem(path: path, key: key, expected: "expected an array of strings")
    }
    return strings
  }
}

/// The `--config` option, shared by the commands that clean.
struct ConfigOptions: ParsableArguments {
  @Option(help: "A config file (default: .docclean.json in the raw folder, if there is one).")
  var config: String?

  @Option(
    help: ArgumentHelp(
      "Run only these stages, comma-separated (decoding always runs first).",
      discussion: "For example --stages mojibake,lost-punctuation to repair encoding damage alone.",
      valueName: "ids"))
  var stages: String?

  /// The config that applies: the file `--config` names, or else the `.docclean.json` of
  /// `rawFolder` where there is one (never the current directory's, so that where a command
  /// runs from changes nothing). An unreadable or invalid config is an error.
  func load(rawFolder: String?) throws -> ConfigFile {
    let path: String
    if let config {
      path = config
    } else if let rawFolder, FileIO.exists(rawFolder + "/" + ConfigFile.defaultName) {
      path = rawFolder + "/" + ConfigFile.defaultName
    } else {
      return ConfigFile()
    }
    do {
      return try ConfigFile(decoding: FileIO.read(path, limit: 1 << 20), path: path)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
  }

  /// The standard pipeline with the config's phrases and the batch's profile, cut to
  /// `--stages`; an unknown stage is an error.
  func pipeline(_ config: ConfigFile, profile: BatchProfile = .empty) throws -> Pipeline {
    let full = Pipeline.standard(userPhrases: config.boilerplate, profile: profile)
    guard let stages else { return full }
    let wanted = Set(stages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    let known = Set(full.stages.map(\.id))
    let unknown = wanted.subtracting(known)
    guard unknown.isEmpty else {
      Console.error(
        "error: unknown stage(s) \(unknown.sorted().joined(separator: ", ")); the stages are "
          + full.stages.map(\.id).joined(separator: ", "))
      throw ExitCode.failure
    }
    // Decoding stays: every later stage reads UTF-8.
    return Pipeline(stages: full.stages.filter { $0.id == "decoding" || wanted.contains($0.id) })
  }
}

/// The `--profile` option: a saved batch profile, so that files cleaned apart (on several
/// machines, or one record at a time) are judged as the batch they belong to.
struct ProfileOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A batch profile saved by `docclean profile`.",
      discussion: "How many files of the batch hold each line: chrome that a site repeats on every page.",
      valueName: "file"))
  var profile: String?

  /// The profile the option names; nil without the option. An unreadable profile is an error.
  func load() throws -> BatchProfile? {
    guard let profile else { return nil }
    do {
      return try BatchProfile(decoding: FileIO.read(profile, limit: 1 << 30), path: profile)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
  }
}
