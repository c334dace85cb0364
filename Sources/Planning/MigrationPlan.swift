import EstateModel

/// The Always On VPN plan for one environment: the DirectAccess → Always On VPN mapping, the
/// client profiles to deploy, the server scripts, the load balancer changes, the phases, and the
/// plan gaps (values the plan file must still give).
public struct MigrationPlan: Sendable {
    public var environment: String
    public var settings: PlanSettings
    public var mapping: [MappingRow]
    public var gaps: [PlanGap]
    public var userProfile: VpnProfileDraft
    /// Present when the plan asks for a device tunnel.
    public var deviceProfile: VpnProfileDraft?
    public var serverScripts: [ServerScript]
    public var loadBalancerChanges: [LoadBalancerChange]
    public var phases: [PlanPhase]
    /// What each server script does (the scripts, the phases' claims and ``PlannedEstate`` read it).
    var serverPlans: [ServerPlan] = []

    /// Every finding the plan's steps say they resolve, with the server or scope it is about.
    public var resolvedFindings: [ResolvedFinding] { phases.flatMap(\.steps).flatMap(\.resolvedFindings) }
}

/// One line of the side-by-side mapping: a DirectAccess setting and what it becomes.
public struct MappingRow: Sendable, Equatable {
    public var directAccessSetting: String
    public var directAccessValue: String
    public var alwaysOnSetting: String
    public var alwaysOnValue: String
    public var why: String
    /// Where the DirectAccess value was read.
    public var evidence: [Evidence]
}

/// A value the plan needs and the export cannot give: the plan file key, why it is needed, and
/// which artifacts are incomplete without it.
public struct PlanGap: Sendable, Equatable {
    public var key: String
    public var reason: String
    public var affects: [String]
}

/// A phase of the migration.
public struct PlanPhase: Sendable, Equatable {
    public var title: String
    public var steps: [PlanStep]
}

/// One step: what to do, the findings it resolves (rule ids present in the assessment), and the
/// artifacts it uses (paths under `plan/`).
public struct PlanStep: Sendable, Equatable {
    public var text: String
    /// The rule ids of ``resolvedFindings``, each once, sorted.
    public var resolves: [String]
    public var artifacts: [String]
    /// The findings this step resolves, each with its server or scope.
    public var resolvedFindings: [ResolvedFinding]

    public init(text: String, resolves findings: [ResolvedFinding], artifacts: [String]) {
        self.text = text
        resolvedFindings = findings
        resolves = Array(Set(findings.map(\.ruleId))).sorted()
        self.artifacts = artifacts
    }

    /// The resolved findings for people: each rule id with the servers or scopes it is resolved on,
    /// `pptp-enabled (rras01.corp.example.com, rras02.corp.example.com), lb-pool-mismatch (F5 BIG-IP bigip 203.0.113.10)`.
    public var resolvesSummary: String {
        resolves.map { id in
            let scopes = resolvedFindings.filter { $0.ruleId == id }.compactMap(\.scope)
            return scopes.isEmpty ? id : "\(id) (\(scopes.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }
}

/// A finding a plan step resolves: its rule and the server or scope it was reported on.
public struct ResolvedFinding: Sendable, Hashable {
    public var ruleId: String
    public var scope: String?
    public init(ruleId: String, scope: String?) {
        self.ruleId = ruleId
        self.scope = scope
    }
}

/// A PowerShell script for one RRAS server.
public struct ServerScript: Sendable, Equatable {
    public var server: String
    /// Path under `plan/`, e.g. `servers/rras01.ps1`.
    public var path: String
    public var text: String
}

/// Load balancer changes for one vendor.
public struct LoadBalancerChange: Sendable, Equatable {
    public var vendor: String
    /// Path under `plan/`, e.g. `loadbalancer/f5-big-ip.txt`.
    public var path: String
    public var text: String
}
