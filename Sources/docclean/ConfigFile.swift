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

  /// The standard pipeline with the config file's phrases; an unreadable config is an error.
  func pipeline() throws -> Pipeline {
    let path = config ?? ConfigFile.defaultName
    guard config != nil || FileIO.exists(path) else { return .standard }
    let bytes: [UInt8]
    do {
      bytes = try FileIO.read(path, limit: 1 << 20)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    do {
      let file = try JSONDecoder().decode(ConfigFile.self, from: Data(bytes))
      return .standard(userPhrases: file.boilerplate ?? UserPhrases())
    } catch {
      Console.error(
        "error: \(path): not a valid config file (\(error)); expected {\"boilerplate\": {\"remove\": [...], \"keep\": [...]}}"
      )
      throw ExitCode.failure
    }
  }
}
