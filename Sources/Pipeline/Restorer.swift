/// Rebuilds raw files from clean files and their provenance.
public enum Restorer {
  /// Reads a clean file and its provenance and returns the raw bytes it was made from: for a
  /// PDF, the text its extractor gave.
  ///
  /// Checks the clean text against the provenance's hash first and the result against the raw
  /// file's hash last, so a wrong answer is an error, never silent.
  public static func restore(cleanFile: String) throws(DocCleanError) -> [UInt8] {
    try restore(cleanFile: cleanFile, text: FileIO.read(cleanFile))
  }

  /// The same, for a clean file whose `text` the caller has read already.
  public static func restore(cleanFile: String, text: [UInt8]) throws(DocCleanError) -> [UInt8] {
    let provenancePath = OutputNames.provenancePath(forText: cleanFile)
    guard FileIO.exists(provenancePath) else { throw .missingProvenance(path: cleanFile) }
    let provenance: Provenance
    do {
      provenance = try Provenance.decode(FileIO.read(provenancePath))
    } catch let error as DocCleanError {
      throw error
    } catch {
      throw .invalidProvenance(path: provenancePath, reason: "\(error)")
    }
    guard SHA256Digest.hex(of: text) == provenance.output.sha256 else {
      throw .outputModified(path: cleanFile)
    }
    let raw: [UInt8]
    do {
      raw = try Pipeline.restore(text, records: provenance.records)
    } catch {
      // The clean text matches its hash, so the edits are what changed.
      throw .restoreFailed(
        path: cleanFile,
        reason: "\(error.description(editedFile: false)); the provenance was changed or damaged")
    }
    // A PDF's edits rebuild the text its extractor gave, not the PDF.
    let expected = provenance.extraction?.sha256 ?? provenance.source.sha256
    guard SHA256Digest.hex(of: raw) == expected else {
      throw .restoreFailed(
        path: cleanFile,
        reason: "the provenance's edits rebuild bytes that do not match the raw file's SHA-256, "
          + "so the provenance was changed or damaged")
    }
    return raw
  }
}
