import InputErrors

/// Errors of the pipeline that are not bad input (those are `InputError`).
public enum AdvisorError: Error, Equatable, CustomStringConvertible {
    case unknownEnvironment(String)
    case nothingImported(String)
    case noAssessment(String)
    case unknownRule(String)
    /// No `-e` and not exactly one environment in the database (the names, possibly none).
    case environmentRequired([String])
    /// An assessment id that the environment does not have (the id, the environment).
    case unknownAssessment(Int64, String)
    /// A comparison needs two assessments; the environment has one (its name).
    case nothingToCompare(String)

    public var description: String {
        switch self {
        case .unknownEnvironment(let name): "no environment named '\(name)' in the database (run 'import' first)"
        case .nothingImported(let name): "environment '\(name)' has no imported files"
        case .noAssessment(let name): "environment '\(name)' has no assessment yet (run 'assess' first)"
        case .unknownRule(let id): "no rule with id '\(id)' (see 'rules list')"
        case .environmentRequired(let names) where names.isEmpty:
            "the database has no environment yet (run 'import' first)"
        case .unknownAssessment(let id, let name):
            "environment '\(name)' has no assessment #\(id) (see 'environments list')"
        case .nothingToCompare(let name):
            "environment '\(name)' has a single assessment: assess again after a new export to compare"
        case .environmentRequired(let names):
            "the database holds \(names.count) environments (\(names.joined(separator: ", "))): choose one with -e NAME"
        }
    }
}
