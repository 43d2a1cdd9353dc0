#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cleans every file of a raw folder into a clean folder, incrementally and in parallel.
///
/// A raw file `a/b.md` becomes `a/b.txt` and `a/b.prov.json` under the clean folder. A file whose
/// raw bytes and ruleset fingerprint match its provenance, and whose clean text is intact, is
/// skipped. The raw folder is only read.
public struct BatchRunner: Sendable {
  /// The pipeline that cleans each file.
  public var pipeline: Pipeline
  /// What to clean, where to, and how.
  public var options: BatchOptions

  /// Creates a runner.
  public init(pipeline: Pipeline, options: BatchOptions) {
    self.pipeline = pipeline
    self.options = options
  }

  /// How many files a task cleans before it reports back.
  static let batchSize = 16

  /// Cleans the raw folder, calling `report` once per file as each finishes, with the progress
  /// of the whole batch.
  public func run(
    report: (FileOutcome, BatchProgress) -> Void = { _, _ in }
  ) async throws(DocCleanError) -> BatchSummary {
    let clock = ContinuousClock()
    let started = clock.now
    let listing = try FileIO.listFiles(under: options.rawRoot)
    // The raw folder is only read: a clean folder inside it would be written into it.
    if let raw = FileIO.realPath(options.rawRoot), let clean = FileIO.resolvedPath(options.cleanRoot),
      clean == raw || clean.hasPrefix(raw + "/")
    {
      throw .cleanInsideRaw(path: options.cleanRoot)
    }
    try FileIO.makeFolder(options.cleanRoot)
    let lock = try RunLock(folder: options.cleanRoot)
    FileIO.removeStaleTemporaries(under: options.cleanRoot)
    var summary = BatchSummary()
    var progress = BatchProgress(total: listing.files.count + listing.errors.count)
    func record(_ outcome: FileOutcome) {
      summary.add(outcome)
      progress.done += 1
      progress.bytes += outcome.bytes
      progress.seconds = (clock.now - started) / .seconds(1)
      report(outcome, progress)
    }
    for error in listing.errors {
      record(FileOutcome(path: "", status: .failed(error)))
    }
    let (files, collisions) = withoutCollisions(listing.files)
    collisions.forEach(record)
    let fingerprint = pipeline.fingerprint
    let jobs = max(1, options.jobs)
    // Files go to the tasks in small batches: a task per file would cost more in wake-ups
    // than a small file costs to clean.
    let batches = stride(from: files.startIndex, to: files.endIndex, by: Self.batchSize).map {
      files[$0..<min($0 + Self.batchSize, files.endIndex)]
    }
    await withTaskGroup(of: [FileOutcome].self) { group in
      var next = batches.startIndex
      func startNext() {
        guard next < batches.endIndex else { return }
        let batch = batches[next]
        next += 1
        group.addTask { batch.map { process($0, fingerprint: fingerprint) } }
      }
      for _ in 0..<jobs { startNext() }
      for await outcomes in group {
        outcomes.forEach(record)
        startNext()
      }
    }
    summary.removed = orphans(of: listing.files)
    if options.prune {
      for orphan in summary.removed {
        try FileIO.remove(options.cleanRoot + "/" + orphan)
        try FileIO.remove(OutputNames.provenancePath(forText: options.cleanRoot + "/" + orphan))
      }
    }
    _ = consume lock
    summary.seconds = (clock.now - started) / .seconds(1)
    return summary
  }

