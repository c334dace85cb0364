import AdvisorCore
import ArgumentParser
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Import, assess and report in one go.",
        discussion: """
        Examples:
          aovpn-advisor run Examples/contoso --out out/
          aovpn-advisor run export.zip --db estate.sqlite --out reports/ --fail-on critical
        """)

    @Argument(help: "Folders, zip files or single export files.")
    var paths: [String]
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var environment: EnvironmentOption
    @Option(name: .long, help: "Output folder for the reports.")
    var out: String = "out"
    @OptionGroup var failOn: FailOnOption

    func run() throws {
        try CommandFailure.mapping {
            let advisor = try database.advisor()
            var name = environment.environment
            for path in paths {
                let outcome = try runImport(advisor: advisor, path: path, environment: name)
                name = outcome.environment
                print(ImportCommand.summary(outcome))
            }
            guard let name else { throw ValidationError("no input given") }
            let assessment = try advisor.assess(environment: name)
            print(AssessCommand.summary(assessment))
            for url in try advisor.report(environment: name, to: URL(fileURLWithPath: out)) { print("Wrote \(url.path)") }
            try failOn.check(assessment.findings)
        }
    }
}
