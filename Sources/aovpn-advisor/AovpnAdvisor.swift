import AdvisorCore
import ArgumentParser

@main
struct AovpnAdvisor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aovpn-advisor",
        abstract: "Assess a DirectAccess / RRAS estate export for the move to Always On VPN.",
        discussion: """
            Imports PowerShell Export-Clixml files, .reg exports, 'netsh ras dump' output, load balancer \
            configurations, ProfileXML client profiles, GPO backups and reports, NPS exports and Windows \
            events (a folder, a .zip or single files; 'collector' writes the script that gathers them), \
            assesses them with the rule modules, rule packs and external plugins, stores every assessment \
            in an embedded SQLite database, writes HTML, Markdown, JSON, CSV and SARIF reports with what \
            changed since the previous assessment, diagnoses failed pilot connections, and plans the \
            move to Always On VPN.

            Exit codes: 0 done; 1 findings at or above --fail-on, or new ones at or above --fail-on-new; \
            64 usage error; 65 bad input; 74 database or file-system error.

            Examples:
              aovpn-advisor run Examples/contoso --out out/
              aovpn-advisor run Examples/contoso --plan Examples/contoso.plan.yml --out out/
            """,
        version: Advisor.version,
        subcommands: [
            RunCommand.self, ImportCommand.self, AssessCommand.self, ReportCommand.self,
            PlanCommand.self, DiffCommand.self, DiagnoseCommand.self, CollectorCommand.self, RulesCommand.self,
            EnvironmentsCommand.self,
            SampleCommand.self,
        ])
}
