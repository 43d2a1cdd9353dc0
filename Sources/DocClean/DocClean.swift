@_exported import Pipeline
@_exported import Stages

/// One call to clean text with docclean's pipeline, for other Swift packages.
///
/// ```swift
/// import DocClean
///
/// let document = DocClean.clean("donâ€™t  stop")
/// print(document.string)       // "don’t stop\n"
/// print(document.metadata)     // title, byline, date, site, source
/// let raw = try Pipeline.restore(document.text, records: document.records)
/// ```
public enum DocClean {
  /// Cleans a string with the standard pipeline.
  public static func clean(_ text: String) -> CleanedDocument {
    Pipeline.standard.clean(Array(text.utf8))
  }

  /// Cleans raw bytes, which need not be UTF-8, with the standard pipeline or the given stages.
  public static func clean(bytes: [UInt8], stages: [any Stage]? = nil) -> CleanedDocument {
    let pipeline = stages.map { Pipeline(stages: $0) } ?? .standard
    return pipeline.clean(bytes)
  }
}
