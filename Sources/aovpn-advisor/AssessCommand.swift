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
              aovpn-advisor assess -e contoso --fail-on-new medium   # CI gate: only regressions fail
              aovpn-advisor assess -e contoso --config aovpn-advisor.yml
              aovpn-advisor assess -e contoso --plan Examples/contoso.plan.yml   # remediation follows the plan (baseline, connections)
              aovpn-advisor assess -e contoso --plugin Examples/plugins/python/single_vpn_server.py

            The configuration file (aovpn-advisor.yml in the working directory, or --config) can \
            disable rules, change severities and hold exceptions; see Docs/configuration.md.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Environment name (default: the database's only environment).")
    var environment: String?
    @OptionGroup var config: ConfigOption
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var packOptions: RulePackOptions
    @OptionGroup var planFile: PlanFileOption
    @OptionGroup var failOn: FailOnOption
    @OptionGroup var failOnNew: FailOnNewOption

    func run() throws {
        try CommandFailure.mapping {
            let plan = planFile.planFile == nil ? nil : try planFile.settings()
            let packs = try packOptions.load(plan: plan)
            let configuration = try config.load()
            let plugins = try pluginOptions.plugins(configuration)
            try configuration.validate(packs: packs, plugins: plugins)
            let advisor = try database.advisor()
            let name = try advisor.resolveEnvironment(environment)
            let outcome = try advisor.assess(
                environment: name, configuration: configuration,
                plugins: plugins, packs: packs, context: packOptions.context(plan: plan))
            PluginOptions.report(outcome)
            print(Self.summary(outcome))
            try failOn.check(outcome.findings)
            try failOnNew.check(advisor, environment: name)
        }
    }

    static func summary(_ outcome: Advisor.AssessmentOutcome) -> String {
        let fired = outcome.findings.filter(\.isActive)
        let excepted = outcome.findings.filter(\.isExcepted).count
        let bySeverity = Dictionary(grouping: fired, by: \.severity)
        let counts = bySeverity.keys.sorted(by: >).map { "\($0.rawValue) \(bySeverity[$0]?.count ?? 0)" }
        let notAssessed = outcome.findings.filter { $0.outcome == .notAssessed }.count
        return
            "Assessment #\(outcome.assessmentId): \(fired.count) finding(s)\(counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"), "
            + "\(excepted > 0 ? "\(excepted) excepted, " : "")\(notAssessed) not assessed."
    }
}
