import ArgumentParser
import Pipeline

@main
struct DocClean: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "docclean",
    abstract: "Cleans article dumps into versioned text with reversible provenance.",
    version: doccleanVersion,
    subcommands: [
      RunCommand.self, ProfileCommand.self, CleanCommand.self, CheckCommand.self, ExplainCommand.self,
      DiffCommand.self,
      RestoreCommand.self, BlocksCommand.self,
    ]
  )

  /// Sets malloc up on the main thread, before the first worker thread makes its arena.
  @MainActor
  static func main() async {
    Allocator.keepFreedMemory()
    await main(nil)
  }
}
