import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What docclean needs to know of the terminal it writes to.
enum Terminal {
  /// The width of the terminal on `descriptor`: as the terminal says, else `$COLUMNS`, else 80.
  static func columns(of descriptor: Int32) -> Int {
    var size = winsize()
    if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
      return columns
    }
    return 80
  }
}

/// The `--color` option: colours on a terminal unless `NO_COLOR` is set (https://no-color.org).
struct ColorOption: ParsableArguments {
  enum When: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
  }

  @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.")
  var color: When = .auto

  /// Whether to colour what goes to `descriptor`.
  func isOn(for descriptor: Int32) -> Bool {
    switch color {
    case .always: return true
    case .never: return false
    case .auto:
      let environment = ProcessInfo.processInfo.environment
      return isatty(descriptor) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
        && environment["TERM"] != "dumb"
    }
  }
}
