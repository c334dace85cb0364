import AdvisorCore
import Foundation
import RuleAPI
import Testing

/// External plugins (protocol 1): the two examples, and plugins that crash, hang, lie or print garbage.
@Suite struct ExternalPluginTests {
    static var examples: URL { TestInput.examples.appendingPathComponent("plugins") }

    func contoso() throws -> (Advisor, String) {
        let advisor = try Advisor.inMemory()
        let outcome = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        return (advisor, outcome.environment)
    }

    /// Writes an executable shell plugin whose `describe` declares `org-test` and whose `assess` runs `body`.
    func plugin(_ name: String, assess body: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plugins-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        let script = """
            #!/bin/sh
            if [ "$1" = describe ]; then
              echo '{"protocol": 1, "name": "\(name)", "version": "0.1", "rules": [{"id": "org-test", "module": "org", "severity": "low", "title": "Test"}]}'
              exit 0
            fi
            \(body)
            """
        try Data(script.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    /// The built-in part of the assessment, to compare with and without a plugin.
    func builtIn(_ findings: [Finding]) -> [String] {
        findings.filter { $0.plugin == nil }.map { "\($0.ruleId)|\($0.server ?? "")|\($0.outcome.rawValue)" }.sorted()
    }

    /// A plugin whose children outlive it never hangs the advisor: its whole process group is
    /// killed at the deadline and the pipes are read no longer (a child, a grandchild holding
    /// stdout after the plugin exits, and a plugin that ignores SIGTERM).
    @Test(arguments: [
        ("child", "cat > /dev/null; sleep 600 & echo $! > \"$PIDFILE\"; wait", true),
        (
            "grandchild", "cat > /dev/null; (sleep 600; echo late) & echo $! > \"$PIDFILE\"; echo '{\"findings\": []}'",
            false
        ),
        ("stubborn", "trap '' TERM; cat > /dev/null; sleep 600 & echo $! > \"$PIDFILE\"; wait; wait", true),
    ])
    func aPluginThatLeavesChildrenIsKilledWholeAtItsDeadline(name: String, body: String, timesOut: Bool) throws {
        let (advisor, environment) = try contoso()
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-\(UUID()).pid").path
        let path = try plugin(name, assess: "PIDFILE='\(pidFile)'\n" + body)
        let started = Date()
        // The plugin that finishes gets room to read the estate on a loaded machine; the others hit 2 s.
        let outcome = try advisor.assess(
            environment: environment, plugins: [ExternalPlugin(path: path, timeout: timesOut ? 2 : 8)])
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 15, "took \(elapsed) s")
        #expect(outcome.warnings.contains { $0.contains("did not finish in time") } == timesOut, "\(outcome.warnings)")
        let written = try? String(contentsOfFile: pidFile, encoding: .utf8)
        let pid = try #require(
            written.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) },
            "the plugin did not run its assess body: \(outcome.warnings)")
        var gone = false
        for _ in 0..<50 where !gone {
            gone = kill(pid, 0) != 0
            if !gone { usleep(100_000) }
        }
        #expect(gone, "the plugin's child \(pid) is still running")
    }

    @Test func thePythonAndShellExamplesRunAndTheirFindingsAreStoredMarked() throws {
        let (advisor, environment) = try contoso()
        let plugins = [
            ExternalPlugin(path: Self.examples.appendingPathComponent("python/redundancy.py").path),
            ExternalPlugin(path: Self.examples.appendingPathComponent("shell/secrets-in-export.sh").path),
        ]
        let outcome = try advisor.assess(environment: environment, plugins: plugins)
        #expect(outcome.warnings.isEmpty, "\(outcome.warnings)")
        let python = outcome.findings.filter { $0.plugin == "redundancy" }
        #expect(Set(python.map(\.ruleId)) == ["org-single-radius-server"])
        #expect(
            python.count == 2
                && python.allSatisfy {
                    $0.module == "org-redundancy" && $0.evidence.first?.file.hasSuffix("netsh-ras-dump.txt") == true
                })
        let shell = outcome.findings.filter { $0.plugin == "secrets-in-export" }
        // Four RADIUS secrets and two L2TP keys in the contoso dumps.
        #expect(shell.count == 6, "\(shell.map(\.message))")
        #expect(shell.allSatisfy { $0.ruleId == "org-secrets-in-export" && $0.evidence.first?.value == "(redacted)" })
        #expect(try advisor.store.findings(assessmentId: outcome.assessmentId) == outcome.findings)
    }

    @Test(arguments: [
        ("crashing", "cat > /dev/null; echo 'Traceback: boom' >&2; exit 3", "'assess' failed with exit status 3"),
        ("garbage", "cat > /dev/null; echo 'this is not JSON'", "'assess' printed invalid JSON"),
        (
            "lying",
            #"cat > /dev/null; echo '{"findings": [{"ruleId": "org-test", "message": "declared"}, {"ruleId": "pptp-enabled", "message": "not mine"}]}'"#,
            "did not declare, ignored: pptp-enabled"
        ),
    ])
    func aMisbehavingPluginYieldsAWarningAndACompleteAssessment(name: String, body: String, warning: String) throws {
        let (advisor, environment) = try contoso()
        let reference = try advisor.assess(environment: environment)
        let outcome = try advisor.assess(
            environment: environment, plugins: [ExternalPlugin(path: try plugin(name, assess: body))])
        #expect(
            outcome.warnings.count == 1 && outcome.warnings[0].contains("plugin \(name)")
                && outcome.warnings[0].contains(warning),
            "\(outcome.warnings)")
        #expect(builtIn(outcome.findings.filter { $0.ruleId != "plugin:\(name)" }) == builtIn(reference.findings))
        #expect(outcome.findings.contains { $0.ruleId == "plugin:\(name)" && $0.outcome == .notAssessed })
        if name == "lying" {
            #expect(
                outcome.findings.contains {
                    $0.ruleId == "org-test" && $0.plugin == "lying" && $0.message == "declared"
                })
            #expect(!outcome.findings.contains { $0.ruleId == "pptp-enabled" && $0.plugin != nil })
        }
        if name == "crashing" { #expect(outcome.pluginLogs.first?.log.contains("Traceback: boom") == true) }
    }

    @Test func aHangingPluginIsKilledAtTheTimeout() throws {
        let (advisor, environment) = try contoso()
        let hanging = ExternalPlugin(path: try plugin("hanging", assess: "exec sleep 60"), timeout: 1)
        let start = Date()
        let outcome = try advisor.assess(environment: environment, plugins: [hanging])
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(outcome.warnings == ["plugin hanging: 'assess' did not finish in time and was killed"])
        #expect(outcome.findings.contains { $0.ruleId == "pptp-enabled" })
    }

    @Test func aPluginPrintingWithoutEndIsStopped() throws {
        let (advisor, environment) = try contoso()
        let flood = ExternalPlugin(path: try plugin("flood", assess: "cat > /dev/null; exec yes"), timeout: 60)
        let outcome = try advisor.assess(environment: environment, plugins: [flood])
        #expect(outcome.warnings == ["plugin flood: 'assess' printed more than 64 MiB and was stopped"])
    }

    @Test func aMissingPluginIsAWarning() throws {
        let (advisor, environment) = try contoso()
        let outcome = try advisor.assess(
            environment: environment, plugins: [ExternalPlugin(path: "/nonexistent/plugin")])
        #expect(outcome.warnings.count == 1 && outcome.warnings[0].contains("cannot run"))
    }
}
