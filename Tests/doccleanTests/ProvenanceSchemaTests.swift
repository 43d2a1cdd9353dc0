import Foundation
import Testing

/// A clean folder written with provenance schema 1 (`Fixtures/schema-1`, made by docclean
/// 0.2.0 before schema 2) still restores, explains and is brought up to date by `run`.
@Suite(.serialized) struct ProvenanceSchemaTests {
  static let fixture = CLI.packageRoot.appendingPathComponent("Tests/doccleanTests/Fixtures/schema-1")

  /// A temporary copy of the fixture's `raw/` and `clean/`.
  func workspace() throws -> URL {
    let folder = try CLI.temporaryFolder()
    for name in ["raw", "clean"] {
      try FileManager.default.copyItem(
        at: Self.fixture.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
  }

  func schemaVersion(_ folder: URL) throws -> Int? {
    let data = try Data(contentsOf: folder.appendingPathComponent("clean/canal-walk.prov.json"))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return object?["schemaVersion"] as? Int
  }

  @Test func anOldProvenanceStillRestores() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try schemaVersion(folder) == 1)
    let restored = try CLI.run(["restore", "clean/canal-walk.txt"], in: folder)
    #expect(restored.status == 0, "\(restored.stderr)")
    #expect(restored.stdout == (try Data(contentsOf: folder.appendingPathComponent("raw/canal-walk.txt"))))
  }

  /// Its rules and reasons are read from each edit; its raw positions follow from the edits.
  @Test func anOldProvenanceStillExplains() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let explained = try CLI.run(["explain", "clean/canal-walk.txt"], in: folder)
    #expect(explained.status == 0, "\(explained.stderr)")
    let text = String(decoding: explained.stdout, as: UTF8.self)
    #expect(text.contains("26 edits"), "\(text)")
    #expect(
      text.contains("12:18  decoding.windows-1252  <80> → ‘€’  1 byte(s) that are not UTF-8"), "\(text)")
  }

  /// `run` cleans the file again, since the ruleset changed, and writes the current schema:
  /// the same text keeps its revision, in a smaller file that restores the same bytes.
  @Test func runRewritesItInTheCurrentSchema() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let provenance = folder.appendingPathComponent("clean/canal-walk.prov.json")
    let oldSize = try Data(contentsOf: provenance).count
    let run = try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try schemaVersion(folder) == 2)
    #expect(try Data(contentsOf: provenance).count * 2 < oldSize)
    let restored = try CLI.run(["restore", "clean/canal-walk.txt"], in: folder)
    #expect(restored.stdout == (try Data(contentsOf: folder.appendingPathComponent("raw/canal-walk.txt"))))
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: provenance)) as? [String: Any]
    #expect(object?["revision"] as? Int == 1)
  }
}

extension ProvenanceSchemaTests {
  /// `check` counts an old schema as stale, as `run` does.
  @Test func checkFindsAnOldSchema() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try CLI.run(["check", "clean", "--raw", "raw"], in: folder)
    #expect(result.status != 0)
    #expect(
      result.text.contains("clean/canal-walk.txt:1:1: stale.schema: its provenance has schema 1"),
      "\(result.text)")
  }
}
