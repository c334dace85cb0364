import Foundation
import InputErrors
import RuleAPI
import Yams

/// Typed reads from YAML nodes, each failure naming the file and line (plan and configuration files).
public struct YAMLReader: Sendable {
    public let file: String

    public init(file: String) { self.file = file }

    /// Parses `text` into its root node (nil for an empty document).
    public func compose(_ text: String) throws -> Node? {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw InputError(
                file: file, line: Self.line(of: error), message: "not valid YAML: \(Self.problem(of: error))")
        } catch {
            throw InputError(file: file, line: 0, message: "not valid YAML: \(error)")
        }
        if let root {
            // Aliases repeat what they point at: a few lines of anchors can stand for billions of
            // nodes. Settings files are small, so a document past this size is refused.
            var budget = Self.maxNodes
            guard Self.fits(root, budget: &budget) else {
                throw InputError(
                    file: file, line: 0,
                    message: "the document expands to more than \(Self.maxNodes) values (aliases repeating anchors?)")
            }
        }
        return root
    }

    /// The most values a settings file may expand to.
    public static let maxNodes = 100_000

    private static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping where !fits(key, budget: &budget) || !fits(value, budget: &budget) {
                return false
            }
        case .sequence(let sequence):
            for item in sequence where !fits(item, budget: &budget) { return false }
        default:
            break
        }
        return true
    }

    /// A key written with no value (`key:`) is the same as an absent key: a plan gap.
    public static func isEmpty(_ node: Node) -> Bool {
        if case .scalar = node, node.null != nil { return true }
        return false
    }

    public func error(_ node: Node, _ message: String) -> InputError {
        InputError(file: file, line: node.mark?.line ?? 0, message: message)
    }

    public func mapping(_ node: Node, _ what: String, keys: [String]) throws -> Node.Mapping {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping of keys to values") }
        for key in mapping.keys {
            let name = key.string ?? ""
            guard keys.contains(name) else {
                let hint = NearestName.nearest(to: name, in: keys).map { " (did you mean '\($0)'?)" } ?? ""
                throw error(key, "unknown key '\(name)' in \(what)\(hint); valid keys: \(keys.joined(separator: ", "))")
            }
        }
        return mapping
    }

    public func string(_ node: Node, _ key: String) throws -> String {
        guard case .scalar = node, let text = node.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(node, "\(key) must be a non-empty text value")
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    public func strings(_ node: Node, _ key: String) throws -> [String] {
        if case .scalar = node, node.null != nil { return [] }
        if case .scalar = node {
            return try string(node, key).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard case .sequence = node else { throw error(node, "\(key) must be a list") }
        return try node.array().map { try string($0, key) }
    }

    public func int(_ node: Node, _ key: String) throws -> Int {
        guard case .scalar = node, let value = node.int else { throw error(node, "\(key) must be a whole number") }
        return value
    }

    public func bool(_ node: Node, _ key: String) throws -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error(node, "\(key) must be true or false") }
        return value
    }

    /// One of `T`'s raw values; lower-cased first unless `exact` (camelCase names such as entities).
    public func choice<T: RawRepresentable & CaseIterable>(
        _ node: Node, _ key: String, _ type: T.Type,
        exact: Bool = false
    ) throws -> T where T.RawValue == String {
        let text = try string(node, key)
        guard let value = T(rawValue: exact ? text : text.lowercased()) else {
            let names = T.allCases.map(\.rawValue)
            let hint = NearestName.nearest(to: text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw error(node, "\(key) '\(text)' is not one of \(names.joined(separator: ", "))\(hint)")
        }
        return value
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 0
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default: "\(error)"
        }
    }
}
