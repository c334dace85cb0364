import AdvisorCore
import ArgumentParser

@main
struct AovpnAdvisor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aovpn-advisor",
        abstract: "Assess a DirectAccess / RRAS estate export for the move to Always On VPN.",
        discussion: """
        Imports PowerShell Export-Clixml files, .reg exports and 'netsh ras dump' output (a folder, \
        a .zip or single files), assesses them with the built-in rule modules, stores every \
        assessment in an embedded SQLite database and writes HTML, Markdown and JSON reports.

        Exit codes: 0 done; 1 findings at or above --fail-on; 64 usage error; 65 bad input; \
        74 database or file-system error.

        Example:
          aovpn-advisor run Examples/contoso --out out/
        """,
        version: Advisor.version,
        subcommands: [RunCommand.self, ImportCommand.self, AssessCommand.self, ReportCommand.self,
                      RulesCommand.self, EnvironmentsCommand.self, SampleCommand.self])
}
