// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "AILedger",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .library(name: "AILedger", targets: ["AILedger"]),
        .library(name: "AILedgerSQLite", targets: ["AILedgerSQLite"]),
        .library(name: "AILedgerPostgres", targets: ["AILedgerPostgres"]),
        .library(name: "AILedgerMySQL", targets: ["AILedgerMySQL"]),
        .library(name: "AILedgerConformance", targets: ["AILedgerConformance"]),
        .library(name: "AILedgerOTLP", targets: ["AILedgerOTLP"]),
        .library(name: "AILedgerServer", targets: ["AILedgerServer"]),
        .library(name: "AILedgerCrypto", targets: ["AILedgerCrypto"]),
        .executable(name: "ailedger", targets: ["ailedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Core: models, facade, driver protocols, dialect, migrations. Imports no C library.
        .target(
            name: "AILedger",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedPriceBook"]
        ),

        // SQLite: the embedded default.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "AILedgerSQLite",
            dependencies: ["AILedger", "CSQLite"],
            plugins: ["EmbedMigrations"]
        ),

        // PostgreSQL over libpq.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "AILedgerPostgres",
            dependencies: ["AILedger", "CLibPQ"],
            plugins: ["EmbedMigrations"]
        ),

        // MySQL and MariaDB over MariaDB Connector/C.
        .systemLibrary(
            name: "CMariaDB",
            pkgConfig: "libmariadb",
            providers: [.apt(["libmariadb-dev"])]
        ),
        .target(
            name: "AILedgerMySQL",
            dependencies: ["AILedger", "CMariaDB"],
            plugins: ["EmbedMigrations"]
        ),

        // OpenTelemetry GenAI spans (OTLP protobuf and JSON) into ledger records; no
        // dependency but the core.
        .target(name: "AILedgerOTLP", dependencies: ["AILedger"]),

        // Field encryption at rest (AES-256-GCM over swift-crypto), apart so that a library
        // user who encrypts nothing builds no crypto.
        .target(name: "AILedgerCrypto", dependencies: ["AILedger", .product(name: "Crypto", package: "swift-crypto")]),

        // The HTTP service: JSON ingest and query over the ledger (Hummingbird 2).
        .target(
            name: "AILedgerServer",
            dependencies: [
                "AILedger", "AILedgerOTLP", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            plugins: ["EmbedDashboard"]
        ),

        // The conformance suite every driver runs against a live database.
        .target(name: "AILedgerConformance", dependencies: ["AILedger"]),

        // The command-line tool links every driver.
        .executableTarget(
            name: "ailedger",
            dependencies: [
                "AILedger", "AILedgerSQLite", "AILedgerPostgres", "AILedgerMySQL", "AILedgerServer", "AILedgerCrypto",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Benchmarks (run with `make bench-query`, `make bench-writer`, `make bench-server`, `make bench-redaction` and `make bench-retention`).
        .executableTarget(
            name: "QueryBenchmark",
            dependencies: ["AILedger", "AILedgerSQLite", "AILedgerPostgres", "AILedgerMySQL", "AILedgerConformance"],
            path: "Benchmarks/QueryBenchmark"
        ),
        .executableTarget(
            name: "WriterBenchmark",
            dependencies: ["AILedger", "AILedgerSQLite", "AILedgerPostgres", "AILedgerMySQL", "AILedgerConformance"],
            path: "Benchmarks/WriterBenchmark"
        ),
        .executableTarget(
            name: "ClusterBenchmark",
            dependencies: ["AILedger", "AILedgerSQLite", "AILedgerPostgres", "AILedgerMySQL", "AILedgerConformance"],
            path: "Benchmarks/ClusterBenchmark"
        ),
        .executableTarget(
            name: "ServerBenchmark",
            dependencies: ["AILedger", "AILedgerSQLite", "AILedgerPostgres", "AILedgerMySQL", "AILedgerConformance", "AILedgerOTLP"],
            path: "Benchmarks/ServerBenchmark"
        ),

        .executableTarget(
            name: "RetentionBenchmark",
            dependencies: ["AILedger", "AILedgerPostgres", "AILedgerConformance"],
            path: "Benchmarks/RetentionBenchmark"
        ),
        .executableTarget(
            name: "RedactionBenchmark",
            dependencies: ["AILedger", "AILedgerSQLite", "AILedgerPostgres", "AILedgerMySQL", "AILedgerConformance"],
            path: "Benchmarks/RedactionBenchmark"
        ),

        .executableTarget(
            name: "QuickStart",
            dependencies: ["AILedger", "AILedgerSQLite"],
            path: "Examples/QuickStart"
        ),

        // Bundle Migrations/<dialect>/*.sql into the driver that owns the dialect, and the
        // price book into the core.
        .executableTarget(name: "MigrationEmbedder", path: "Plugins/MigrationEmbedder"),
        .plugin(
            name: "EmbedPriceBook",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"]
        ),
        .plugin(
            name: "EmbedDashboard",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"]
        ),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"]
        ),

        // The process the writer's kill test records in and kills (see TestServer+Outage).
        .executableTarget(
            name: "WriterProbe",
            dependencies: ["AILedger", "AILedgerSQLite", "AILedgerPostgres", "AILedgerMySQL", "AILedgerConformance"],
            path: "Tests/WriterProbe"
        ),

        .testTarget(name: "AILedgerTests", dependencies: ["AILedger", "AILedgerOTLP", "AILedgerCrypto"], exclude: ["RedactionCorpus"]),
        // Runs the `ailedger` binary as a process.
        .testTarget(name: "AILedgerCLITests", dependencies: ["AILedger", "AILedgerSQLite", "AILedgerConformance", "ailedger"]),
        .testTarget(
            name: "AILedgerSQLiteTests",
            dependencies: ["AILedger", "AILedgerSQLite", "AILedgerConformance", "AILedgerCrypto", .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .testTarget(
            name: "AILedgerMySQLTests",
            dependencies: ["AILedger", "AILedgerMySQL", "AILedgerSQLite", "AILedgerConformance", "AILedgerCrypto"]
        ),
        .testTarget(
            name: "AILedgerPostgresTests",
            dependencies: ["AILedger", "AILedgerPostgres", "AILedgerSQLite", "AILedgerConformance", "AILedgerCrypto"]
        ),
    ]
)

// `make fuzz` (and `make test`, briefly) builds the libFuzzer targets of Fuzz/ in a build
// folder of their own, naming libFuzzer's archive without its `main` (SwiftPM gives the
// program its own) in AILEDGER_FUZZER_LIBRARY; the core is instrumented for coverage.
if let fuzzer = Context.environment["AILEDGER_FUZZER_LIBRARY"] {
    for target in package.targets where target.name == "AILedger" || target.name == "AILedgerOTLP" {
        target.swiftSettings = [.unsafeFlags(["-sanitize=fuzzer"])]
    }
    package.targets.append(.target(name: "CFuzzer", path: "Fuzz/CFuzzer"))
    package.targets.append(.executableTarget(
        name: "AILedgerFuzz",
        dependencies: ["AILedger", "AILedgerOTLP", "CFuzzer"],
        path: "Fuzz/AILedgerFuzz",
        swiftSettings: [.unsafeFlags(["-sanitize=fuzzer", "-parse-as-library"])],
        linkerSettings: [.unsafeFlags([fuzzer, "-lstdc++"])]
    ))
}
