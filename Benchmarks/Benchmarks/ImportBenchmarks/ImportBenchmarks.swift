import AdvisorCore
import Benchmark
import Foundation
import SampleGenerator

/// A 200-server estate with 20 000 NRPT rules, written once per run by the sample generator.
let estateDirectory: URL = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aovpn-bench-\(ProcessInfo.processInfo.processIdentifier)")
    if !FileManager.default.fileExists(atPath: directory.path) {
        try! SampleEstateWriter(servers: 200, nrptRules: 20_000).write(to: directory)
    }
    return directory
}()

func importedAdvisor() throws -> Advisor {
    let advisor = try Advisor.inMemory()
    _ = try advisor.importExport(at: estateDirectory.path, environment: "bench")
    return advisor
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                           maxDuration: .seconds(20), maxIterations: 5)

    Benchmark("CLIXML import into SQLite, 20 000 NRPT rules") { benchmark in
        let file = estateDirectory.appendingPathComponent("DA001/Get-DnsClientNrptRule.xml").path
        for _ in benchmark.scaledIterations {
            blackHole(try Advisor.inMemory().importExport(at: file, environment: "bench"))
        }
    }

    Benchmark(".reg import into SQLite, 20 000 NRPT rules") { benchmark in
        let file = estateDirectory.appendingPathComponent("DA001/nrpt-policy.reg").path
        for _ in benchmark.scaledIterations {
            blackHole(try Advisor.inMemory().importExport(at: file, environment: "bench"))
        }
    }

    Benchmark("Bundle import into SQLite, 200 servers") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try importedAdvisor())
        }
    }

    Benchmark("Assessment, 200 servers and 20 000 NRPT rules") { benchmark in
        let advisor = try importedAdvisor()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try advisor.assess(environment: "bench"))
        }
    }

    Benchmark("Reports (HTML, Markdown, JSON, CSV)") { benchmark in
        let advisor = try importedAdvisor()
        _ = try advisor.assess(environment: "bench")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aovpn-bench-report")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try advisor.report(environment: "bench", to: out))
        }
    }
}
