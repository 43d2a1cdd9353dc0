// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "docclean",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "docclean", targets: ["docclean"]),
    .library(name: "DocClean", targets: ["DocClean"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
  ],
  targets: [
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
    ),
    .target(
      name: "CHunspell",
      linkerSettings: [.linkedLibrary("hunspell-1.7")]
    ),
    .target(name: "CMalloc"),
    .target(
      name: "Pipeline",
      dependencies: ["CMalloc", .product(name: "Crypto", package: "swift-crypto")]
    ),
    .target(
      name: "Stages",
      dependencies: ["Pipeline", "CICU", "CHunspell"]
    ),
    .target(
      name: "DocClean",
      dependencies: ["Pipeline", "Stages"]
    ),
    .executableTarget(
      name: "docclean",
      dependencies: [
        "Pipeline",
        "Stages",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // libFuzzer target over the standard pipeline; scripts/fuzz.sh builds it with sanitizers.
    .executableTarget(
      name: "docclean-fuzz",
      dependencies: ["Pipeline", "Stages"],
      path: "Sources/DocCleanFuzz"
    ),
    .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Stages", "DocClean"]),
    .testTarget(
      name: "StagesTests",
      dependencies: ["Stages", "Pipeline"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "doccleanTests",
      dependencies: ["Pipeline", "Stages"],
      exclude: ["Fixtures"]
    ),
  ]
)
