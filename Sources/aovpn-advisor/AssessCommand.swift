import AdvisorCore
import ArgumentParser

struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Run every rule over an environment and store the findings as a new assessment.",
        discussion: """
        Every assessment is kept, so runs can be compared.

        Examples:
          aovpn-advisor assess --environment contoso
          aovpn-advisor assess -e contoso --fail-on high
        """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Environment name.")
    var environment: String
    @OptionGroup var failOn: FailOnOption

    func run() throws {
        try CommandFailure.mapping {
            let outcome = try database.advisor().assess(environment: environment)
            print(Self.summary(outcome))
            try failOn.check(outcome.findings)
        }
    }

    static func summary(_ outcome: Advisor.AssessmentOutcome) -> String {
        let fired = outcome.findings.filter { $0.outcome == .finding }
        let bySeverity = Dictionary(grouping: fired, by: \.severity)
        let counts = bySeverity.keys.sorted(by: >).map { "\($0.rawValue) \(bySeverity[$0]?.count ?? 0)" }
        let notAssessed = outcome.findings.count - fired.count
        return "Assessment #\(outcome.assessmentId): \(fired.count) finding(s)\(counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"), \(notAssessed) not assessed."
    }
}
