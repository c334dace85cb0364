import Crypto
import EstateModel
import Foundation
import Importers
import InputErrors
import Planning
import Reporting
import RuleAPI
import RulePacks
import Store

/// The pipeline: files → importers → store → rule engine → findings → reports. The CLI calls
/// these methods and nothing else.
public struct Advisor: Sendable {
    /// The tool's version, recorded with every assessment.
    public static let version = "0.5.0-dev"

    public let store: AdvisorStore
    public let engine: RuleEngine

    public init(databasePath: String, rules: [any Rule.Type] = RuleRegistry.all) throws {
        store = try AdvisorStore(path: databasePath)
        engine = RuleEngine(rules: rules)
    }

    /// An advisor over an in-memory database (tests, benchmarks).
    public static func inMemory() throws -> Advisor { Advisor(store: try AdvisorStore.inMemory()) }

    public init(store: AdvisorStore, rules: [any Rule.Type] = RuleRegistry.all) {
        self.store = store
        engine = RuleEngine(rules: rules)
    }

    /// What an import did.
    public struct ImportOutcome: Sendable {
        public var environment: String
        public var environmentId: Int64
        public var added: [String]
        public var alreadyImported: [String]
        public var skipped: [EstateImporter.Skipped]
        /// Malformed files left out with `keepGoing` (empty otherwise: the import fails instead).
        public var refused: [EstateImporter.Refused] = []
        public var notUnderstood: [NotUnderstood]
        public var secrets: [SecretPresence]
        public var objectCounts: [String: Int]
    }

    /// Imports a folder, zip or file into `environment` (default: the bundle's name). Either every
    /// file lands or none does; with `keepGoing`, malformed files are refused and listed and the
    /// good ones land. Skipped and refused files are recorded so that the reports list them.
    public func importExport(
        at path: String, environment: String? = nil, keepGoing: Bool = false, keepUserNames: Bool = false,
        progress: ((_ done: Int, _ total: Int, _ file: String) -> Void)? = nil
    ) throws -> ImportOutcome {
        let bundle = try ExportBundle.read(path: path)
        let name = environment ?? bundle.name
        // Files are read and stored one by one inside one transaction: a bad file stores nothing.
        nonisolated(unsafe) var imported: EstateImporter.Result?
        let summary = try store.recordImport(environment: name) { transaction in
            let result = try EstateImporter.importBundle(
                bundle, into: StoreImportSink(transaction), keepGoing: keepGoing, keepUserNames: keepUserNames,
                progress: progress)
            if let first = result.refused.first, result.files.isEmpty, result.alreadyImported.isEmpty {
                throw InputError(
                    file: first.path, line: first.line,
                    message: "\(first.problem) (no file of the bundle could be imported)")
            }
            for skipped in result.skipped {
                try transaction.recordProblem(
                    ImportProblem(file: skipped.path, line: 0, kind: "skipped", reason: skipped.reason))
            }
            for refused in result.refused {
                try transaction.recordProblem(
                    ImportProblem(file: refused.path, line: refused.line, kind: "refused", reason: refused.problem))
            }
            imported = result
        }
        guard let result = imported else { preconditionFailure("the import transaction ran no import") }
        let estate = result.estate
        var counts: [String: Int] = [:]
        for file in result.files { counts.merge(file.import.objectCounts, uniquingKeysWith: +) }
        return ImportOutcome(
            environment: name, environmentId: summary.environmentId, added: summary.added,
            alreadyImported: summary.alreadyImported, skipped: result.skipped, refused: result.refused,
            notUnderstood: estate.notUnderstood, secrets: estate.secrets, objectCounts: counts)
    }

    /// The environment to work on: `name` when given, else the database's only one. Several (or
    /// none) without a name is an error that lists them.
    public func resolveEnvironment(_ name: String?) throws -> String {
        if let name { return name }
        let names = try store.environments().map(\.name)
        guard names.count == 1, let only = names.first else { throw AdvisorError.environmentRequired(names) }
        return only
    }

