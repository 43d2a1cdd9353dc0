// swift-tools-version:6.1
// A separate package that depends on docclean by path and uses its public API alone; `.ci/run`
// builds and runs it, so that the library's surface is checked as another package sees it.
import PackageDescription

let package = Package(
  name: "LibraryClient",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "docclean", path: "../..")],
  targets: [
    .executableTarget(
      name: "LibraryClient",
      dependencies: [.product(name: "DocClean", package: "docclean")]
    )
  ]
)