  /// The profile of every file under `rawRoot` that can be cleaned, gathered in parallel, and
  /// why each of the others was left out (unreadable, over `maxSize`, empty or binary), in
  /// the order of the listing.
  public static func gatherProfile(
    rawRoot: String, jobs: Int, maxSize: Int
  ) async throws(DocCleanError) -> (profile: BatchProfile, failures: [DocCleanError]) {
    let listing = try FileIO.listFiles(under: rawRoot)
    let files = listing.files
    let share = max(1, (files.count + max(jobs, 1) - 1) / max(jobs, 1))
    let parts = stride(from: 0, to: files.count, by: share).map { files[$0..<min($0 + share, files.count)] }
    let gathered = await withTaskGroup(of: (Int, BatchProfile.Gatherer, [DocCleanError]).self) { group in
      for (number, part) in parts.enumerated() {
        group.addTask {
          var gatherer = BatchProfile.Gatherer()
          var failures: [DocCleanError] = []
          for relative in part {
            let path = rawRoot + "/" + relative
            do throws(DocCleanError) {
              gatherer.add(try PDFExtraction.read(path, limit: maxSize).text)
            } catch {
              failures.append(error)
            }
          }
          return (number, gatherer, failures)
        }
      }
      var all = BatchProfile.Gatherer()
      var failures: [(Int, [DocCleanError])] = []
      for await (number, part, failed) in group {
        all.merge(part)
        failures.append((number, failed))
      }
      return (all, failures.sorted { $0.0 < $1.0 }.flatMap(\.1))
    }
    return (gathered.0.profile, listing.errors + gathered.1)
  }

  /// The raw files to clean, and a failure for each of two or more that would write the same
  /// clean file (`a.md`, `a.txt`).
  ///
  /// None of them is cleaned, so that a clean file made earlier from one of them is never
  /// replaced by another's text; each failure names the other file.
  func withoutCollisions(_ rawFiles: [String]) -> (files: [String], collisions: [FileOutcome]) {
    var owners: [String: [String]] = [:]
    for relative in rawFiles {
      owners[OutputNames(relative: relative, cleanRoot: options.cleanRoot).textRelative, default: []].append(
        relative)
    }
    var files: [String] = []
    var collisions: [FileOutcome] = []
    for relative in rawFiles {
      let sharing = owners[OutputNames(relative: relative, cleanRoot: options.cleanRoot).textRelative] ?? []
      guard let other = sharing.first(where: { $0 != relative }) else {
        files.append(relative)
        continue
      }
      let error = DocCleanError.outputCollision(
        path: options.rawRoot + "/" + relative, other: options.rawRoot + "/" + other)
      collisions.append(FileOutcome(path: relative, status: .failed(error)))
    }
    return (files, collisions)
  }

  /// The clean texts, relative to the clean folder, whose raw file is no longer there.
  func orphans(of rawFiles: [String]) -> [String] {
    let expected = Set(rawFiles.map { OutputNames(relative: $0, cleanRoot: options.cleanRoot).textRelative })
    guard let listing = try? FileIO.listFiles(under: options.cleanRoot) else { return [] }
    // Orphans are rare: only a text that no raw file explains is asked for its provenance.
    return listing.files.filter { file in
      file.hasSuffix(".txt") && !expected.contains(file)
        && FileIO.exists(OutputNames.provenancePath(forText: options.cleanRoot + "/" + file))
    }
  }

  /// Cleans one file, or finds it up to date; never throws, so that the batch goes on.
  ///
  /// With a batch profile, a file is also cleaned again when the profile's view of it (the
  /// recurrence buckets of its lines) changed: a page added to the batch re-cleans only the
  /// files whose lines it makes recur more widely.
  func process(_ relative: String, fingerprint: String) -> FileOutcome {
    let rawPath = options.rawRoot + "/" + relative
    let names = OutputNames(relative: relative, cleanRoot: options.cleanRoot)
    do throws(DocCleanError) {
      let input = try PDFExtraction.read(rawPath, limit: options.maxSize)
      let raw = input.text
      let sourceHash = SHA256Digest.hex(of: input.file)
      let view = options.profile?.view(of: raw)
      let previous = try? Provenance.Summary.decode(FileIO.read(names.provenancePath))
      if !options.force, let previous, previous.profileView == view,
        isCurrent(previous, sourceHash: sourceHash, fingerprint: fingerprint, names: names)
      {
        return FileOutcome(path: relative, status: .unchanged, bytes: raw.count)
      }
      let document = pipeline.clean(raw)
      var provenance = Provenance(
        document: document, raw: raw, sourceSHA256: sourceHash, sourcePath: relative,
        outputPath: names.textRelative, ruleset: fingerprint, previous: previous)
      if let extraction = input.extraction {
        provenance.source.size = input.file.count
        provenance.extraction = extraction
      }
      provenance.profile = view.map {
        Provenance.ProfileFacts(
          sha256: options.profileSHA256, files: options.profile?.fileCount ?? 0, view: $0)
      }
      let json = provenance.encoded()
      try FileIO.makeFolder(names.folder)
      // Both or neither: a clean text is never left beside a provenance that does not describe it.
      try FileIO.writeAtomically([(document.text, names.textPath), (json, names.provenancePath)])
      var outcome = FileOutcome(
        path: relative, status: .cleaned(revision: provenance.revision), bytes: raw.count)
      for record in document.records where !record.edits.isEmpty {
        outcome.editsByStage[record.stage, default: 0] += record.edits.count
      }
      outcome.unresolved = document.unresolved.count
      return outcome
    } catch {
      return FileOutcome(path: relative, status: .failed(error))
    }
  }