    /// What an assessment found.
    public struct AssessmentOutcome: Sendable {
        public var assessmentId: Int64
        public var findings: [Finding]
        /// Problems with external plugins (each also stored as a not-assessed result).
        public var warnings: [String] = []
        /// Each plugin's standard error, for the run log.
        public var pluginLogs: [(plugin: String, log: String)] = []
    }

    /// Assesses the environment's current estate and stores the result as a new assessment: the
    /// Swift rules, the rule packs (`packs`, default the bundled ones) and external plugins. The
    /// configuration's disabled rules do not run; its severity overrides and exceptions are applied
    /// as of `date` (excepted findings are stored, marked). `context` carries the organisation's
    /// choices (baseline, planned connections) that the rules' remediation follows.
    public func assess(
        environment: String, configuration: AdvisorConfiguration = AdvisorConfiguration(),
        plugins: [ExternalPlugin] = [], packs: [RulePack]? = nil, date: Date = Date(),
        context: AssessmentContext = AssessmentContext()
    ) throws -> AssessmentOutcome {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        let estate = try store.estate(environmentId: id)
        let hasImports = try store.importCount(environmentId: id) > 0
        guard !estate.servers.isEmpty || hasImports else {
            throw AdvisorError.nothingImported(environment)
        }
        let rules = engine.rules.filter { !configuration.disabled.contains($0.description.id) }
        let runner = RuleEngine(rules: rules)
        var found = runner.assess(estate, context: context)
        // Without packs given, the bundled ones (`Rules/packs`) run: some built-in rules live there.
        let loadedPacks = try packs ?? RulePackSet.load()
        let declarative = loadedPacks.flatMap(\.rules).filter { !configuration.disabled.contains($0.id) }
        found += ModuleInput.completing(
            try DeclarativeRule.assess(declarative, estate),
            rules: declarative.map { ($0.id, $0.module, $0.severity, $0.title) }, estate: estate)
        var warnings: [String] = []
        var logs: [(plugin: String, log: String)] = []
        var ran: [RuleSet.Rule] = rules.map {
            RuleSet.Rule(
                id: $0.description.id, module: $0.description.module,
                severity: $0.description.severity, title: $0.description.title, source: "built-in")
        }
        for pack in loadedPacks {
            ran += pack.rules.filter { !configuration.disabled.contains($0.id) }.map {
                RuleSet.Rule(
                    id: $0.id, module: $0.module, severity: $0.severity, title: $0.title, source: "pack \(pack.name)")
            }
        }
        var pluginEntries: [RuleSet.Plugin] = []
        for plugin in plugins {
            let outcome = plugin.assess(estate, environment: environment)
            pluginEntries.append(RuleSet.Plugin(name: outcome.name, version: outcome.version))
            ran += outcome.declared.filter { !configuration.disabled.contains($0.id) }.map {
                RuleSet.Rule(
                    id: $0.id, module: $0.module, severity: $0.severity, title: $0.title,
                    source: "plugin \(outcome.name)")
            }
            found += outcome.findings.filter { !configuration.disabled.contains($0.ruleId) }
            warnings += outcome.warnings
            if !outcome.log.isEmpty { logs.append((outcome.name, outcome.log)) }
            found += outcome.warnings.map {
                Finding(
                    ruleId: "plugin:\(outcome.name)", module: "plugins", severity: .info, server: nil,
                    title: "External plugin \(outcome.name)", message: $0, evidence: [], remediation: "",
                    outcome: .notAssessed, plugin: outcome.name)
            }
        }
        let findings = FindingFingerprint.fingerprinted(
            CollectionNotes.annotate(configuration.apply(to: found, on: date), collections: estate.collections))
        let ruleSet = RuleSet(
            rules: ran, baseline: context.baseline?.rawValue, disabled: configuration.disabled.sorted(),
            packs: loadedPacks.map {
                RuleSet.Pack(name: $0.name, file: Self.displayPath($0.file), sha256: Self.sha256(ofFile: $0.file))
            },
            plugins: pluginEntries)
        let assessmentId = try store.recordAssessment(
            environmentId: id, toolVersion: Self.version,
            ruleSet: ruleSet, findings: findings, at: date)
        return AssessmentOutcome(assessmentId: assessmentId, findings: findings, warnings: warnings, pluginLogs: logs)
    }

