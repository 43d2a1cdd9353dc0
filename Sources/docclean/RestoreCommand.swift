import ArgumentParser
import Pipeline

struct RestoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract: "Print the raw bytes a clean file was made from, rebuilt from its provenance."
  )

  @Argument(help: "A clean text file written by `docclean run`, with its .prov.json beside it.")
  var cleanFile: String

  func run() throws {
    do {
      Console.write(try Restorer.restore(cleanFile: cleanFile))
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
  }
}
