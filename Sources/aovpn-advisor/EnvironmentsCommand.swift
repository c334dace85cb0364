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
            abstract: "Environments with their import and assessment counts.",
            discussion: "Example:\n  aovpn-advisor environments list")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try CommandFailure.mapping {
                let environments = try database.advisor().store.environments()
                if environments.isEmpty { print("No environments.") }
                for environment in environments {
                    print(
                        "\(environment.name)\t\(environment.imports) import(s)\t\(environment.assessments) assessment(s)\tcreated \(ISO8601DateFormatter().string(from: environment.createdAt))"
                    )
                }
            }
        }
    }
}
