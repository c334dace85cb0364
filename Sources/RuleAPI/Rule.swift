import EstateModel

/// A rule: one small type with a static description, which looks at the estate and reports.
/// Rules never do I/O; they read the model and write to the ``RuleReport``.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    func assess(_ estate: Estate, report: inout RuleReport)
}

extension Rule {
    /// Runs the rule alone on an estate and returns what it reported.
    public func run(on estate: Estate, context: AssessmentContext = AssessmentContext()) -> [Finding] {
        var report = RuleReport(description: Self.description, context: context)
        assess(estate, report: &report)
        return report.findings
    }
}
