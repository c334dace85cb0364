import Foundation
import InputErrors
import RuleAPI
import SettingsYAML
import Yams

/// Reads and validates rule packs. Every mistake (unknown key, field, operator, entity or
/// severity; an operand of the wrong type; a bad regex; a duplicate id) is an error naming the
/// file, the line and, where one exists, the nearest valid name.
public struct RulePackLoader {
    /// Ids that packs may not reuse (the built-in rules').
    public var reservedIds: Set<String>

    public init(reservedIds: Set<String>) { self.reservedIds = reservedIds }

    static let packKeys = ["pack", "rules"]
    static let ruleKeys = [
        "id", "module", "severity", "title", "rationale", "message", "remediation", "references", "match", "examples",
    ]
    static let matchKeys = ["entity", "when", "requires", "where"]
    static let exampleKeys = ["triggering", "nonTriggering"]
    static let predicateKeys =
        ["all", "any", "not", "field", "exists", "matches"] + Predicate.Operator.allCases.map(\.rawValue)

    /// Every `.yml`/`.yaml` file of a directory (not recursive), sorted by name.
    public func loadDirectory(_ path: String) throws -> [RulePack] {
        let url = URL(fileURLWithPath: path)
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: url.path) } catch {
            throw InputError(
                file: path, line: 0, message: "cannot read the rule pack directory: \(error.localizedDescription)")
        }
        var packs: [RulePack] = []
        var loader = self
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let pack = try loader.load(file: url.appendingPathComponent(name).path)
            loader.reservedIds.formUnion(pack.rules.map(\.id))
            packs.append(pack)
        }
        return packs
    }

    public func load(file: String) throws -> RulePack {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw InputError(
                file: file, line: 0, message: "cannot read the rule pack: \(error.localizedDescription)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: file)
    }

    public func parse(_ text: String, file: String) throws -> RulePack {
        let reader = YAMLReader(file: file)
        guard let root = try reader.compose(text) else {
            throw InputError(file: file, line: 0, message: "the rule pack is empty")
        }
        let top = try reader.mapping(root, "the rule pack", keys: Self.packKeys)
        var name = (file as NSString).lastPathComponent
        var rules: [DeclarativeRule] = []
        var seen = reservedIds
        for (key, value) in top {
            if key.string == "pack" {
                name = try reader.string(value, "pack")
                continue
            }
            guard case .sequence = value else { throw reader.error(value, "rules must be a list") }
            for node in value.array() {
                let rule = try parseRule(node, reader: reader)
                guard !seen.contains(rule.id) else {
                    throw reader.error(
                        node, "rule id '\(rule.id)' is already used (by a built-in rule or another pack rule)")
                }
                seen.insert(rule.id)
                rules.append(rule)
            }
        }
        return RulePack(name: name, file: file, rules: rules)
    }

    private func parseRule(_ node: Node, reader: YAMLReader) throws -> DeclarativeRule {
        let fields = try reader.mapping(node, "a rule", keys: Self.ruleKeys)
        func value(_ key: String) throws -> Node {
            guard let found = fields.first(where: { $0.key.string == key })?.value, !YAMLReader.isEmpty(found) else {
                throw reader.error(node, "a rule needs '\(key)'")
            }
            return found
        }
        let idNode = try value("id")
        let id = try reader.string(idNode, "id")
        guard id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
            throw reader.error(idNode, "rule id '\(id)' must be kebab-case (lowercase words joined by '-')")
        }
        let match = try reader.mapping(try value("match"), "match", keys: Self.matchKeys)
        func matchValue(_ key: String) -> Node? { match.first { $0.key.string == key }?.value }
        guard let entityNode = matchValue("entity") else {
            throw reader.error(try value("match"), "match needs 'entity'")
        }
        let entity = try reader.choice(entityNode, "entity", RuleEntity.self, exact: true)
        let valid = ModelSchema.fields(entity).map(\.path)
        guard let whereNode = matchValue("where") else {
            throw reader.error(try value("match"), "match needs 'where' (the condition of a finding)")
        }
        let condition = try parsePredicate(whereNode, reader: reader, valid: valid, entity: entity)
        let when = try matchValue("when").map { try parsePredicate($0, reader: reader, valid: valid, entity: entity) }
        let requires =
            try matchValue("requires").map { node in
                try reader.strings(node, "requires").map {
                    try checkField($0, node, reader: reader, valid: valid, entity: entity)
                }
            } ?? []
        let message = fields.first { $0.key.string == "message" }.map { $0.value }
        let messageText =
            try message.map { try reader.string($0, "message") }
            ?? "{{scope}}: \(try reader.string(try value("title"), "title"))."
        let remediation = try reader.string(try value("remediation"), "remediation")
        for (template, templateNode) in [(messageText, message ?? idNode), (remediation, try value("remediation"))] {
            try checkTemplate(template, templateNode, reader: reader, valid: valid, entity: entity)
        }
        let examples = try reader.mapping(try value("examples"), "examples", keys: Self.exampleKeys)
        func exampleList(_ key: String) throws -> [PackExample] {
            guard let list = examples.first(where: { $0.key.string == key })?.value, case .sequence = list,
                !list.array().isEmpty
            else {
                throw reader.error(try value("examples"), "examples need at least one '\(key)' example")
            }
            return try list.array().map { example in
                let entries = try reader.mapping(example, "an example", keys: ["summary", "estate"])
                guard let summary = entries.first(where: { $0.key.string == "summary" })?.value,
                    let estate = entries.first(where: { $0.key.string == "estate" })?.value, estate.mapping != nil
                else {
                    throw reader.error(
                        example,
                        "an example needs 'summary' and 'estate' (a partial estate: servers, loadBalancers, clientProfiles)"
                    )
                }
                return PackExample(
                    summary: try reader.string(summary, "summary"), estate: JSONValue.from(estate).object ?? [:],
                    line: example.mark?.line ?? 0)
            }
        }
        return DeclarativeRule(
            id: id, module: try reader.string(try value("module"), "module"),
            severity: try reader.choice(try value("severity"), "severity", Severity.self),
            title: try reader.string(try value("title"), "title"),
            rationale: try reader.string(try value("rationale"), "rationale"),
            message: messageText, remediation: remediation,
            references: try reader.strings(try value("references"), "references"),
            entity: entity, when: when, requires: requires, condition: condition,
            triggeringExamples: try exampleList("triggering"), nonTriggeringExamples: try exampleList("nonTriggering"),
            source: "\(reader.file):\(idNode.mark?.line ?? 0)")
    }

    private func checkField(_ field: String, _ node: Node, reader: YAMLReader, valid: [String], entity: RuleEntity)
        throws -> String
    {
        guard valid.contains(field) else {
            let hint =
                NearestName.nearest(to: field, in: valid, maxDistance: max(3, field.count / 3)).map {
                    " (did you mean '\($0)'?)"
                } ?? ""
            throw reader.error(
                node, "unknown field '\(field)' for \(entity.rawValue)\(hint); the fields are listed in Docs/model.md")
        }
        return field
    }

    private func checkTemplate(
        _ template: String, _ node: Node, reader: YAMLReader, valid: [String], entity: RuleEntity
    ) throws {
        for path in Template.paths(in: template) where path != "scope" {
            _ = try checkField(path, node, reader: reader, valid: valid, entity: entity)
        }
    }

    private func parsePredicate(_ node: Node, reader: YAMLReader, valid: [String], entity: RuleEntity) throws
        -> Predicate
    {
        let mapping = try reader.mapping(node, "a condition", keys: Self.predicateKeys)
        let keys = mapping.keys.compactMap(\.string)
        func sub(_ key: String) -> Node? { mapping.first { $0.key.string == key }?.value }
        if let list = sub("all") ?? sub("any") {
            guard keys.count == 1, case .sequence = list, !list.array().isEmpty else {
                throw reader.error(
                    node, "'\(keys.first ?? "all")' takes a non-empty list of conditions and nothing beside it")
            }
            let parts = try list.array().map { try parsePredicate($0, reader: reader, valid: valid, entity: entity) }
            return sub("all") != nil ? .all(parts) : .any(parts)
        }
        if let inner = sub("not") {
            guard keys.count == 1 else { throw reader.error(node, "'not' takes one condition and nothing beside it") }
            return .not(try parsePredicate(inner, reader: reader, valid: valid, entity: entity))
        }
        guard let fieldNode = sub("field") else {
            throw reader.error(
                node,
                "a condition is all, any, not, or 'field' with one operator (\(Predicate.Operator.allCases.map(\.rawValue).joined(separator: ", ")), matches, exists)"
            )
        }
        let field = try checkField(
            try reader.string(fieldNode, "field"), fieldNode, reader: reader, valid: valid, entity: entity)
        let operators = keys.filter { $0 != "field" }
        guard operators.count == 1, let name = operators.first, let operand = sub(name) else {
            throw reader.error(node, "a condition on '\(field)' needs exactly one operator")
        }
        switch name {
        case "exists":
            return .exists(field: field, try reader.bool(operand, "exists"))
        case "matches":
            let pattern = try reader.string(operand, "matches")
            do {
                return .matches(
                    field: field, regex: NSRegularExpressionBox(value: try NSRegularExpression(pattern: pattern)))
            } catch {
                throw reader.error(operand, "matches: '\(pattern)' is not a valid regular expression")
            }
        default:
            guard let op = Predicate.Operator(rawValue: name) else {
                throw reader.error(node, "unknown operator '\(name)'")
            }
            let value = JSONValue.from(operand)
            switch op {
            case .in, .notIn:
                guard case .array = value else { throw reader.error(operand, "'\(name)' takes a list of values") }
            case .lt, .le, .gt, .ge:
                guard case .number = value else { throw reader.error(operand, "'\(name)' takes a number") }
            case .eq, .ne:
                if case .array = value {
                    throw reader.error(operand, "'\(name)' takes one value (use 'in' for a list)")
                }
            }
            return .compare(field: field, op: op, operand: value)
        }
    }
}
