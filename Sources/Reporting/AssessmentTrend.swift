import Foundation
import RuleAPI

/// One assessment of an environment as the trends show it: active findings per severity and
/// readiness per module, computed as the report computes them for a single assessment.
public struct AssessmentTrend: Sendable {
    public var assessmentId: Int64
    public var assessedAt: Date
    /// Active findings (fired, not silenced) per severity.
    public var activeBySeverity: [Severity: Int]
    public var moduleReadiness: [ModuleReadiness]

    /// From the assessment's findings as (rule id, module, severity, kind) and the rules it ran.
    public init(
        assessmentId: Int64, assessedAt: Date,
        outcomes: [(ruleId: String, module: String, severity: Severity, kind: Finding.Standing)],
        rules: [RuleDescription]
    ) {
        self.assessmentId = assessmentId
        self.assessedAt = assessedAt
        let active = outcomes.filter { $0.kind == .active }
        activeBySeverity = Dictionary(grouping: active, by: \.severity).mapValues(\.count)
        moduleReadiness = ModuleReadiness.compute(
            rules: rules, fired: active.map { ($0.ruleId, $0.module) },
            notAssessed: outcomes.filter { $0.kind == .notAssessed }.map { ($0.ruleId, $0.module) })
    }

    /// The share of assessed rules without a finding, over all modules; nil when none was assessed.
    public var overallReadiness: Int? {
        let assessed = moduleReadiness.map(\.assessed).reduce(0, +)
        guard assessed > 0 else { return nil }
        return Int((Double(moduleReadiness.map(\.ready).reduce(0, +)) / Double(assessed) * 100).rounded())
    }
}

/// Readiness of one rule module: of its rules that were assessed somewhere, how many fired nowhere.
public struct ModuleReadiness: Sendable, Equatable {
    public var module: String
    public var ready: Int
    public var assessed: Int

    public init(module: String, ready: Int, assessed: Int) {
        self.module = module
        self.ready = ready
        self.assessed = assessed
    }

    /// The percentage, nil when no rule of the module was assessed.
    public var percent: Int? {
        assessed == 0 ? nil : Int((Double(ready) / Double(assessed) * 100).rounded())
    }

    /// Per module, in the order the rules name them: a rule is assessed unless it was only ever
    /// not assessed, and ready when assessed and never fired.
    public static func compute(
        rules: [RuleDescription], fired: [(ruleId: String, module: String)],
        notAssessed: [(ruleId: String, module: String)]
    ) -> [ModuleReadiness] {
        var modules: [String] = []
        for rule in rules where !modules.contains(rule.module) { modules.append(rule.module) }
        return modules.map { module in
            let ids = rules.filter { $0.module == module }.map(\.id)
            let firedIds = Set(fired.filter { $0.module == module }.map(\.ruleId))
            let onlyNotAssessed = Set(notAssessed.filter { $0.module == module }.map(\.ruleId)).subtracting(firedIds)
            let assessed = ids.filter { !onlyNotAssessed.contains($0) }
            return ModuleReadiness(
                module: module, ready: assessed.filter { !firedIds.contains($0) }.count, assessed: assessed.count)
        }
    }
}
