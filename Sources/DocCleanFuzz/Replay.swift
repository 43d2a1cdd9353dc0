// libFuzzer supplies `main` in the fuzzing build; a normal build gets this one instead, so that
// `swift build` and `swift test` are not affected and a saved input can be checked without
// sanitizers: `swift run docclean-fuzz FILE...`.
#if !FUZZING
  import Pipeline

  #if canImport(Glibc)
    import Glibc
  #elseif canImport(Darwin)
    import Darwin
  #endif

  @main enum Replay {
    static func main() {
      let paths = CommandLine.arguments.dropFirst()
      guard !paths.isEmpty else {
        print("usage: docclean-fuzz FILE...  (scripts/fuzz.sh builds the libFuzzer version)")
        return
      }
      var failed = false
      for path in paths {
        do {
          let bytes = try FileIO.read(path)
          if let failure = FuzzCheck.failure(for: bytes) {
            print("\(path): \(failure)")
            failed = true
          } else {
            print("\(path): ok")
          }
        } catch {
          print("\(error)")
          failed = true
        }
      }
      if failed { exit(1) }
    }
  }
#endif
