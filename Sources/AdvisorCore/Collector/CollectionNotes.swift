import EstateModel
import RuleAPI

/// Adds to a *not assessed* result why its input is missing when the collector's manifest says:
/// the item of that server whose command the reason names failed, with its error and, when the
/// collector expects such a failure, why ("Get-DAMultiSite failed on DA01 when collected: …;
/// expected when multisite is not enabled").
enum CollectionNotes {
    static func annotate(_ findings: [Finding], collections: [CollectionManifest]) -> [Finding] {
        guard !collections.isEmpty else { return findings }
        return findings.map { finding in
            guard finding.outcome == .notAssessed else { return finding }
            let scope = finding.server.map(Server.identity(of:))
            let failures = collections.filter { manifest in
                scope == nil || Server.identity(of: manifest.host) == scope
            }.flatMap { manifest in manifest.items.filter(\.failed).map { (manifest.host, $0) } }
            let reason = finding.message.lowercased()
            let relevant = failures.filter { _, item in
                let cmdlet = item.command.split(separator: " ").first.map(String.init) ?? item.id
                return reason.contains(item.id.lowercased()) || reason.contains(cmdlet.lowercased())
            }
            guard !relevant.isEmpty else { return finding }
            var annotated = finding
            annotated.message +=
                " — "
                + relevant.map { host, item in
                    "\(item.id) failed on \(host) when collected: \(item.error ?? "no output")"
                        + (item.expected.map { " (expected when \($0))" } ?? "")
                }.joined(separator: "; ")
            return annotated
        }
    }
}
