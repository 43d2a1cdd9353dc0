import Pipeline

/// Writes to the process's standard streams without going through Foundation.
enum Console {
  /// Writes bytes to standard output as they are.
  static func write(_ bytes: [UInt8]) {
    FileIO.writeAll(bytes, toDescriptor: 1)
  }

  /// Writes a line to standard output.
  static func print(_ line: String) {
    write(Array((line + "\n").utf8))
  }

  /// Writes a line to standard error.
  static func error(_ line: String) {
    FileIO.writeAll(Array((line + "\n").utf8), toDescriptor: 2)
  }
}
