import EstateModel
import Foundation
import Planning
import RuleAPI

extension Advisor {
    /// The Always On VPN plan of an environment: its estate, the findings of its latest
    /// assessment (assessed in memory, not stored, when it has none yet) and the plan settings.
    public func plan(environment: String, settings: PlanSettings) throws -> MigrationPlan {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        let estate = try store.estate(environmentId: id)
        let findings: [Finding]
        if let assessment = try store.latestAssessment(environmentId: id), let assessmentId = assessment.id {
            findings = try store.findings(assessmentId: assessmentId)
        } else {
            findings = engine.assess(estate, context: settings.assessmentContext)
        }
        return MigrationPlanner(
            environment: environment, estate: estate, findings: findings, settings: settings,
            generator: "aovpn-advisor \(Self.version)"
        ).plan()
    }

    /// Writes the plan's artifacts into `directory` and returns the plan and the files written.
    public func writePlan(environment: String, settings: PlanSettings, to directory: URL) throws -> (
        plan: MigrationPlan, files: [URL]
    ) {
        let plan = try plan(environment: environment, settings: settings)
        let files = try PlanWriter(plan: plan, generator: "aovpn-advisor \(Self.version)").write(to: directory)
        return (plan, files)
    }

    /// A commented plan file pre-filled from the environment's estate (`plan init`).
    public func planTemplate(environment: String) throws -> String {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        return PlanInitWriter.yaml(
            estate: try store.estate(environmentId: id), environment: environment,
            generator: "aovpn-advisor \(Self.version)")
    }
}

extension PlanSettings {
    /// The plan file at `path` (the empty plan without one).
    public static func load(path: String?) throws -> PlanSettings {
        guard let path else { return PlanSettings() }
        return try PlanFile.load(path: path)
    }

    /// The assessment's context: this plan's choices, with `baseline` (`--baseline`) taking precedence.
    public func assessmentContext(baseline: String?) -> AssessmentContext {
        var context = assessmentContext
        if let baseline, let chosen = IKEv2Baseline(rawValue: baseline) { context.baseline = chosen }
        return context
    }
}
