import ArgumentParser
import Foundation
import Pipeline
import Stages

/// The optional `.docclean.json` of the folder being cleaned.
struct ConfigFile: Decodable {
  var boilerplate: UserPhrases?

  static let defaultName = ".docclean.json"
}

/// The `--config` option, shared by the commands that clean.
struct ConfigOptions: ParsableArguments {
  @Option(help: "A config file with extra boilerplate phrases (default: ./.docclean.json if present).")
  var config: String?

  @Option(
    help: ArgumentHelp(
      "Run only these stages, comma-separated (decoding always runs first).",
      discussion: "For example --stages mojibake,lost-punctuation to repair encoding damage alone.",
      valueName: "ids"))
  var stages: String?

  /// The standard pipeline with the config file's phrases and the batch's profile, cut to
  /// `--stages`; an unreadable config or an unknown stage is an error.
  func pipeline(profile: BatchProfile = .empty) throws -> Pipeline {
    let full = try standardPipeline(profile: profile)
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

  private func standardPipeline(profile: BatchProfile) throws -> Pipeline {
    let path = config ?? ConfigFile.defaultName
    guard config != nil || FileIO.exists(path) else {
      return .standard(userPhrases: UserPhrases(), profile: profile)
    }
    let bytes: [UInt8]
    do {
      bytes = try FileIO.read(path, limit: 1 << 20)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    do {
      let file = try JSONDecoder().decode(ConfigFile.self, from: Data(bytes))
      return .standard(userPhrases: file.boilerplate ?? UserPhrases(), profile: profile)
    } catch {
      Console.error(
        "error: \(path): not a valid config file (\(error)); expected {\"boilerplate\": {\"remove\": [...], \"keep\": [...]}}"
      )
      throw ExitCode.failure
    }
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
