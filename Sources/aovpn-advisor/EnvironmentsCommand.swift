import AdvisorCore
import ArgumentParser
import Foundation

struct EnvironmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "environments",
        abstract: "List the environments in the database.",
        discussion: "Example:\n  aovpn-advisor environments list --db estate.sqlite",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Environments with their import and assessment counts and their latest readiness.",
            discussion: """
                Readiness is the share of the latest assessment's assessed rules that raised no finding \
                (the report's readiness per module, over all modules).

                Example:
                  aovpn-advisor environments list
                """)
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try CommandFailure.mapping {
                let environments = try database.advisor().environmentOverview()
                if environments.isEmpty { print("No environments.") }
                for (environment, latest) in environments {
                    let readiness =
                        latest.map { trend in
                            "latest #\(trend.assessmentId): readiness \(trend.overallReadiness.map { "\($0)%" } ?? "not assessed"), \(trend.activeBySeverity.values.reduce(0, +)) finding(s)"
                        } ?? "not assessed yet"
                    print(
                        "\(environment.name)\t\(environment.imports) import(s)\t\(environment.assessments) assessment(s)\t\(readiness)\tcreated \(ISO8601DateFormatter().string(from: environment.createdAt))"
                    )
                }
            }
        }
    }
}
