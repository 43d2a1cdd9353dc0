import CMalloc

/// The malloc settings the `docclean` command runs with: memory one document frees is kept for
/// the next, not given back to the system and asked for again a page at a time.
///
/// The pipeline runs on a worker thread, whose glibc arena by default grows by a page when it
/// must and trims its top as soon as it is freed. On damaged dumps that came to 29,921
/// `mprotect` calls for 8 MB of records (2,000 of them; 41 with these settings). Measured with
/// the two builds in turns, fastest of three, `clean --jsonl` of the bench's 206 MB of clean
/// text took 4.02 s of user time instead of 4.35, and its 207 MB of dumps 12.35 s of wall time
/// instead of 12.65, with the same peak memory: whatever is kept was in use a moment before.
public enum Allocator {
  /// The free memory at the top of a heap that malloc keeps rather than trims: the largest
  /// working set of one document, with room to spare.
  static let trimThreshold: Int64 = 64 << 20
  /// How much more than it needs malloc asks for when a heap grows, and how much a thread's new
  /// heap opens with: the whole of glibc's 64 MB heap, so that a thread's arena does not grow
  /// a page at a time. Pages not yet touched are address space, not memory.
  static let topPad: Int64 = 64 << 20
  /// The size from which a block gets a mapping of its own. Setting the other two stops glibc
  /// from raising this one as it sees large blocks freed, so it is set where glibc's own
  /// raising stops on 64-bit systems.
  static let mappingThreshold: Int64 = 32 << 20

  /// Applies the settings to this process.
  ///
  /// - Returns: Whether malloc took them; `false` where malloc is not glibc's, which has its
  ///   own policy and needs none of this.
  @discardableResult
  public static func keepFreedMemory() -> Bool {
    dc_malloc_keep_freed_memory(trimThreshold, topPad, mappingThreshold) == 1
  }
}
