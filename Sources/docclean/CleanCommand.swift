import ArgumentParser
import Pipeline
import Stages

struct CleanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Print the clean text of one file, or of standard input with '-'."
  )

  @Argument(help: "The raw file to clean, or '-' for standard input.")
  var file: String

  @Option(help: "Refuse input larger than this many bytes.")
  var maxSize = 256 << 20

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let pipeline = try configOptions.pipeline()
    let bytes: [UInt8]
    do {
      bytes = file == "-" ? try FileIO.readStandardInput() : try FileIO.read(file, limit: maxSize)
      try InputCheck.validate(bytes, path: file == "-" ? "<stdin>" : file)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode.failure
    }
    let document = pipeline.clean(bytes)
    Console.write(document.text)
  }
}
