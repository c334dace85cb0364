/// The `manifest.json` the collector script (`Export-AovpnEstate.ps1`) writes beside each server's
/// files: who collected what, when, and which items failed and why. Failed items explain the
/// rules the export could not assess ("Get-DAMultiSite failed on DA01: …").
public struct CollectionManifest: Codable, Hashable, Sendable {
    public struct Item: Codable, Hashable, Sendable {
        public var id: String
        public var command: String
        public var file: String
        /// `ok` or `failed`.
        public var status: String
        public var error: String?
        /// Why such a failure is expected on some servers (the collector's own note).
        public var expected: String?

        public init(
            id: String, command: String, file: String, status: String, error: String? = nil, expected: String? = nil
        ) {
            self.id = id
            self.command = command
            self.file = file
            self.status = status
            self.error = error
            self.expected = expected
        }

        public var failed: Bool { status.lowercased() == "failed" }
    }

    public var host: String
    public var collectorVersion: String
    public var osBuild: String?
    public var collectedAt: String?
    public var items: [Item]
    public var evidence: Evidence

    public init(
        host: String, collectorVersion: String, osBuild: String? = nil, collectedAt: String? = nil, items: [Item],
        evidence: Evidence
    ) {
        self.host = host
        self.collectorVersion = collectorVersion
        self.osBuild = osBuild
        self.collectedAt = collectedAt
        self.items = items
        self.evidence = evidence
    }
}
