/// The edits of one stage that make the same change by the same rule, written once with
/// every offset where the stage made it.
///
/// A text damaged one way is damaged the same way again and again: each CRLF made `\n`, each
/// `â€™` made `’`. Written as one entry `[[14,16,18],"\r\n","\n",2]` such edits take a third
/// of the room they would one by one, and a reader sees at a glance what a stage did.
struct EditGroup: Equatable {
  /// Where the stage made the change, in its input, in the order of the stage's edits.
  var offsets: [Int]
  var removed: Bytes
  var inserted: Bytes
  /// The index of the group's rule in the provenance's `rules`.
  var rule: Int

  /// The groups of a stage's edits, in the order of each group's first edit.
  ///
  /// Reading the groups back (`edits(of:)`) orders the edits by offset, a group's own order
  /// and then the groups' order deciding between edits at one offset. A stage whose edits that
  /// order would not give back is written one edit to a group, in its own order.
  static func groups(of edits: [Provenance.EditEntry]) -> [EditGroup] {
    var groups: [EditGroup] = []
    // Each slot holds a group's index plus one, 0 where empty; at most half are full.
    var capacity = 16
    while capacity < 2 * edits.count { capacity <<= 1 }
    var slots = [Int32](repeating: 0, count: capacity)
    for edit in edits {
      var slot = Int(
        truncatingIfNeeded: Self.hash(edit) >> UInt64(UInt64.bitWidth - capacity.trailingZeroBitCount))
      while slots[slot] != 0 {
        let group = Int(slots[slot]) - 1
        if groups[group].rule == edit.rule, groups[group].removed == edit.removed,
          groups[group].inserted == edit.inserted
        {
          break
        }
        slot = (slot + 1) & (capacity - 1)
      }
      if slots[slot] != 0 {
        groups[Int(slots[slot]) - 1].offsets.append(edit.offset)
      } else {
        groups.append(
          EditGroup(offsets: [edit.offset], removed: edit.removed, inserted: edit.inserted, rule: edit.rule))
        slots[slot] = Int32(groups.count)
      }
    }
    // Edits at offsets that only grow read back in their own order from any grouping; others
    // are read back to see.
    guard groups.count < edits.count, !Self.offsetsIncrease(edits), Self.edits(of: groups) != edits else {
      return groups
    }
    return edits.map {
      EditGroup(offsets: [$0.offset], removed: $0.removed, inserted: $0.inserted, rule: $0.rule)
    }
  }

  /// Whether each edit's offset is above the one before it.
  static func offsetsIncrease(_ edits: [Provenance.EditEntry]) -> Bool {
    zip(edits, edits.dropFirst()).allSatisfy { $0.offset < $1.offset }
  }

  /// The edits of `groups`, in offset order.
  static func edits(of groups: [EditGroup]) -> [Provenance.EditEntry] {
    var edits: [(sequence: Int, edit: Provenance.EditEntry)] = []
    edits.reserveCapacity(groups.reduce(0) { $0 + $1.offsets.count })
    for group in groups {
      for offset in group.offsets {
        edits.append(
          (
            edits.count,
            Provenance.EditEntry(
              offset: offset, removed: group.removed, inserted: group.inserted, rule: group.rule)
          ))
      }
    }
    edits.sort { ($0.edit.offset, $0.sequence) < ($1.edit.offset, $1.sequence) }
    return edits.map(\.edit)
  }

  /// A hash of an edit's change: its rule, the lengths and the first and last bytes of what
  /// it removed and inserted, not their bytes whole (a page's removed lines are many and
  /// long, and lines that differ nearly always differ in length or at an end), mixed so that
  /// its top bits choose a slot. Edits of one change hash alike; others that collide are
  /// compared.
  private static func hash(_ edit: Provenance.EditEntry) -> UInt64 {
    var hash = UInt64(truncatingIfNeeded: edit.rule) &* 0x9E37_79B9_7F4A_7C15
    mix(edit.removed.bytes, into: &hash)
    mix(edit.inserted.bytes, into: &hash)
    return hash &* 0x9E37_79B9_7F4A_7C15
  }

  /// Mixes the length and the first and last `endBytes` bytes of `bytes` into `hash` (FNV-1a).
  private static func mix(_ bytes: [UInt8], into hash: inout UInt64) {
    hash = (hash ^ UInt64(bytes.count)) &* 0x100_0000_01b3
    bytes.withUnsafeBufferPointer { buffer in
      let head = min(buffer.count, endBytes)
      for index in 0..<head { hash = (hash ^ UInt64(buffer[index])) &* 0x100_0000_01b3 }
      for index in max(head, buffer.count - endBytes)..<buffer.count {
        hash = (hash ^ UInt64(buffer[index])) &* 0x100_0000_01b3
      }
    }
  }

  /// How many bytes at each end of a byte string the hash reads.
  private static let endBytes = 16
}

/// A group is the array `[offsets, removed, inserted, rule]`, its offsets a number when there
/// is one.
extension EditGroup: Codable {
  init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    offsets = try container.decode(Offsets.self).values
    removed = try container.decode(Bytes.self)
    inserted = try container.decode(Bytes.self)
    rule = try container.decode(Int.self)
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode(Offsets(values: offsets))
    try container.encode(removed)
    try container.encode(inserted)
    try container.encode(rule)
  }
}

/// A group's offsets: a number when there is one, else an array.
private struct Offsets: Codable {
  var values: [Int]

  init(values: [Int]) {
    self.values = values
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let single = try? container.decode(Int.self) {
      values = [single]
    } else {
      values = try container.decode([Int].self)
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if values.count == 1 {
      try container.encode(values[0])
    } else {
      try container.encode(values)
    }
  }
}

/// A stage is the array `[stage, version, groups]`.
extension Provenance.StageEntry: Codable {
  public init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    stage = try container.decode(String.self)
    version = try container.decode(Int.self)
    edits = EditGroup.edits(of: try container.decode([EditGroup].self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode(stage)
    try container.encode(version)
    try container.encode(EditGroup.groups(of: edits))
  }
}
