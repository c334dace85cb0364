// swift-tools-version: 6.1
// Benchmarks of the importers, the assessment and the reports (ordo-one/benchmark).
// Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "aovpn-advisor-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "aovpn-advisor", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ImportBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AdvisorCore", package: "aovpn-advisor"),
                .product(name: "SampleGenerator", package: "aovpn-advisor"),
            ],
            path: "Benchmarks/ImportBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