  private func isCurrent(
    _ previous: Provenance.Summary, sourceHash: String, fingerprint: String, names: OutputNames
  ) -> Bool {
    // A provenance of an older schema is written again in the current one.
    guard previous.schemaVersion == Provenance.currentSchemaVersion, previous.source.sha256 == sourceHash,
      previous.ruleset == fingerprint, let text = try? FileIO.read(names.textPath)
    else { return false }
    return SHA256Digest.hex(of: text) == previous.output.sha256
  }
}

/// How a batch runs.
public struct BatchOptions: Sendable {
  /// The folder of raw dumps; never written.
  public var rawRoot: String
  /// The folder that receives clean text and provenance.
  public var cleanRoot: String
  /// How many files are cleaned at once.
  public var jobs: Int
  /// Re-clean files even when they are up to date.
  public var force: Bool
  /// Files larger than this many bytes are refused.
  public var maxSize: Int
  /// Remove the outputs of raw files that are gone.
  public var prune: Bool
  /// The profile of the batch, which the pipeline's boilerplate stage was made with; nil when
  /// the files are cleaned each on its own.
  public var profile: BatchProfile? {
    didSet { profileSHA256 = profile?.sha256 ?? "" }
  }
  /// The profile's hash, computed once for every file's provenance.
  public private(set) var profileSHA256 = ""

  /// The number of cores this process may use, the default for `jobs`.
  public static var coreCount: Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }

  /// Creates options.
  public init(
    rawRoot: String, cleanRoot: String, jobs: Int = 1, force: Bool = false, maxSize: Int = 256 << 20,
    prune: Bool = false, profile: BatchProfile? = nil
  ) {
    self.prune = prune
    self.profile = profile
    self.profileSHA256 = profile?.sha256 ?? ""
    self.rawRoot = rawRoot
    self.cleanRoot = cleanRoot
    self.jobs = jobs
    self.force = force
    self.maxSize = maxSize
  }
}

/// Where a raw file's outputs go.
public struct OutputNames: Sendable {
  /// The clean text's path relative to the clean folder.
  public var textRelative: String
  public var textPath: String
  public var provenancePath: String
  public var folder: String

  /// Derives the output paths of the raw file at `relative`.
  public init(relative: String, cleanRoot: String) {
    let slash = relative.lastIndex(of: "/")
    let nameStart = slash.map { relative.index(after: $0) } ?? relative.startIndex
    let stem: Substring
    if let dot = relative[nameStart...].lastIndex(of: "."), dot > nameStart {
      stem = relative[..<dot]
    } else {
      stem = relative[...]
    }
    textRelative = stem + ".txt"
    textPath = cleanRoot + "/" + textRelative
    provenancePath = cleanRoot + "/" + stem + ".prov.json"
    folder = slash.map { cleanRoot + "/" + relative[..<$0] } ?? cleanRoot
  }

