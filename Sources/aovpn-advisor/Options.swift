import AdvisorCore
import ArgumentParser
import Foundation

/// Options every data command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file.")
    var db: String = "./aovpn-advisor.sqlite"

    func advisor() throws -> Advisor {
        do { return try Advisor(databasePath: db) } catch {
            throw CommandFailure.database("cannot open \(db): \(error)")
        }
    }
}

/// Chooses the environment: by name, or the bundle's name.
struct EnvironmentOption: ParsableArguments {
    @Option(name: .shortAndLong, help: "Environment name (default: the name of the imported folder, zip or file).")
    var environment: String?
}

extension Severity: ExpressibleByArgument {}

/// `--fail-on`: exit 1 when a finding is at or above this severity.
struct FailOnOption: ParsableArguments {
    @Option(
        name: .long, help: "Exit with 1 when a finding has this severity or higher (critical, high, medium, low, info)."
    )
    var failOn: Severity?

    func check(_ findings: [Finding]) throws {
        guard let failOn else { return }
        let hits = findings.filter { $0.isActive && $0.severity >= failOn }
        if !hits.isEmpty {
            printError("\(hits.count) finding(s) at or above \(failOn.rawValue)")
            throw ExitCode(1)
        }
    }
}

/// `--fail-on-new SEVERITY`: exit 1 only for findings new since the previous assessment.
struct FailOnNewOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Exit with 1 when a finding new since the previous assessment has this severity or higher.",
            discussion: "With no previous assessment every finding is new. Excepted findings never count."))
    var failOnNew: Severity?

    func check(_ advisor: Advisor, environment: String) throws {
        guard let failOnNew else { return }
        let hits = try advisor.newFindings(environment: environment).filter { $0.severity >= failOnNew }
        if !hits.isEmpty {
            printError("\(hits.count) new finding(s) at or above \(failOnNew.rawValue) since the previous assessment")
            throw ExitCode(1)
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("aovpn-advisor: \(message)\n".utf8))
}

/// True when standard error is a terminal (progress is shown only then).
var stderrIsTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }

/// `--config FILE`, else `aovpn-advisor.yml` in the working directory when it exists.
struct ConfigOption: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Configuration file: disabled rules, severity overrides, exceptions (default: ./aovpn-advisor.yml when present)."
    )
    var config: String?

    /// Reads the configuration (its rule ids are checked by `AdvisorConfiguration.validate(packs:plugins:)`).
    func load() throws -> AdvisorConfiguration { try AdvisorConfiguration.load(path: config) }
}

/// `--plugin PATH` (repeatable) and `--plugin-timeout`, plus the configuration's plugin directory.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugin"), help: "An external rule plugin (protocol 1, Docs/plugins.md); repeatable.")
    var plugins: [String] = []
    @Option(
        name: .long,
        help:
            "Seconds each plugin command may run before it is killed (default 30, or pluginTimeout in the configuration)."
    )
    var pluginTimeout: Double?

    func plugins(_ configuration: AdvisorConfiguration) throws -> [ExternalPlugin] {
        let timeout = pluginTimeout ?? configuration.pluginTimeout ?? 30
        let paths: [String]
        do { paths = try configuration.directoryPlugins() } catch {
            throw ValidationError(
                "cannot list the plugin directory \(configuration.pluginDirectory ?? ""): \(error.localizedDescription)"
            )
        }
        return (plugins + paths).map { ExternalPlugin(path: $0, timeout: timeout) }
    }

    /// Prints plugin warnings and each plugin's standard error (the run log) on our standard error.
    static func report(_ outcome: Advisor.AssessmentOutcome) {
        for (plugin, log) in outcome.pluginLogs {
            for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
                printError("plugin \(plugin) stderr: \(line)")
            }
        }
        for warning in outcome.warnings { printError("warning: \(warning)") }
    }
}

/// `--rules DIR` (repeatable) and `--baseline NAME`: the declarative rule packs of an assessment.
struct RulePackOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A directory of rule packs (YAML, Docs/rule-packs.md); repeatable.")
    var directories: [String] = []
    @Option(name: .long, help: "The IKEv2 baseline to check the servers against: standard, enhanced or cnsa.")
    var baseline: String?

    /// The packs, with the baseline pack of `--baseline`, else of the plan file's `ikev2Baseline`.
    func load(plan: PlanSettings? = nil) throws -> [RulePack] {
        try RulePackSet.load(directories: directories, baseline: baseline ?? plan?.ikev2Baseline?.rawValue)
    }

    /// The assessment's context: the plan file's choices, with `--baseline` taking precedence.
    func context(plan: PlanSettings?) -> AssessmentContext {
        (plan ?? PlanSettings()).assessmentContext(baseline: baseline)
    }
}
