import AdvisorCore
import EstateModel
import Foundation
import InputErrors
import Store
import Testing

@Suite struct OneNameAndExitStatusTests {
    @Test func everyFailureMapsToItsDocumentedExitCode() {
        #expect(ExitStatus.of(InputError(file: "a.reg", line: 3, message: "bad")) == (65, "bad input: a.reg:3: bad"))
        #expect(ExitStatus.of(AdvisorError.unknownEnvironment("x")).code == 64)
        struct Disk: Error {}
        #expect(ExitStatus.of(Disk()).code == 74)
    }

    @Test func aStandaloneServerIsItsOwnDeploymentUnderItsFullName() {
        var server = Server(name: "rras07", fqdn: "rras07.corp.example.com", roles: [.vpn])
        server.directAccess = .init()
        let estate = Estate(servers: [server, Server(name: "rras08", roles: [.vpn])])
        #expect(estate.deployments.map(\.name) == ["rras07.corp.example.com", "rras08"])
        #expect(estate.deployments.map(\.serverNames) == [["rras07"], ["rras08"]])
    }

    /// Whatever file gave the short name (netsh dump, folder name, `.reg`), a server whose FQDN any
    /// file gives is shown under that FQDN in every finding, report line and plan of the example.
    @Test func theExampleNamesEachServerOneWay() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let advisor = Advisor(store: try AdvisorStore.inMemory())
        _ = try advisor.importExport(at: TestInput.examples.appendingPathComponent("contoso").path)
        let outcome = try advisor.assess(environment: "contoso")
        let servers = Set(outcome.findings.compactMap(\.server).filter { $0.lowercased().hasPrefix("da0") })
        #expect(servers == ["da01.corp.contoso.com", "da02.corp.contoso.com"])
        let files = try advisor.report(environment: "contoso", to: directory, formats: [.markdown, .json])
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            // A short name is allowed only as the export's folder (DA01/...) or as the JSON `name` field.
            let pattern = try Regex(#"(?i)\bda0[12]\b(?![./])"#)
            let hits = text.split(separator: "\n").filter { line in
                line.contains(pattern) && !line.contains("\"name\" :")
            }
            #expect(hits.isEmpty, "\(url.lastPathComponent): \(hits.prefix(3))")
        }
    }
}
