import EstateModel
import Foundation
import RuleAPI

/// The `report.json` document. Its field names are a public contract (see the README).
struct JSONReport: Encodable {
    struct Summary: Encodable {
        var findings: Int
        var bySeverity: [String: Int]
        var notAssessed: Int
    }
    struct ServerEntry: Encodable {
        var name: String
        var fqdn: String?
        var roles: [String]
        var deployment: String
    }
    struct NotAssessedEntry: Encodable {
        var ruleId: String
        var module: String
        var server: String?
        var reason: String
    }
    struct FindingEntry: Encodable {
        var ruleId: String
        var module: String
        var severity: String
        var server: String?
        var title: String
        var message: String
        var evidence: [Evidence]
        /// How many pieces of evidence the rule cited when more than `evidence` holds, since 0.5.
        var evidenceTotal: Int?
        var remediation: String
        /// The configuration file's exception that matched (expired ones included), since 0.2.
        var exception: AppliedException?
        /// The external plugin that reported it, since 0.2 (absent for built-in rules).
        var plugin: String?

        init(_ finding: Finding) {
            ruleId = finding.ruleId
            module = finding.module
            severity = finding.severity.rawValue
            server = finding.server
            title = finding.title
            message = finding.message
            evidence = finding.evidence
            evidenceTotal = finding.evidenceTotal
            remediation = finding.remediation
            exception = finding.exception
            plugin = finding.plugin
        }
    }

    var tool = "aovpn-advisor"
    var toolVersion: String
    var environment: String
    var assessmentId: Int64
    var assessedAt: String
    var summary: Summary
    var servers: [ServerEntry]
    var findings: [FindingEntry]
    /// Findings silenced by an active exception (not in `findings`), since 0.2.
    var excepted: [FindingEntry]
    var notAssessed: [NotAssessedEntry]
    var notUnderstood: [NotUnderstood]
    var secretsPresent: [SecretPresence]
    var imports: [ReportInput.ImportedFile]
    /// Hosts known only through client policy exports (since 0.4; additive). `servers` lists only
    /// hosts the export shows with a remote-access role.
    var clientHosts: [String]
    /// The certificates read from the export, since 0.5 (additive).
    var certificates: [CertificateTable.Row]
    /// Files skipped or refused by the imports (since 0.4; additive).
    var importProblems: [ImportProblem]
    /// The rules that ran and the choices they ran with (since 0.4; additive; absent for older assessments).
    var ruleSet: RuleSet?
    /// The migration readiness verdict: `status` (`blocked`, `ready-to-pilot`, `ready-to-migrate`)
    /// and the `reasons` that keep it from the next one up (since 0.5; additive).
    var verdict: MigrationVerdict
    /// The action list: each distinct remediation once, with `id`, `severity`, `remediation`,
    /// `findings` (`ruleId`, `server`, `fingerprint`), `phase` and `artifacts` (since 0.5; additive).
    var actions: [ActionList.Action]
    /// The failed connections among the imported events, grouped by code and explained by the
    /// findings (since 0.5; additive; absent when the environment has no events).
    var diagnosis: Diagnosis?
    /// The collector script's manifests: per server what was collected and what failed (since
    /// 0.5; additive; empty without a manifest).
    var collections: [CollectionManifest]
    /// What changed since the environment's previous assessment (since 0.5; additive; absent for
    /// its first assessment).
    var changes: ChangesDocument?

    init(_ input: ReportInput) {
        toolVersion = input.toolVersion
        environment = input.environment
        assessmentId = input.assessmentId
        assessedAt = ISO8601DateFormatter().string(from: input.assessedAt)
        let fired = input.firedFindings
        summary = Summary(
            findings: fired.count,
            bySeverity: Dictionary(
                uniqueKeysWithValues: Severity.allCases.map { severity in
                    (severity.rawValue, fired.filter { $0.severity == severity }.count)
                }),
            notAssessed: input.notAssessed.count)
        let deployments = input.estate.deployments
        clientHosts = input.estate.clientHosts.map(\.displayName)
        certificates = CertificateTable(estate: input.estate, findings: fired).rows
        servers = input.estate.remoteAccessServers.map { server in
            ServerEntry(
                name: server.name, fqdn: server.fqdn, roles: server.roles.sorted().map(\.rawValue),
                deployment: deployments.first { $0.serverNames.contains(server.name) }?.name ?? server.displayName)
        }
        findings = fired.map(FindingEntry.init)
        excepted = input.exceptedFindings.map(FindingEntry.init)
        notAssessed = input.notAssessed.map {
            NotAssessedEntry(ruleId: $0.ruleId, module: $0.module, server: $0.server, reason: $0.message)
        }
        notUnderstood = input.estate.notUnderstood
        secretsPresent = input.estate.secrets
        imports = input.imports
        importProblems = input.importProblems
        ruleSet = input.ruleSet
        changes = input.changes.map(ChangesDocument.init)
        diagnosis = input.diagnosis
        collections = input.estate.collections
        verdict = input.verdict
        actions = input.actionList.actions
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
