// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "qik",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qik", targets: ["qik"]),
        .executable(name: "qikx", targets: ["qikx"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libgit2 through pkg-config; QikGit is the only target that imports it.
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        .target(
            name: "QikCore",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
            exclude: ["README.md"]
        ),
        // Starts libgit2 without parsing the CA bundle at init (see GitStartup.c); C, because it interposes C symbols.
        .target(name: "CGitStartup", dependencies: ["CLibgit2"]),
        // mallopt, which Swift's Glibc module does not export (see QikMain).
        .target(name: "CMallocTuning"),
        .target(name: "QikGit", dependencies: ["CLibgit2", "CGitStartup", "QikCore"], exclude: ["README.md"]),
        .target(name: "QikPython", exclude: ["README.md"]),
        .target(name: "QikWatch", exclude: ["README.md"]),
        .executableTarget(
            name: "qik",
            dependencies: [
                "QikCore", "QikGit", "QikPython", "QikWatch", "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "qikx", dependencies: ["QikCore"]),
        .target(name: "QikTestSupport", dependencies: ["QikCore"], path: "Sources/QikTestSupport"),
        .testTarget(name: "QikCoreTests", dependencies: ["QikCore", "QikTestSupport"]),
        .testTarget(name: "QikGitTests", dependencies: ["QikGit", "QikCore", "QikTestSupport"]),
        .testTarget(name: "QikIntegrationTests", dependencies: ["QikCore", "QikTestSupport"]),
        .testTarget(name: "QikPythonTests", dependencies: ["QikPython", "QikTestSupport"]),
        .testTarget(name: "QikWatchTests", dependencies: ["QikWatch"]),
        .testTarget(name: "QikCLITests", dependencies: ["qik"]),
    ]
)
