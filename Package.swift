// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "news-api",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "news-api", targets: ["Server"]),
        .executable(name: "corpus-gen", targets: ["CorpusGen"]),
        .executable(name: "news-api-fuzz", targets: ["NewsAPIFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // zstd keeps the article bodies compressed in memory (NewsAPI/HTTP/TextCompressor.swift, beside the other C calls).
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // What the server and corpus-gen must agree on: the data format's vocabularies, dates, key
        // folding and the JSON writer.
        .target(name: "NewsFormat"),
        .target(
            name: "NewsAPI",
            dependencies: [
                "NewsFormat",
                "CMicroHTTPD",
                "CZlib",
                "CZstd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The contract served at /openapi.yaml is compiled into the binary (`openapi.yaml` here is a symlink
        // to the top-level one), so an installed news-api needs no file beside it; `--openapi` overrides it.
        .executableTarget(
            name: "Server",
            dependencies: [
                "NewsAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("openapi.yaml")]
        ),
        // corpus-gen's generator, a library so that tests can generate a corpus and load it.
        .target(
            name: "CorpusGeneration",
            dependencies: ["NewsFormat"]
        ),
        .executableTarget(
            name: "CorpusGen",
            dependencies: [
                "CorpusGeneration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets over the request path and parsers: a corpus replayer in a normal build, a libFuzzer
        // binary when built with `--sanitize=fuzzer -Xswiftc -DFUZZING` (see `make test-fuzz`).
        .executableTarget(
            name: "NewsAPIFuzz",
            dependencies: [
                "NewsAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NewsAPITests",
            dependencies: ["NewsAPI", "NewsFormat", "CorpusGeneration", "CZlib"]
        ),
    ]
)
