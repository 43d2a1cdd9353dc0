#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps two runs from writing into one clean folder at once.
///
/// The lock is a file holding the owner's process id, made with `O_EXCL`; a lock whose owner
/// is no longer running (a run that was killed) is taken over.
public struct RunLock: ~Copyable {
  let path: String

  /// Takes the lock of `folder`, or throws `DocCleanError.locked` while another run holds it.
  public init(folder: String) throws(DocCleanError) {
    path = folder + "/.docclean.lock"
    for _ in 0..<2 {
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if descriptor >= 0 {
        FileIO.writeAll(Array("\(getpid())\n".utf8), toDescriptor: descriptor)
        close(descriptor)
        return
      }
      guard errno == EEXIST else { throw .unwritable(path: path, reason: FileIO.errnoText()) }
      let owner = (try? FileIO.read(path)).flatMap {
        Int32(String(decoding: $0, as: UTF8.self).trimmingSpaces())
      }
      if let owner, FileIO.isRunning(owner) { throw .locked(path: folder) }
      unlink(path)
    }
    throw .locked(path: folder)
  }

  deinit {
    unlink(path)
  }
}

extension String {
  func trimmingSpaces() -> String {
    String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
