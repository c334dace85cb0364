import EstateModel

/// Runs rules over an estate. Rules are independent, so their order only decides the order of
/// the findings (the registry's order, which is sorted by module and id).
public struct RuleEngine: Sendable {
    public let rules: [any Rule.Type]

    public init(rules: [any Rule.Type]) { self.rules = rules }

    /// Every finding and not-assessed result, most severe first (stable within a severity).
    public func assess(_ estate: Estate, context: AssessmentContext = AssessmentContext()) -> [Finding] {
        let ran = rules.flatMap { $0.init().run(on: estate, context: context) }
        let findings = ModuleInput.completing(
            ran,
            rules: rules.map {
                ($0.description.id, $0.description.module, $0.description.severity, $0.description.title)
            },
            estate: estate)
        return findings.enumerated().sorted { lhs, rhs in
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity > rhs.element.severity }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The descriptions of the rules, in order.
    public var descriptions: [RuleDescription] { rules.map { $0.description } }
}
