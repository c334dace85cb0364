import Foundation
import RuleAPI

/// The report's diagnosis section: each group of failed connections with its meaning, the
/// findings consistent with it, what to collect next, and a timeline of failures per day.
extension ReportContext {
    /// What the collector script collected on each server and what failed (its manifests).
    func collectionContext() -> [String: Any] {
        let manifests = input.estate.collections
        return [
            "hasCollections": !manifests.isEmpty,
            "collections": manifests.map { manifest -> [String: Any] in
                let failed = manifest.items.filter(\.failed)
                return [
                    "host": text(manifest.host), "version": text(manifest.collectorVersion),
                    "collectedAt": text(manifest.collectedAt ?? ""), "osBuild": text(manifest.osBuild ?? ""),
                    "collected": manifest.items.count - failed.count, "failedCount": failed.count,
                    "failed": failed.map { item -> [String: Any] in
                        [
                            "id": text(item.id), "error": text(item.error ?? "no output"),
                            "expected": text(item.expected ?? ""), "hasExpected": item.expected != nil,
                        ]
                    },
                ]
            },
        ]
    }

    func diagnosisContext() -> [String: Any] {
        guard let diagnosis = input.diagnosis else { return ["hasDiagnosis": false] }
        let days = Set(diagnosis.groups.flatMap { $0.perDay.map(\.day) }).sorted()
        let maxPerDay = max(1, diagnosis.groups.flatMap { $0.perDay.map(\.failures) }.max() ?? 1)
        let slot = days.isEmpty ? 0 : 420.0 / Double(days.count)
        return [
            "hasDiagnosis": true,
            "hasDiagnosisGroups": !diagnosis.groups.isEmpty,
            "diagnosisFailures": diagnosis.groups.map(\.failures).reduce(0, +),
            "diagnosisOtherEvents": diagnosis.otherEvents,
            "timelineFirst": days.first ?? "", "timelineLast": days.last ?? "",
            "diagnosisGroups": diagnosis.groups.map { group -> [String: Any] in
                [
                    "name": text(group.name), "failures": group.failures, "computers": group.computers,
                    "users": group.users, "hasUsers": group.users > 0,
                    "connections": text(group.connections.joined(separator: ", ")),
                    "hasConnections": !group.connections.isEmpty,
                    "first": group.first, "last": group.last,
                    "meaning": text(group.meaning ?? ""), "hasMeaning": group.meaning != nil,
                    "sources": group.sources.map { ["url": $0] },
                    "explanations": group.explanations.map { explanation -> [String: Any] in
                        [
                            "ruleId": text(explanation.ruleId), "severity": explanation.severity,
                            "colour": Severity(rawValue: explanation.severity).flatMap { Self.severityColours[$0] }
                                ?? "#555",
                            "scope": text(explanation.server ?? "estate"), "message": text(explanation.message),
                        ]
                    },
                    "hasExplanations": !group.explanations.isEmpty,
                    "collectNext": text(group.collectNext ?? ""), "hasCollectNext": group.collectNext != nil,
                    // One bar per day of the whole diagnosis, so the groups' timelines line up.
                    "bars": group.perDay.compactMap { day -> [String: Any]? in
                        guard let index = days.firstIndex(of: day.day) else { return nil }
                        let height = Double(day.failures) / Double(maxPerDay) * 36
                        return [
                            "x": Self.format(Double(index) * slot), "y": Self.format(40 - height),
                            "width": Self.format(max(2, slot * 0.8)), "height": Self.format(height),
                            "label": "\(day.day): \(day.failures)",
                        ]
                    },
                ]
            },
        ]
    }
}
