import ArgumentParser
import Pipeline

struct ProfileCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profile",
    abstract: "Save the batch profile of a raw folder: how many files hold each line.",
    discussion: """
      `run` gathers this itself. Save it to clean a batch in parts (on several machines, or \
      record by record with `clean --jsonl`) and give it to each part with --profile, so that \
      every part judges the chrome a site repeats as the whole batch would. The file holds \
      hashes and counts, no text.
      """
  )

  @Argument(help: "The folder of raw dumps.")
  var raw = "raw"

  @Option(name: [.customShort("o"), .long], help: "Where to write the profile.")
  var output: String

  @Option(
    help: "Leave out raw files larger than this many bytes (default: the config's maxSize, else 268435456).")
  var maxSize: Int?

  @Option(help: "A config file (default: .docclean.json in the raw folder, if there is one).")
  var config: String?

  @Option(name: .shortAndLong, help: "How many files to read at once (default: all cores).")
  var jobs: Int?

  func run() async throws {
    var configOption = ConfigOptions()
    configOption.config = config
    let config = try configOption.load(rawFolder: raw)
    let maxSize = maxSize ?? config.maxSize ?? ConfigFile.defaultMaxSize
    let failures: [DocCleanError]
    do {
      let gathered = try await BatchRunner.gatherProfile(
        rawRoot: raw, jobs: jobs ?? BatchOptions.coreCount, maxSize: maxSize)
      failures = gathered.failures
      for failure in failures { Console.error("error: \(failure) (left out of the profile)") }
      let profile = gathered.profile
      try FileIO.writeAtomically(profile.encoded(), to: output)
      Console.error("profiled \(profile.fileCount) files of \(raw) into \(output) (sha256 \(profile.sha256))")
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    if !failures.isEmpty { throw ExitCode.failure }
  }
}
