import Foundation
import Reporting
import RuleAPI
import Store

extension Advisor {
    /// The changes from assessment `from` to assessment `to` of an environment: by default from
    /// the assessment before `to` to the latest. Throws ``AdvisorError/nothingToCompare(_:)`` when
    /// there is no earlier assessment.
    public func changes(environment: String, from: Int64? = nil, to: Int64? = nil) throws -> AssessmentChanges {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        let assessments = try store.assessments(environmentId: id)
        guard let latest = assessments.last else { throw AdvisorError.noAssessment(environment) }
        func assessment(_ wanted: Int64) throws -> AssessmentRecord {
            guard let found = assessments.first(where: { $0.id == wanted }) else {
                throw AdvisorError.unknownAssessment(wanted, environment)
            }
            return found
        }
        let later = try to.map(assessment) ?? latest
        let earlier: AssessmentRecord
        if let from {
            earlier = try assessment(from)
        } else {
            guard let before = assessments.last(where: { ($0.id ?? 0) < (later.id ?? 0) }) else {
                throw AdvisorError.nothingToCompare(environment)
            }
            earlier = before
        }
        return AssessmentChanges(
            from: .init(assessmentId: earlier.id ?? 0, assessedAt: earlier.startedAt),
            previous: try store.findings(assessmentId: earlier.id ?? 0),
            to: .init(assessmentId: later.id ?? 0, assessedAt: later.startedAt),
            current: try store.findings(assessmentId: later.id ?? 0))
    }

    /// The changes since the assessment before the latest one; nil when there is none.
    func changesSincePrevious(environment: String) throws -> AssessmentChanges? {
        do {
            return try changes(environment: environment)
        } catch AdvisorError.nothingToCompare {
            return nil
        }
    }

    /// The findings of the latest assessment that are new since the one before it and count (no
    /// active exception silences them); every active finding when it is the first assessment.
    public func newFindings(environment: String) throws -> [Finding] {
        if let changes = try changesSincePrevious(environment: environment) { return changes.newActive }
        return try latestFindings(environment: environment).filter(\.isActive)
    }

    /// Every assessment of the environment summarised for trends: active findings per severity and,
    /// per module, the rules that fired and those only not assessed.
    public func history(environment: String) throws -> [AssessmentTrend] {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        let outcomes = try store.findingOutcomes(environmentId: id)
        let known = try Self.knownRules(engine: engine)
        return try store.assessments(environmentId: id).map { assessment in
            let assessmentId = assessment.id ?? 0
            return AssessmentTrend(
                assessmentId: assessmentId, assessedAt: assessment.startedAt,
                outcomes: (outcomes[assessmentId] ?? []).map { ($0.ruleId, $0.module, $0.severity, $0.kind) },
                rules: try Self.rulesThatRan(assessment, known: known))
        }
    }
}

extension Advisor {
    /// The environments with their counts and their latest assessment's trend entry (nil before
    /// the first assessment), for `environments list`.
    public func environmentOverview() throws -> [(environment: EnvironmentSummary, latest: AssessmentTrend?)] {
        try store.environments().map { environment in
            guard let latest = try store.latestAssessment(environmentId: environment.id), let id = latest.id else {
                return (environment, nil)
            }
            let outcomes = try store.findingOutcomes(environmentId: environment.id, assessmentId: id)[id] ?? []
            let trend = AssessmentTrend(
                assessmentId: id, assessedAt: latest.startedAt,
                outcomes: outcomes.map { ($0.ruleId, $0.module, $0.severity, $0.kind) },
                rules: try Self.rulesThatRan(latest, engine: engine))
            return (environment, trend)
        }
    }
}
