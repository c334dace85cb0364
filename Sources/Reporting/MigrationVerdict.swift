import Planning
import RuleAPI

/// The report's first answer: can the migration start? Computed by three documented rules
/// (README, "The report's verdict"), in order:
/// 1. **Blocked** while an active critical finding remains, or a plan gap leaves the pilot's user
///    tunnel profile (`ProfileXML-User.xml`) unbuildable.
/// 2. **Ready to pilot** when nothing blocks but high findings, plan gaps or rule modules that
///    could not be assessed remain: a pilot ring can start, production cannot.
/// 3. **Ready to migrate** when no critical or high finding, no plan gap and no unassessed module
///    remains.
public struct MigrationVerdict: Sendable, Encodable {
    public enum Status: String, Sendable, Encodable {
        case blocked
        case readyToPilot = "ready-to-pilot"
        case readyToMigrate = "ready-to-migrate"

        public var title: String {
            switch self {
            case .blocked: "Blocked"
            case .readyToPilot: "Ready to pilot"
            case .readyToMigrate: "Ready to migrate"
            }
        }
    }

    public var status: Status
    /// What keeps the status from the next one up, each in one sentence.
    public var reasons: [String]

    public init(findings: [Finding], plan: MigrationPlan?, readiness: [ModuleReadiness]) {
        let active = findings.filter(\.isActive)
        func named(_ findings: [Finding]) -> String {
            let ids = findings.map { "\($0.ruleId) (\($0.server ?? "estate"))" }
            return ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
        }
        let critical = active.filter { $0.severity == .critical }
        let gaps = plan?.gaps ?? []
        let pilotGaps = gaps.filter { $0.affects.contains("ProfileXML-User.xml") }
        var blockers: [String] = []
        if !critical.isEmpty {
            blockers.append("\(critical.count) critical finding(s): \(named(critical)).")
        }
        if !pilotGaps.isEmpty {
            blockers.append(
                "The pilot's user tunnel profile cannot be built: the plan lacks \(pilotGaps.map(\.key).joined(separator: ", "))."
            )
        }
        if plan == nil {
            blockers.append("No plan was made for this report (aovpn-advisor plan init, then report --plan FILE).")
        }
        if !blockers.isEmpty {
            status = .blocked
            reasons = blockers
            return
        }
        var remaining: [String] = []
        let high = active.filter { $0.severity == .high }
        if !high.isEmpty { remaining.append("\(high.count) high finding(s): \(named(high)).") }
        if !gaps.isEmpty {
            remaining.append("The plan still lacks \(gaps.map(\.key).joined(separator: ", ")).")
        }
        let unassessed = readiness.filter { $0.assessed == 0 }.map(\.module)
        if !unassessed.isEmpty {
            remaining.append(
                "No rule of \(unassessed.joined(separator: ", ")) could be assessed: export their input before production."
            )
        }
        status = remaining.isEmpty ? .readyToMigrate : .readyToPilot
        reasons = remaining
    }
}
