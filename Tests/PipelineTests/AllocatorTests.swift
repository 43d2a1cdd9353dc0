import Testing

@testable import Pipeline

/// The command's malloc settings are taken where malloc is glibc's, and fit its `int` values.
@Suite struct AllocatorTests {
  @Test func settingsFitMallocsIntegers() {
    for value in [Allocator.trimThreshold, Allocator.topPad, Allocator.mappingThreshold] {
      #expect(value > 0 && value <= Int64(Int32.max))
    }
  }

  #if canImport(Glibc)
    @Test func glibcTakesTheSettings() {
      #expect(Allocator.keepFreedMemory())
    }
  #endif
}
