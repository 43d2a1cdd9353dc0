#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and atomically writing whole files with errors that name the file.
public enum FileIO {
  /// Reads the file at `path`, refusing files over `limit` bytes before reading them.
  public static func read(_ path: String, limit: Int = .max) throws(DocCleanError) -> [UInt8] {
    // O_NONBLOCK: a named pipe put where a file was would otherwise block the open until some
    // writer came; it is refused below as not a regular file. Reads of a regular file ignore it.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw .unreadable(path: path, reason: errnoText()) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: errnoText()) }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw .unreadable(path: path, reason: "not a regular file")
    }
    let size = Int(status.st_size)
    guard size <= limit else { throw .tooLarge(path: path, size: size, limit: limit) }
    // One byte more than the file holds, so that the read that finds the end needs no larger
    // buffer: an unchanged file is read into one allocation of its size.
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var filled = 0
    while true {
      if filled == bytes.count {
        // The file may have grown since fstat; keep reading until the end.
        bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2)))
      }
      let count = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path: path, reason: errnoText())
      }
      if count == 0 { break }
      filled += count
      guard filled <= limit else { throw .tooLarge(path: path, size: filled, limit: limit) }
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// Reads all of standard input.
  public static func readStandardInput() throws(DocCleanError) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path: "<stdin>", reason: errnoText())
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[..<count])
    }
  }

  /// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
  /// reader sees the old file or the new one, never a part.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DocCleanError) {
    try writeAtomically([(bytes, path)])
  }

  /// Writes files that belong together, such as a clean text and its provenance: all of them go
  /// to temporary files first, and only when every one is written are they renamed into place.
  /// A write that fails (a full disk) leaves the old files as they were and no temporary file,
  /// never a new file beside an old one that does not describe it; the renames need no space.
  public static func writeAtomically(_ files: [(bytes: [UInt8], path: String)]) throws(DocCleanError) {
    #if os(Linux)
      if try writeNew(files) { return }
    #endif
    var temporaries: [String] = []
    do throws(DocCleanError) {
      for file in files {
        temporaries.append(try writeTemporary(file.bytes, for: file.path))
      }
      for (temporary, file) in zip(temporaries, files) {
        guard rename(temporary, file.path) == 0 else {
          throw .unwritable(path: file.path, reason: errnoText())
        }
      }
    } catch {
      // Those already renamed are gone from their temporary paths; this removes the rest.
      for temporary in temporaries { unlink(temporary) }
      throw error
    }
  }

  #if os(Linux)
    /// Writes files of which none exists yet as anonymous files in their folders and, once all
    /// are written, links each under its name: one directory entry a file, where a temporary
    /// name and a rename cost three. Returns false, having left nothing behind, where a file
    /// exists or the file system or the system has no anonymous files.
    private static func writeNew(_ files: [(bytes: [UInt8], path: String)]) throws(DocCleanError) -> Bool {
      guard files.allSatisfy({ access($0.path, F_OK) != 0 && errno == ENOENT }) else { return false }
      var descriptors: [Int32] = []
      defer { for descriptor in descriptors { close(descriptor) } }
      for file in files {
        let descriptor = open(folder(of: file.path), anonymousFile | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
          let code = errno
          if code == EOPNOTSUPP || code == EISDIR || code == EINVAL { return false }
          throw .unwritable(path: file.path, reason: errnoText())
        }
        descriptors.append(descriptor)
        // An anonymous file that fails to fill vanishes when it is closed.
        try writeAll(file.bytes, to: descriptor, naming: file.path)
      }
      var linked: [String] = []
      for (descriptor, file) in zip(descriptors, files) {
        guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, file.path, AT_SYMLINK_FOLLOW) == 0
        else {
          let code = errno
          let reason = errnoText()
          for path in linked { unlink(path) }
          // No /proc, or a file made meanwhile: the rename path writes them again.
          if code == ENOENT || code == EEXIST || code == EPERM { return false }
          throw .unwritable(path: file.path, reason: reason)
        }
        linked.append(file.path)
      }
      return true
    }

    /// `O_TMPFILE`, a macro that Swift does not import: `__O_TMPFILE | O_DIRECTORY`.
    private static let anonymousFile: Int32 = 0o2000_0000 | O_DIRECTORY
  #endif

  /// The folder `path` is in: `.` for a bare name, `/` for a file at the root.
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Writes all of `bytes` to `descriptor`, an open file of `path`.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, naming path: String)
    throws(DocCleanError)
  {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unwritable(path: path, reason: errnoText())
      }
      written += count
    }
  }

  /// Writes `bytes` to a new temporary file beside `path` and returns the temporary's path; on
  /// failure removes it and throws an error that names `path`.
  private static func writeTemporary(_ bytes: [UInt8], for path: String) throws(DocCleanError) -> String {
    let temporary = temporaryPath(for: path, pid: getpid())
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw .unwritable(path: path, reason: errnoText()) }
    do throws(DocCleanError) {
      try writeAll(bytes, to: descriptor, naming: path)
    } catch {
      close(descriptor)
      unlink(temporary)
      throw error
    }
    // No fsync: the rename already makes an interrupted run leave the old file or the new one,
    // and a sync per file would cost more than cleaning it.
    guard close(descriptor) == 0 else {
      let reason = errnoText()
      unlink(temporary)
      throw .unwritable(path: path, reason: reason)
    }
    return temporary
  }

  /// Writes all of `bytes` to an open file descriptor, such as 1 for standard output; gives up
  /// quietly when the reader has gone away.
  public static func writeAll(_ bytes: [UInt8], toDescriptor descriptor: Int32) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }
      written += count
    }
  }

  /// The hidden file beside `path` that a write by process `pid` goes through.
  static func temporaryPath(for path: String, pid: Int32) -> String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return folder + "." + name + ".tmp-\(pid)"
  }

  /// Removes the temporary files that a run killed part-way left under `root`.
  public static func removeStaleTemporaries(under root: String) {
    guard let listing = try? listFiles(under: root, includeHidden: true) else { return }
    for relative in listing.files {
      let name = relative.split(separator: "/").last.map(String.init) ?? relative
      guard name.hasPrefix("."), let dash = name.lastIndex(of: "-"), name[..<dash].hasSuffix(".tmp"),
        let pid = Int32(name[name.index(after: dash)...]), !isRunning(pid)
      else { continue }
      unlink(root + "/" + relative)
    }
  }

  /// The absolute path with links resolved, or nil when there is none.
  public static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The absolute path of `path` with links resolved, for a path that may not exist yet: its
  /// nearest existing ancestor resolved, and the rest appended.
  public static func resolvedPath(_ path: String) -> String? {
    var existing = path
    var rest: [Substring] = []
    while realPath(existing) == nil {
      guard let slash = existing.lastIndex(of: "/") else {
        rest.insert(Substring(existing), at: 0)
        existing = "."
        break
      }
      rest.insert(existing[existing.index(after: slash)...], at: 0)
      existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
    }
    guard let base = realPath(existing) else { return nil }
    return ([base == "/" ? "" : base] + rest.map(String.init)).joined(separator: "/")
  }

  /// Whether a process with this id is alive.
  public static func isRunning(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  /// Creates `path` and its missing parents.
  public static func makeFolder(_ path: String) throws(DocCleanError) {
    // Most calls find the folder made already: one call says so.
    if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      current += "/" + component
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw .unwritable(path: current, reason: errnoText())
      }
    }
  }

  /// Lists the regular files under `root` as paths relative to it, sorted, skipping hidden
  /// entries; folders it cannot read come back as errors. Symbolic links are followed once:
  /// a folder already seen (a link loop) is not entered again.
  public static func listFiles(under root: String, includeHidden: Bool = false) throws(DocCleanError) -> (
    files: [String], errors: [DocCleanError]
  ) {
    var status = stat()
    guard stat(root, &status) == 0 else { throw .unreadable(path: root, reason: errnoText()) }
    guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path: root) }
    var files: [String] = []
    var errors: [DocCleanError] = []
    var seen: Set<[UInt64]> = [[UInt64(status.st_dev), UInt64(status.st_ino)]]
    var pending = [""]
    while let relative = pending.popLast() {
      let folder = relative.isEmpty ? root : root + "/" + relative
      guard let directory = opendir(folder) else {
        errors.append(.unreadable(path: folder, reason: errnoText()))
        continue
      }
      while let entry = readdir(directory) {
        let name = entryName(entry)
        if name == "." || name == ".." || (name.hasPrefix(".") && !includeHidden) { continue }
        let child = relative.isEmpty ? name : relative + "/" + name
        // The entry's type spares a regular file the `stat`; links and unknown types are
        // followed, and folders are stat'ed for the loop check.
        if entry.pointee.d_type == UInt8(DT_REG) {
          files.append(child)
          continue
        }
        var childStatus = stat()
        guard stat(root + "/" + child, &childStatus) == 0 else {
          errors.append(.unreadable(path: root + "/" + child, reason: errnoText()))
          continue
        }
        switch childStatus.st_mode & S_IFMT {
        case S_IFDIR:
          if seen.insert([UInt64(childStatus.st_dev), UInt64(childStatus.st_ino)]).inserted {
            pending.append(child)
          }
        case S_IFREG:
          files.append(child)
        default:
          continue
        }
      }
      closedir(directory)
    }
    return (files.sorted(), errors)
  }

  /// The name in a directory entry, read in place up to its NUL.
  ///
  /// A record that `readdir` returns is only as long as its name: copying the whole
  /// `d_name` array can read past the end of the buffer it sits in.
  private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
      String(cString: UnsafeRawPointer(field).assumingMemoryBound(to: CChar.self))
    }
  }

  /// Whether a file or folder exists at `path`.
  public static func exists(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0
  }

  /// Removes the file at `path`.
  public static func remove(_ path: String) throws(DocCleanError) {
    guard unlink(path) == 0 || errno == ENOENT else {
      throw .unwritable(path: path, reason: errnoText())
    }
  }

  static func errnoText() -> String {
    String(cString: strerror(errno))
  }
}
