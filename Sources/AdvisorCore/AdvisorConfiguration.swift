import Foundation
import InputErrors
import Planning
import RuleAPI
import SettingsYAML
import Yams

/// The configuration file (`aovpn-advisor.yml` in the working directory, or `--config FILE`):
/// rules to disable, severity overrides, and exceptions (accepted risks with an owner and an
/// expiry date). Documented in Docs/configuration.md.
public struct AdvisorConfiguration: Sendable, Equatable {
    /// Rule ids that do not run.
    public var disabled: Set<String> = []
    /// Rule id → the severity its findings get.
    public var severities: [String: Severity] = [:]
    public var exceptions: [RuleException] = []
    /// A directory of external plugins (every executable file in it), relative paths resolved
    /// against the configuration file's directory.
    public var pluginDirectory: String?
    /// Seconds each plugin command may run (default 30).
    public var pluginTimeout: Double?
    /// Every rule id the file names, with its place, checked by ``validate(ruleIds:)``.
    var ruleReferences: [(id: String, key: String, file: String, line: Int)] = []

    public init() {}

    public static func == (lhs: AdvisorConfiguration, rhs: AdvisorConfiguration) -> Bool {
        lhs.disabled == rhs.disabled && lhs.severities == rhs.severities && lhs.exceptions == rhs.exceptions
            && lhs.pluginDirectory == rhs.pluginDirectory && lhs.pluginTimeout == rhs.pluginTimeout
    }

    /// Checks every rule id the file names against `ruleIds` (built-in, rule packs, plugins):
    /// an unknown one is an error naming the file, the line and the nearest id.
    public func validate(ruleIds: [String]) throws {
        for reference in ruleReferences where !ruleIds.contains(reference.id) {
            let hint = NearestName.nearest(to: reference.id, in: ruleIds).map { " (did you mean '\($0)'?)" } ?? ""
            throw InputError(
                file: reference.file, line: reference.line,
                message: "\(reference.key): no rule with id '\(reference.id)'\(hint); see 'aovpn-advisor rules list'")
        }
    }

