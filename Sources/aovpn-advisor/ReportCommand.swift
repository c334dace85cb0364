import AdvisorCore
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write report.html, report.md, report.json, report.csv and report.sarif for the latest assessment.",
        discussion: """
            Examples:
              aovpn-advisor report --environment contoso --out out/
              aovpn-advisor report -e contoso --plan contoso.plan.yml --out out/
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Environment name (default: the database's only environment).")
    var environment: String?
    @Option(name: .long, help: "Output folder for the reports.")
    var out: String = "out"
    @OptionGroup var planFile: PlanFileOption
    @OptionGroup var failOn: FailOnOption

    func run() throws {
        try CommandFailure.mapping {
            let settings = try planFile.settings()
            let advisor = try database.advisor()
            let environment = try advisor.resolveEnvironment(self.environment)
            let urls = try advisor.report(
                environment: environment, to: URL(fileURLWithPath: out), planSettings: settings)
            for url in urls { print("Wrote \(url.path)") }
            try failOn.check(try advisor.latestFindings(environment: environment))
        }
    }
}
