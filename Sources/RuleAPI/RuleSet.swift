/// The rules one assessment ran and the choices it ran them with, stored with the assessment so
/// that `report` and `plan` read back exactly what ran instead of rebuilding it from code: a
/// disabled rule is never "ready", a pack rule that ran is always listed. In `report.json` as
/// `ruleSet` (additive, since 0.4).
public struct RuleSet: Codable, Sendable, Equatable {
    /// One rule that ran.
    public struct Rule: Codable, Sendable, Equatable {
        public var id: String
        public var module: String
        public var severity: Severity
        public var title: String
        /// `built-in`, `pack NAME`, or `plugin NAME`.
        public var source: String
        public init(id: String, module: String, severity: Severity, title: String, source: String) {
            self.id = id
            self.module = module
            self.severity = severity
            self.title = title
            self.source = source
        }
    }

    /// A rule pack file that was loaded, with the SHA-256 of its content.
    public struct Pack: Codable, Sendable, Equatable {
        public var name: String
        public var file: String
        public var sha256: String
        public init(name: String, file: String, sha256: String) {
            self.name = name
            self.file = file
            self.sha256 = sha256
        }
    }

    /// An external plugin that ran.
    public struct Plugin: Codable, Sendable, Equatable {
        public var name: String
        public var version: String?
        public init(name: String, version: String?) {
            self.name = name
            self.version = version
        }
    }

    public var rules: [Rule]
    /// The IKEv2 baseline the assessment used (`--baseline` or the plan's), if any.
    public var baseline: String?
    /// Rule ids the configuration disabled (they did not run).
    public var disabled: [String]
    public var packs: [Pack]
    public var plugins: [Plugin]

    public init(rules: [Rule], baseline: String?, disabled: [String], packs: [Pack], plugins: [Plugin]) {
        self.rules = rules
        self.baseline = baseline
        self.disabled = disabled
        self.packs = packs
        self.plugins = plugins
    }
}
