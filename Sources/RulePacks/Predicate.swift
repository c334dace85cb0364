import EstateModel
import Foundation

/// A condition over an entity's fields: comparisons combined with all, any and not.
public indirect enum Predicate: Sendable {
    case all([Predicate])
    case any([Predicate])
    case not(Predicate)
    case compare(field: String, op: Operator, operand: JSONValue)
    case matches(field: String, regex: NSRegularExpressionBox)
    case exists(field: String, Bool)

    public enum Operator: String, CaseIterable, Sendable {
        case eq, ne, lt, le, gt, ge, `in` = "in", notIn = "not-in"
    }

    /// The field paths the predicate reads.
    public var fields: [String] {
        switch self {
        case .all(let list), .any(let list): list.flatMap(\.fields)
        case .not(let inner): inner.fields
        case .compare(let field, _, _), .matches(let field, _), .exists(let field, _): [field]
        }
    }

    /// Whether the predicate holds for `object`, with the evidence of the values that made it hold.
    func evaluate(_ object: [String: JSONValue]) -> (holds: Bool, evidence: [Evidence]) {
        switch self {
        case .all(let list):
            var evidence: [Evidence] = []
            for predicate in list {
                let result = predicate.evaluate(object)
                guard result.holds else { return (false, []) }
                evidence += result.evidence
            }
            return (true, evidence)
        case .any(let list):
            var evidence: [Evidence] = []
            var holds = false
            for predicate in list {
                let result = predicate.evaluate(object)
                if result.holds {
                    holds = true
                    evidence += result.evidence
                }
            }
            return (holds, holds ? evidence : [])
        case .not(let inner):
            return (!inner.evaluate(object).holds, [])
        case .exists(let field, let expected):
            let values = FieldPath.resolve(field, in: object)
            return (values.isEmpty != expected, values.compactMap(\.evidence))
        case .matches(let field, let regex):
            let hits = FieldPath.resolve(field, in: object).filter { value in
                let text = value.value.text
                return regex.value.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            }
            return (!hits.isEmpty, hits.compactMap(\.evidence))
        case .compare(let field, let op, let operand):
            let values = FieldPath.resolve(field, in: object)
            switch op {
            case .ne:
                let holds = !values.isEmpty && !values.contains { Self.equal($0.value, operand) }
                return (holds, holds ? values.compactMap(\.evidence) : [])
            case .notIn:
                let options = operand.array ?? []
                let hits = values.filter { value in !options.contains { Self.equal(value.value, $0) } }
                return (!values.isEmpty && hits.count == values.count, hits.compactMap(\.evidence))
            default:
                let hits = values.filter { Self.test($0.value, op, operand) }
                return (!hits.isEmpty, hits.compactMap(\.evidence))
            }
        }
    }

    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a.caseInsensitiveCompare(b) == .orderedSame
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .string(let b)), (.string(let b), .number(let a)): Double(b) == a
        default: false
        }
    }

    static func test(_ value: JSONValue, _ op: Operator, _ operand: JSONValue) -> Bool {
        switch op {
        case .eq: return equal(value, operand)
        case .in: return (operand.array ?? []).contains { equal(value, $0) }
        case .lt, .le, .gt, .ge:
            guard case .number(let bound) = operand else { return false }
            let number: Double
            switch value {
            case .number(let n): number = n
            case .string(let s):
                guard let n = Double(s) else { return false }
                number = n
            default: return false
            }
            switch op {
            case .lt: return number < bound
            case .le: return number <= bound
            case .gt: return number > bound
            default: return number >= bound
            }
        case .ne, .notIn: return false  // handled over the whole list
        }
    }
}

/// NSRegularExpression is not Sendable; compiled once at load and only read afterwards.
public struct NSRegularExpressionBox: @unchecked Sendable {
    public let value: NSRegularExpression
}

/// Resolving a dotted path in an entity: lists are flattened (a path through a list reads every
/// element), facts give their value and evidence.
enum FieldPath {
    struct Resolved {
        var value: JSONValue
        var evidence: Evidence?
    }

    static func resolve(_ path: String, in object: [String: JSONValue]) -> [Resolved] {
        resolve(path.split(separator: ".").map(String.init)[...], .object(object), evidence: nil)
    }

    private static func resolve(_ parts: ArraySlice<String>, _ value: JSONValue, evidence: Evidence?) -> [Resolved] {
        if value.isFact, let fact = value.object, let inner = fact["value"] {
            let factEvidence = fact["evidence"]?.evidence ?? evidence
            return resolve(parts, inner, evidence: factEvidence)
        }
        if case .array(let list) = value {
            return list.flatMap { resolve(parts, $0, evidence: evidence) }
        }
        guard let head = parts.first else {
            if case .null = value { return [] }
            return [Resolved(value: value, evidence: evidence)]
        }
        guard let next = value.object?[head] else { return [] }
        return resolve(parts.dropFirst(), next, evidence: evidence)
    }
}
