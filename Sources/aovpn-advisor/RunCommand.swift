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
              aovpn-advisor run Examples/contoso --plan Examples/contoso.plan.yml --out out/
              aovpn-advisor run collected/ --keep-going --out out/
              aovpn-advisor run exports/ --out out/ --fail-on-new high   # fail only on regressions

            With --plan, the Always On VPN plan (ProfileXML, server scripts, plan.md) is written to \
            <out>/plan/ as well. The reports (HTML, Markdown, JSON, CSV, SARIF) show what changed \
            since the previous assessment of the environment.
            """)

    @Argument(help: "Folders, zip files or single export files.")
    var paths: [String]
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var environment: EnvironmentOption
    @Option(name: .long, help: "Output folder for the reports.")
    var out: String = "out"
    @OptionGroup var planFile: PlanFileOption
    @OptionGroup var config: ConfigOption
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var packOptions: RulePackOptions
    @OptionGroup var failOn: FailOnOption
    @OptionGroup var failOnNew: FailOnNewOption
    @OptionGroup var keepGoing: KeepGoingOption
    @OptionGroup var userNames: KeepUserNamesOption

    func run() throws {
        try CommandFailure.mapping {
            // A bad plan or configuration file fails before anything is imported.
            let settings = try planFile.settings()
            let plan = planFile.planFile == nil ? nil : settings
            let packs = try packOptions.load(plan: plan)
            let configuration = try config.load()
            let plugins = try pluginOptions.plugins(configuration)
            try configuration.validate(packs: packs, plugins: plugins)
            let advisor = try database.advisor()
            var name = environment.environment
            for path in paths {
                let outcome = try runImport(
                    advisor: advisor, path: path, environment: name, keepGoing: keepGoing.keepGoing,
                    keepUserNames: userNames.keepUserNames)
                name = outcome.environment
                print(ImportCommand.summary(outcome))
            }
            guard let name else { throw ValidationError("no input given") }
            let assessment = try advisor.assess(
                environment: name, configuration: configuration, plugins: plugins, packs: packs,
                context: packOptions.context(plan: plan))
            PluginOptions.report(assessment)
            print(AssessCommand.summary(assessment))
            let outURL = URL(fileURLWithPath: out)
            for url in try advisor.report(environment: name, to: outURL, planSettings: settings) {
                print("Wrote \(url.path)")
            }
            if planFile.planFile != nil {
                let result = try advisor.writePlan(
                    environment: name, settings: settings, to: outURL.appendingPathComponent("plan"))
                PlanGenerateCommand.printSummary(result.plan, files: result.files)
            }
            try failOn.check(assessment.findings)
            try failOnNew.check(advisor, environment: name)
        }
    }
}
