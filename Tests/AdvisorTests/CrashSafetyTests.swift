import Foundation
import RuleAPI
import Store
import Testing

/// Kills the real CLI at many points during import and assessment, and runs two at once.
@Suite(.serialized) struct CrashSafetyTests {
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func sigkillAtRandomPointsLeavesASoundDatabase() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let database = work.appendingPathComponent("db.sqlite").path
        let example = TestInput.examples.appendingPathComponent("contoso").path
        // Given one complete assessment
        let started = Date()
        let first = try start(["run", example, "--db", database, "--out", work.appendingPathComponent("out").path])
        first.waitUntilExit()
        // Kill moments are spread over the duration of a whole run.
        let window = UInt32(max(0.05, Date().timeIntervalSince(started)) * 1_000_000)
        #expect(first.terminationStatus == 0)
        let baseline = try AdvisorStore(path: database).findings(assessmentId: 1)
        let fileCount = try AdvisorStore(path: database).imports(environmentId: 1).count
        // When runs into new and existing environments are killed at pseudo-random moments
        var generator = SplitMix(seed: 0xA0C7)
        var killed = 0
        for round in 0..<24 {
            let process = try start([
                "run", example, "-e", "env\(round % 4)", "--db", database,
                "--out", work.appendingPathComponent("out\(round)").path,
            ])
            usleep(generator.next() % window)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            // Then the file is sound, history is intact, and the interrupted work is whole or absent
            let store = try AdvisorStore(path: database)
            #expect(try store.integrityCheck() == "ok", "round \(round)")
            #expect(try store.findings(assessmentId: 1) == baseline, "round \(round)")
            for environment in try store.environments() {
                let imports = try store.imports(environmentId: environment.id).count
                #expect(
                    imports == 0 || imports == fileCount, "round \(round): \(environment.name) has \(imports) imports")
                for assessment in try store.assessments(environmentId: environment.id) {
                    let findings = try store.findings(assessmentId: assessment.id!)
                    #expect(findings.count == baseline.count, "round \(round): assessment \(assessment.id!) is partial")
                    #expect(assessment.findingCount == findings.filter { $0.outcome == .finding }.count)
                }
            }
        }
        #expect(killed >= 8, "too few runs were interrupted to prove anything (\(killed))")
    }

    @Test func twoProcessesWritingOneDatabaseBothSucceed() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("concurrent-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let database = work.appendingPathComponent("db.sqlite").path
        let example = TestInput.examples.appendingPathComponent("contoso").path
        let processes = try (0..<2).map { index in
            try start([
                "run", example, "-e", "writer\(index)", "--db", database, "--out",
                work.appendingPathComponent("out\(index)").path,
            ])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let store = try AdvisorStore(path: database)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.environments().map(\.assessments) == [1, 1])
    }
}

/// A small deterministic generator, so a failing round can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt32 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: z ^ (z >> 31))
    }
}