  /// The provenance path that belongs beside a clean text file.
  public static func provenancePath(forText path: String) -> String {
    let stem = path.hasSuffix(".txt") ? String(path.dropLast(4)) : path
    return stem + ".prov.json"
  }
}

/// What happened to one file of a batch.
public struct FileOutcome: Sendable {
  /// The file's path relative to the raw folder.
  public var path: String
  public var status: Status
  /// The raw file's size.
  public var bytes: Int = 0
  /// Edits made, by stage id.
  public var editsByStage: [String: Int] = [:]
  /// Spots left unresolved.
  public var unresolved: Int = 0

  public enum Status: Sendable {
    case cleaned(revision: Int)
    case unchanged
    case failed(DocCleanError)
  }
}

/// How far a batch has come.
public struct BatchProgress: Sendable {
  /// Files finished, of `total`.
  public var done = 0
  public var total: Int
  /// Raw bytes read so far.
  public var bytes = 0
  public var seconds = 0.0
}

/// Totals of a batch.
public struct BatchSummary: Sendable, Encodable {
  public var cleaned = 0
  public var unchanged = 0
  public var failed = 0
  public var bytes = 0
  public var editsByStage: [String: Int] = [:]
  public var unresolved = 0
  public var seconds = 0.0
  /// Clean texts whose raw file is gone (removed with `prune`).
  public var removed: [String] = []

  mutating func add(_ outcome: FileOutcome) {
    switch outcome.status {
    case .cleaned: cleaned += 1
    case .unchanged: unchanged += 1
    case .failed: failed += 1
    }
    bytes += outcome.bytes
    editsByStage.merge(outcome.editsByStage, uniquingKeysWith: +)
    unresolved += outcome.unresolved
  }
}

/// Refuses input that is not text before any stage sees it.
public enum InputCheck {
  /// Whether some byte of `word` is below 0x20 or is 0x7F (DEL).
  static func mayHoldControl(_ word: UInt64) -> Bool {
    ByteWord.containsBelow(word, 0x20) || ByteWord.contains(word, 0x7F)
  }

  /// Throws for an empty file or one that looks binary.
  ///
  /// Binary means more than one in ten bytes being control characters (NUL among them) other
  /// than tab, line feed, carriage return and form feed, within the first 64 KiB. A text with a
  /// few NUL bytes is cleaned, and the line-endings stage reports the bytes it removes. A file that starts
  /// with a UTF-16 byte-order mark is text.
  public static func validate(_ bytes: [UInt8], path: String) throws(DocCleanError) {
    guard !bytes.isEmpty else { throw .empty(path: path) }
    // UTF-16 text is full of NUL bytes; its byte-order mark tells it from binary data.
    if bytes.count % 2 == 0, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      return
    }
    let sample = bytes.prefix(1 << 16)
    let controls = try sample.withUnsafeBufferPointer { buffer throws(DocCleanError) in
      var controls = 0
      var index = 0
      #if arch(x86_64)
        // Sixteen bytes at a time, the controls counted in byte lanes without a branch.
        var lanes = BlockLanes()
        while let block = ByteBlock.load(buffer, at: index) {
          let allowed = ByteBlock.or(
            ByteBlock.between(block, 0x08, 0x0B), ByteBlock.between(block, 0x0B, 0x0E))
          lanes.add(
            ByteBlock.or(
              ByteBlock.without(allowed, in: ByteBlock.below(block, 0x20)), ByteBlock.equal(block, 0x7F)))
          index += 16
        }
        controls = lanes.total
      #endif
      while index < buffer.count {
        // Eight bytes of text without a control byte, as most are, go by at once.
        if let word = ByteWord.load(buffer, at: index), !Self.mayHoldControl(word) {
          index += 8
          continue
        }
        let byte = buffer[index]
        index += 1
        guard byte < 0x20 || byte == 0x7F else { continue }
        switch byte {
        case 0x09, 0x0A, 0x0C, 0x0D: continue
        default: controls += 1
        }
      }
      return controls
    }
    if controls * 10 > sample.count { throw .binary(path: path) }
  }
}
