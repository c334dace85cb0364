import EstateModel
import Foundation
import RuleAPI

/// An external rule plugin: any executable speaking protocol version 1 (Docs/plugins.md).
/// `PATH describe` prints the plugin's rules; `PATH assess` reads the estate as JSON on stdin and
/// prints findings. It runs without a shell, with a timeout; whatever goes wrong with it becomes a
/// warning naming the plugin, never a failed assessment.
public struct ExternalPlugin: Sendable {
    public static let protocolVersion = 1

    public let path: String
    public let timeout: TimeInterval

    public init(path: String, timeout: TimeInterval = 30) {
        self.path = path
        self.timeout = timeout
    }

    /// `describe`'s answer.
    public struct Description: Codable, Sendable, Equatable {
        public struct RuleEntry: Codable, Sendable, Equatable {
            public var id: String
            public var module: String
            public var severity: Severity
            public var title: String
        }
        public var `protocol`: Int
        public var name: String
        public var version: String
        public var rules: [RuleEntry]
    }

    /// `assess`'s answer.
    struct Answer: Decodable {
        struct Entry: Decodable {
            var ruleId: String
            var severity: Severity?
            var server: String?
            var message: String
            var evidence: [Evidence]?
            var remediation: String?
        }
        var findings: [Entry]
    }

    /// What running the plugin gave: findings (marked with the plugin's name), warnings, and its
    /// standard error for the run log.
    public struct Outcome: Sendable {
        public var name: String
        /// What `describe` said: the plugin's version and its rules (empty when it could not say).
        public var version: String?
        public var declared: [Description.RuleEntry] = []
        public var findings: [Finding] = []
        public var warnings: [String] = []
        public var log: String = ""
    }

    /// The rule ids `describe` declares (empty when the plugin cannot describe itself; the
    /// assessment then reports why).
    public func declaredRuleIds() -> [String] {
        let described = ProcessRun(path: path, arguments: ["describe"], input: Data(), timeout: timeout).run()
        guard described.failure(of: "describe") == nil,
            let description = try? JSONDecoder().decode(Description.self, from: described.stdout)
        else { return [] }
        return description.rules.map(\.id)
    }

    /// Runs `describe` then `assess` on `estate`.
    public func assess(_ estate: Estate, environment: String) -> Outcome {
        var outcome = Outcome(name: (path as NSString).lastPathComponent)
        let described = ProcessRun(path: path, arguments: ["describe"], input: Data(), timeout: timeout).run()
        outcome.log += described.stderr
        guard let failure = described.failure(of: "describe") else {
            let description: Description
            do { description = try JSONDecoder().decode(Description.self, from: described.stdout) } catch {
                outcome.warnings.append(
                    "plugin \(outcome.name): 'describe' printed invalid JSON (\(Self.reason(error)))")
                return outcome
            }
            outcome.name = description.name
            outcome.version = description.version
            outcome.declared = description.rules
            guard description.protocol == Self.protocolVersion else {
                outcome.warnings.append(
                    "plugin \(description.name): speaks protocol \(description.protocol), this tool speaks \(Self.protocolVersion)"
                )
                return outcome
            }
            return assess(estate, environment: environment, description: description, outcome: outcome)
        }
        outcome.warnings.append("plugin \(outcome.name): \(failure)")
        return outcome
    }

    private func assess(_ estate: Estate, environment: String, description: Description, outcome: Outcome) -> Outcome {
        var outcome = outcome
        let input: Data
        do { input = try Self.assessInput(estate, environment: environment) } catch {
            outcome.warnings.append("plugin \(description.name): cannot encode the estate (\(error))")
            return outcome
        }
        let assessed = ProcessRun(path: path, arguments: ["assess"], input: input, timeout: timeout).run()
        outcome.log += assessed.stderr
        if let failure = assessed.failure(of: "assess") {
            outcome.warnings.append("plugin \(description.name): \(failure)")
            return outcome
        }
        let answer: Answer
        do { answer = try JSONDecoder().decode(Answer.self, from: assessed.stdout) } catch {
            outcome.warnings.append("plugin \(description.name): 'assess' printed invalid JSON (\(Self.reason(error)))")
            return outcome
        }
        let declared = Dictionary(description.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var undeclared = Set<String>()
        for entry in answer.findings {
            guard let rule = declared[entry.ruleId] else {
                undeclared.insert(entry.ruleId)
                continue
            }
            outcome.findings.append(
                Finding(
                    ruleId: rule.id, module: rule.module, severity: entry.severity ?? rule.severity,
                    server: entry.server, title: rule.title, message: entry.message,
                    evidence: entry.evidence ?? [], remediation: entry.remediation ?? "",
                    outcome: .finding, plugin: description.name))
        }
        if !undeclared.isEmpty {
            outcome.warnings.append(
                "plugin \(description.name): reported rule id(s) it did not declare, ignored: \(undeclared.sorted().joined(separator: ", "))"
            )
        }
        return outcome
    }

    /// The estate as the plugin reads it: the documented model with `"protocol": 1` at the top.
    static func assessInput(_ estate: Estate, environment: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard var object = try JSONSerialization.jsonObject(with: try encoder.encode(estate)) as? [String: Any] else {
            throw CocoaError(.coderInvalidValue)
        }
        object["protocol"] = protocolVersion
        object["environment"] = environment
        return try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func reason(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        if case DecodingError.keyNotFound(let key, _) = error { return "missing \(key.stringValue)" }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        if case DecodingError.valueNotFound(_, let context) = error {
            return "missing value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }
}
