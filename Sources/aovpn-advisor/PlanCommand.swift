import AdvisorCore
import ArgumentParser
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write the Always On VPN plan: ProfileXML, server scripts, load balancer changes, plan.md.",
        discussion: """
            What an export cannot say (VPN name, DNS servers, routes, baseline, certificates) comes from \
            a plan file; every value it does not give is listed as a plan gap, never guessed. Start one \
            with 'plan init'. Docs/plan.md documents the keys.

            Examples:
              aovpn-advisor plan init -e contoso --output contoso.plan.yml
              aovpn-advisor plan -e contoso --plan contoso.plan.yml --out plan/
              aovpn-advisor plan validate plan/ProfileXML-User.xml
            """,
        subcommands: [PlanGenerateCommand.self, PlanInitCommand.self, PlanValidateCommand.self],
        defaultSubcommand: PlanGenerateCommand.self)
}

/// `--plan FILE`: the plan file, shared by `plan`, `run` and `report`.
struct PlanFileOption: ParsableArguments {
    @Option(name: .customLong("plan"), help: "Plan file (YAML; see 'plan init' and Docs/plan.md).")
    var planFile: String?

    func settings() throws -> PlanSettings {
        try PlanSettings.load(path: planFile)
    }
}

struct PlanGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the plan's artifacts (the default when 'plan' is given no subcommand).",
        discussion: """
            Writes ProfileXML-User.xml, ProfileXML-Device.xml (when the plan asks for a device tunnel), \
            servers/<server>.ps1, loadbalancer/<vendor>.txt (when there are load-balancing findings) and \
            plan.md. Each ProfileXML is validated against the project's schema before it is written.

            Examples:
              aovpn-advisor plan -e contoso --plan contoso.plan.yml --out plan/
              aovpn-advisor plan generate -e contoso --out plan/
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Environment name (default: the database's only environment).")
    var environment: String?
    @OptionGroup var planFile: PlanFileOption
    @Option(name: .long, help: "Output folder for the plan.")
    var out: String = "plan"

    func run() throws {
        try CommandFailure.mapping {
            let settings = try planFile.settings()
            let advisor = try database.advisor()
            let result = try advisor.writePlan(
                environment: try advisor.resolveEnvironment(environment), settings: settings,
                to: URL(fileURLWithPath: out))
            Self.printSummary(result.plan, files: result.files)
        }
    }

    static func printSummary(_ plan: MigrationPlan, files: [URL]) {
        for url in files { print("Wrote \(url.path)") }
        if plan.gaps.isEmpty {
            print("Plan complete: no plan gaps.")
        } else {
            print("\(plan.gaps.count) plan gap(s) (set them in the plan file):")
            for gap in plan.gaps { print("  \(gap.key): \(gap.reason)") }
        }
    }
}

struct PlanInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented plan file pre-filled from the imported estate.",
        discussion: """
            Examples:
              aovpn-advisor plan init -e contoso
              aovpn-advisor plan init -e contoso --output contoso.plan.yml --force
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Environment name (default: the database's only environment).")
    var environment: String?
    @Option(name: .long, help: "Plan file to write.")
    var output: String = "aovpn-plan.yml"
    @Flag(name: .long, help: "Overwrite the plan file if it exists.")
    var force = false

    func run() throws {
        try CommandFailure.mapping {
            if FileManager.default.fileExists(atPath: output) && !force {
                throw ValidationError("\(output) exists; use --force to overwrite it")
            }
            let advisor = try database.advisor()
            let environment = try advisor.resolveEnvironment(self.environment)
            let text = try advisor.planTemplate(environment: environment)
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                throw CommandFailure.database("cannot write \(output): \(error.localizedDescription)")
            }
            print(
                "Wrote \(output). Fill in the empty values, then run: aovpn-advisor plan -e \(environment) --plan \(output)"
            )
        }
    }
}

struct PlanValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check ProfileXML files against the project's schema, offline.",
        discussion: """
            Prints each problem with its file and line. Exit 0 when every file validates, 65 otherwise.

            Examples:
              aovpn-advisor plan validate plan/ProfileXML-User.xml
              aovpn-advisor plan validate ProfileXML_Device.xml intune-export.xml
            """)

    @Argument(help: "ProfileXML files.")
    var files: [String]

    func run() throws {
        var invalid = 0
        for file in files {
            let problems: [String]
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                problems = try ProfileSchemaCheck.problems(data, file: file)
            } catch {
                problems = ["\(error)"]
            }
            if problems.isEmpty {
                print("\(file): valid")
            } else {
                invalid += 1
                for problem in problems { print(problem) }
            }
        }
        if invalid > 0 {
            printError("\(invalid) file(s) do not validate")
            throw ExitCode(65)
        }
    }
}
