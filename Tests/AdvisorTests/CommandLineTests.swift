import AdvisorCore
import Foundation
import Testing

/// Runs the real `aovpn-advisor` binary, as a user would, and checks output and exit codes.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "aovpn-advisor")
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func runOnTheExampleWritesThreeReportsAndFailOnGivesOne() throws {
        let dir = try scratch()
        let example = TestInput.examples.appendingPathComponent("contoso").path
        let first = try run([
            "run", example, "--db", dir.appendingPathComponent("a.sqlite").path, "--out",
            dir.appendingPathComponent("out").path,
        ])
        #expect(first.status == 0, "\(first.stderr)")
        for name in ["report.html", "report.md", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/\(name)").path))
        }
        let failing = try run([
            "assess", "-e", "contoso", "--db", dir.appendingPathComponent("a.sqlite").path, "--fail-on", "high",
        ])
        #expect(failing.status == 1)
        let list = try run(["environments", "list", "--db", dir.appendingPathComponent("a.sqlite").path])
        #expect(list.stdout.contains("contoso") && list.stdout.contains("2 assessment(s)"))
    }

    @Test func malformedInputExits65NamingFileAndLineAndStoresNothing() throws {
        let dir = try scratch()
        let bundle = dir.appendingPathComponent("estate/RRAS01")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        let truncated =
            "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n  <Obj RefId=\"0\">\n    <Props>\n"
        try TestInput.utf16LEWithBOM(truncated).write(to: bundle.appendingPathComponent("vpn.xml"))
        let database = dir.appendingPathComponent("b.sqlite").path
        let result = try run(["import", dir.appendingPathComponent("estate").path, "--db", database])
        #expect(result.status == 65)
        #expect(result.stderr.contains("RRAS01/vpn.xml:"), "\(result.stderr)")
        let list = try run(["environments", "list", "--db", database])
        #expect(list.stdout.contains("No environments."))
    }

    @Test func usageErrorsExit64() throws {
        #expect(try run(["run"]).status == 64)
        #expect(try run(["import", "x", "--no-such-option"]).status == 64)
        #expect(try run(["rules", "show", "no-such-rule"]).status == 64)
    }

    @Test func rulesListShowsEveryRuleWithModuleAndSeverity() throws {
        let result = try run(["rules", "list"])
        #expect(result.status == 0)
        for rule in RuleRegistry.all.map({ $0.description }) {
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix(rule.id + " ") }
            #expect(line?.contains(rule.module) == true && line?.contains(rule.severity.rawValue) == true, "\(rule.id)")
        }
    }

    @Test(arguments: ["run", "import", "assess", "report", "rules", "environments"])
    func everySubcommandDocumentsAnExample(_ command: String) throws {
        let result = try run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("aovpn-advisor \(command)"), "\(result.stdout)")
    }
}