    /// Writes the reports of the environment's latest assessment into `directory`, with the
    /// Always On VPN plan section built from `planSettings` (its gaps listed when it is empty).
    public func report(
        environment: String, to directory: URL, formats: [ReportFormat] = ReportFormat.allCases,
        planSettings: PlanSettings = PlanSettings()
    ) throws -> [URL] {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        guard let assessment = try store.latestAssessment(environmentId: id), let assessmentId = assessment.id else {
            throw AdvisorError.noAssessment(environment)
        }
        let findings = try store.findings(assessmentId: assessmentId)
        let estate = try store.estate(environmentId: id)
        let imports = try store.imports(environmentId: id).map {
            ReportInput.ImportedFile(file: $0.file, format: $0.format, sha256: $0.sha256)
        }
        let plan = MigrationPlanner(
            environment: environment, estate: estate, findings: findings, settings: planSettings,
            generator: "aovpn-advisor \(Self.version)"
        ).plan()
        var input = ReportInput(
            environment: environment, assessmentId: assessmentId, assessedAt: assessment.startedAt,
            toolVersion: assessment.toolVersion, estate: estate, findings: findings,
            rules: try Self.rulesThatRan(assessment, engine: engine),
            imports: imports, plan: plan)
        input.importProblems = try store.importProblems(environmentId: id)
        input.ruleSet = assessment.storedRuleSet
        input.changes = try changesSincePrevious(environment: environment)
        if !estate.events.isEmpty {
            input.diagnosis = Diagnosis(
                events: estate.events, userCounts: estate.eventUserCounts, findings: findings,
                table: try Self.errorCodeTable())
        }
        input.history = try history(environment: environment)
        return try ReportWriter(input: input).write(to: directory, formats: formats)
    }

    /// The findings of the latest assessment (for `--fail-on`).
    public func latestFindings(environment: String) throws -> [Finding] {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        guard let assessment = try store.latestAssessment(environmentId: id), let assessmentId = assessment.id else {
            throw AdvisorError.noAssessment(environment)
        }
        return try store.findings(assessmentId: assessmentId)
    }

    /// The rules an assessment ran, as stored with it; for assessments stored before 0.4, the
    /// built-in rules and the bundled packs (what those versions ran without options).
    static func rulesThatRan(_ assessment: AssessmentRecord, engine: RuleEngine) throws -> [RuleDescription] {
        try rulesThatRan(assessment, known: knownRules(engine: engine))
    }

    /// The built-in rules and the bundled packs' rules (loaded once for many assessments).
    static func knownRules(engine: RuleEngine) throws -> [RuleDescription] {
        engine.descriptions + (try RulePackSet.load()).flatMap(\.rules).map(\.description)
    }

    /// ``rulesThatRan(_:engine:)`` with the known rules given: the rationale, remediation and
    /// references of the rules this version still knows; a rule known only from the stored set
    /// keeps its id, title and severity.
    static func rulesThatRan(_ assessment: AssessmentRecord, known: [RuleDescription]) throws -> [RuleDescription] {
        guard let stored = assessment.storedRuleSet else { return known }
        let byId = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return stored.rules.map {
            let full = byId[$0.id]
            return RuleDescription(
                id: $0.id, title: $0.title, module: $0.module, severity: $0.severity,
                rationale: full?.rationale ?? "", remediation: full?.remediation ?? "",
                references: full?.references ?? [], triggeringExamples: [], nonTriggeringExamples: [])
        }
    }

    /// The SHA-256 of a file's content (empty when it cannot be read).
    static func sha256(ofFile path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A pack's path as reports show it: a bundled pack by its folder and name, not the install path.
    static func displayPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().lastPathComponent
        let bundled =
            ["packs", "baselines"].contains(folder) && (path.contains(".resources/") || path.contains(".bundle/"))
        return bundled ? "Rules/\(folder)/\(url.lastPathComponent)" : path
    }
}
