import Foundation
import Testing

@testable import Pipeline

/// Files are written whole or not at all: new ones as unnamed files linked into place, ones
/// that exist through a temporary file and a rename.
@Suite struct FileIOTests {
  private func folder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("docclean-fileio-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  @Test func writesNewFilesAndReplacesOldOnes() throws {
    let root = try folder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let text = root + "/a.txt"
    let provenance = root + "/a.prov.json"
    try FileIO.writeAtomically([(Array("one".utf8), text), (Array("{}".utf8), provenance)])
    #expect(try FileIO.read(text) == Array("one".utf8))
    #expect(try FileIO.read(provenance) == Array("{}".utf8))
    try FileIO.writeAtomically([(Array("two".utf8), text), (Array("{ }".utf8), provenance)])
    #expect(try FileIO.read(text) == Array("two".utf8))
    #expect(try FileIO.read(provenance) == Array("{ }".utf8))
    let attributes = try FileManager.default.attributesOfItem(atPath: text)
    #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o600 } == 0o600)
    // Nothing but the two files: no temporary and no unnamed file left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["a.prov.json", "a.txt"])
  }

  @Test func writesNothingWhenAFolderIsMissing() throws {
    let root = try folder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(throws: DocCleanError.self) {
      try FileIO.writeAtomically([
        (Array("one".utf8), root + "/a.txt"), (Array("{}".utf8), root + "/no/a.json"),
      ])
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
  }
}
