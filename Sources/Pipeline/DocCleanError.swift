/// Why docclean could not handle a file, with what to do about it.
public enum DocCleanError: Error, CustomStringConvertible, Equatable {
  case unreadable(path: String, reason: String)
  case notAFolder(path: String)
  case empty(path: String)
  case binary(path: String)
  case tooLarge(path: String, size: Int, limit: Int)
  case unwritable(path: String, reason: String)
  case missingProvenance(path: String)
  case invalidProvenance(path: String, reason: String)
  case unsupportedSchema(Int)
  case outputModified(path: String)
  case restoreFailed(path: String, reason: String)
  case locked(path: String)
  case outputCollision(path: String, other: String)
  case cleanInsideRaw(path: String)
  case invalidProfile(path: String, reason: String)
  case pdfToolMissing(path: String)
  case pdfEncrypted(path: String)
  case pdfUnreadable(path: String, reason: String)
  case pdfWithoutText(path: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "\(path): cannot read it (\(reason)); check that it exists and that you may read it"
    case .notAFolder(let path):
      return "\(path): not a folder; give the folder that holds the raw dumps"
    case .empty(let path):
      return "\(path): empty file, nothing to clean; remove it or give it text"
    case .binary(let path):
      return "\(path): looks like a binary file, not text; move it out of the raw folder"
    case .tooLarge(let path, let size, let limit):
      return "\(path): \(size) bytes is over the size limit of \(limit); raise it with --max-size"
    case .unwritable(let path, let reason):
      return "\(path): cannot write it (\(reason)); check the disk and the folder's permissions"
    case .missingProvenance(let path):
      return "\(path): no provenance file beside it; run `docclean run` to make one"
    case .invalidProvenance(let path, let reason):
      return "\(path): not a valid provenance file (\(reason)); run `docclean run --force` to rewrite it"
    case .unsupportedSchema(let version):
      return "provenance schema version \(version) is not supported by docclean \(doccleanVersion)"
    case .outputModified(let path):
      return "\(path): the clean text does not match its provenance; it was edited after docclean wrote it"
    case .restoreFailed(let path, let reason):
      return "\(path): cannot restore the raw bytes (\(reason))"
    case .outputCollision(let path, let other):
      return
        "\(path): would be cleaned into the same file as \(other), so neither is cleaned; rename one of them"
    case .cleanInsideRaw(let path):
      return
        "\(path): the clean folder is inside the raw folder, which docclean never writes; choose another --out"
    case .invalidProfile(let path, let reason):
      return "\(path): not a batch profile (\(reason)); make one with `docclean profile RAW -o FILE`"
    case .pdfToolMissing(let path):
      return "\(path): a PDF, and pdftotext is not installed to read it; install poppler-utils (Debian)"
    case .pdfEncrypted(let path):
      return "\(path): an encrypted PDF that needs a password; save an unencrypted copy to clean it"
    case .pdfUnreadable(let path, let reason):
      return "\(path): pdftotext cannot read this PDF (\(reason)); check that the file is a whole PDF"
    case .pdfWithoutText(let path):
      return "\(path): a PDF with no text layer (scanned pages?); run OCR on it first"
    case .locked(let path):
      return
        "\(path): another docclean run is using this folder; wait for it to finish or remove the stale lock file"
    }
  }
}
