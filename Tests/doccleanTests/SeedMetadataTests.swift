import Foundation
import Testing

/// The seeds' provenance carries the facts their dumps show, and the text no longer does.
@Suite(.serialized) struct SeedMetadataTests {
  struct Expected: Sendable, CustomStringConvertible {
    var seed: String
    var title: String
    var byline: String
    var date: String
    var site: String
    var description: String { seed }
  }

  static let seeds = [
    Expected(
      seed: "000_6fbb5b5a6e8022e5",
      title: "Al Qaeda Offshoot ISIS Captures Mosul from Iraqi Government Forces",
      byline: "Barry Grey", date: "June 11, 2014", site: "Global Research"),
    Expected(
      seed: "002_2e6800efc9d63492", title: "Made in America: The ISIS conquest of Mosul",
      byline: "The Cradle's Iraq Correspondent", date: "05.07.2024", site: "www.afgazad.com"),
    Expected(
      seed: "003_d865e67523a737b9", title: "ISIS advance reveals more than a crumbling regime",
      byline: "Dave Stockton, Marcus Halaby", date: "Tue, 24/06/2014 - 08:48", site: "fifthinternational.org"),
    Expected(
      seed: "004_6290b8373d0acb81", title: "ISIS militia sweeps forward in Iraq",
      byline: "our Arab Affairs correspondent", date: "", site: ""),
  ]

  @Test(arguments: seeds)
  func provenanceCarriesTheFacts(expected: Expected) throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let raw = folder.appendingPathComponent("raw")
    try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
    let name = expected.seed + ".txt"
    try FileManager.default.copyItem(
      at: CLI.packageRoot.appendingPathComponent("raw/" + name), to: raw.appendingPathComponent(name))
    let run = try CLI.run(["run", "raw", "--out", "clean", "--quiet"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let provenance = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.appendingPathComponent("clean/\(expected.seed).prov.json")))
    let metadata = try #require((provenance as? [String: Any])?["metadata"] as? [String: String])
    #expect(metadata["title"] == expected.title)
    #expect(metadata["byline"] == expected.byline)
    #expect(metadata["date"] == expected.date)
    #expect(metadata["site"] == expected.site)
    let text = try String(contentsOf: folder.appendingPathComponent("clean/\(name)"), encoding: .utf8)
    let paragraphs = text.components(separatedBy: "\n\n")
    #expect(paragraphs.first == expected.title)
    for fact in [expected.byline, expected.date] where !fact.isEmpty {
      #expect(
        !paragraphs.contains { $0.contains(fact) && $0.count < fact.count + 40 },
        "\(fact) is still in the text")
    }
  }
}