    /// The plugins of `pluginDirectory`, sorted by name.
    public func directoryPlugins() throws -> [String] {
        guard let pluginDirectory else { return [] }
        let url = URL(fileURLWithPath: pluginDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        return names.map { url.appendingPathComponent($0).path }.filter {
            !($0 as NSString).lastPathComponent.hasPrefix(".") && FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The file name looked for in the working directory.
    public static let defaultFileName = "aovpn-advisor.yml"

    /// One accepted risk.
    public struct RuleException: Sendable, Equatable {
        public var rule: String
        /// A server (short name or FQDN) or a finding's scope (`profile X (file)`, a virtual
        /// address); nil: every finding of the rule.
        public var server: String?
        public var reason: String
        public var owner: String
        /// `YYYY-MM-DD`, the last day it applies.
        public var expires: String

        public init(rule: String, server: String?, reason: String, owner: String, expires: String) {
            self.rule = rule
            self.server = server
            self.reason = reason
            self.owner = owner
            self.expires = expires
        }

        /// True when it matches the finding (rule, and server or scope when given).
        func matches(_ finding: Finding) -> Bool {
            guard finding.ruleId == rule else { return false }
            guard let server else { return true }
            guard let scope = finding.server else { return false }
            return scope.lowercased() == server.lowercased()
                || (!scope.contains(" ") && Self.identity(scope) == Self.identity(server))
        }

        static func identity(_ name: String) -> String {
            String(name.lowercased().split(separator: ".", maxSplits: 1).first ?? "")
        }
    }

    /// Applies severity overrides and exceptions to the findings of an assessment run on `date`.
    public func apply(to findings: [Finding], on date: Date) -> [Finding] {
        let today = Self.day(date)
        let applied = findings.map { finding in
            var finding = finding
            if let severity = severities[finding.ruleId] { finding.severity = severity }
            guard finding.outcome == .finding, let exception = exceptions.first(where: { $0.matches(finding) }) else {
                return finding
            }
            finding.exception = AppliedException(
                reason: exception.reason, owner: exception.owner, expires: exception.expires,
                expired: exception.expires < today)
            return finding
        }
        // Overridden severities keep the most-severe-first order (stable).
        return applied.enumerated().sorted {
            $0.element.severity != $1.element.severity
                ? $0.element.severity > $1.element.severity : $0.offset < $1.offset
        }.map(\.element)
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}

/// Reads the configuration file, validating every rule id and key (errors name file, line and
/// the nearest valid name).
public enum ConfigurationFile {
    static let keys = ["version", "disable", "severity", "exceptions", "plugins", "pluginTimeout"]
    static let exceptionKeys = ["rule", "server", "reason", "owner", "expires"]

    /// Reads the file; with `ruleIds` the rule ids it names are checked at once, without them the
    /// caller checks them with ``AdvisorConfiguration/validate(ruleIds:)`` once plugins are known.
    public static func load(path: String, ruleIds: [String]?) throws -> AdvisorConfiguration {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputError(
                file: path, line: 0, message: "cannot read the configuration file: \(error.localizedDescription)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path, ruleIds: ruleIds)
    }

    public static func parse(_ text: String, file: String, ruleIds: [String]?) throws -> AdvisorConfiguration {
        let reader = YAMLReader(file: file)
        var configuration = AdvisorConfiguration()
        guard let root = try reader.compose(text) else { return configuration }
        func ruleId(_ node: Node, _ key: String) throws -> String {
            let id = try reader.string(node, key)
            configuration.ruleReferences.append((id, key, file, node.mark?.line ?? 0))
            return id
        }
        for (keyNode, value) in try reader.mapping(root, "the configuration", keys: keys)
        where !YAMLReader.isEmpty(value) {
            switch keyNode.string ?? "" {
            case "version":
                guard try reader.int(value, "version") == 1 else {
                    throw reader.error(value, "only version 1 is supported")
                }
            case "disable":
                guard case .sequence = value else { throw reader.error(value, "disable must be a list of rule ids") }
                for node in value.array() { configuration.disabled.insert(try ruleId(node, "disable")) }
            case "plugins":
                let directory = try reader.string(value, "plugins")
                let base = URL(fileURLWithPath: file).deletingLastPathComponent()
                configuration.pluginDirectory =
                    directory.hasPrefix("/") ? directory : base.appendingPathComponent(directory).path
            case "pluginTimeout":
                let seconds = try reader.int(value, "pluginTimeout")
                guard seconds > 0 else {
                    throw reader.error(value, "pluginTimeout must be a positive number of seconds")
                }
                configuration.pluginTimeout = Double(seconds)
            case "severity":
                guard let mapping = value.mapping else {
                    throw reader.error(value, "severity must map rule ids to severities")
                }
                for (idNode, severityNode) in mapping {
                    configuration.severities[try ruleId(idNode, "severity")] = try reader.choice(
                        severityNode, "severity", Severity.self)
                }
            default:
                guard case .sequence = value else { throw reader.error(value, "exceptions must be a list") }
                for node in value.array() {
                    let fields = try reader.mapping(node, "an exception", keys: exceptionKeys)
                    var values: [String: (String, Node)] = [:]
                    for (key, field) in fields where !YAMLReader.isEmpty(field) {
                        values[key.string ?? ""] = (try reader.string(field, "exception \(key.string ?? "")"), field)
                    }
                    for required in ["rule", "reason", "owner", "expires"] where values[required] == nil {
                        throw reader.error(
                            node,
                            "an exception needs \(required) (rule, reason, owner and expires are required; server is optional)"
                        )
                    }
                    let rule = try ruleId(values["rule"]!.1, "exception rule")
                    let expires = values["expires"]!.0
                    guard expires.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else {
                        throw reader.error(values["expires"]!.1, "expires must be a date written YYYY-MM-DD")
                    }
                    configuration.exceptions.append(
                        .init(
                            rule: rule, server: values["server"]?.0, reason: values["reason"]!.0,
                            owner: values["owner"]!.0, expires: expires))
                }
            }
        }
        if let ruleIds { try configuration.validate(ruleIds: ruleIds) }
        return configuration
    }
}

extension AdvisorConfiguration {
    /// Checks the rule ids the configuration names against the built-in rules, `packs` and the
    /// rules the plugins declare (asked of the plugins only when the configuration names any id).
    public func validate(packs: [RulePack], plugins: [ExternalPlugin]) throws {
        var ids = RuleRegistry.all.map { $0.description.id } + packs.flatMap(\.rules).map(\.id)
        if !disabled.isEmpty || !severities.isEmpty || !exceptions.isEmpty {
            ids += plugins.flatMap { $0.declaredRuleIds() }
        }
        try validate(ruleIds: ids)
    }

    /// The configuration of `path`, else of ``defaultFileName`` in the working directory when it
    /// exists, else the empty configuration.
    public static func load(path: String?) throws -> AdvisorConfiguration {
        let chosen = path ?? (FileManager.default.fileExists(atPath: defaultFileName) ? defaultFileName : nil)
        guard let chosen else { return AdvisorConfiguration() }
        return try ConfigurationFile.load(path: chosen, ruleIds: nil)
    }
}
