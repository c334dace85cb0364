import Foundation
import RuleAPI

/// The report's "since the previous assessment" section and trend charts (inline SVG, no script).
extension ReportContext {
    /// Trend rows shown in the Markdown table (the charts show every assessment).
    static let trendRowsShown = 20
    static let chartWidth = 600
    static let chartHeight = 160
    static let lineColours = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#c62828", "#4e342e", "#558b2f"]

    func historyContext() -> [String: Any] {
        var context: [String: Any] = ["hasChanges": input.changes != nil, "hasTrend": input.history.count >= 2]
        if let changes = input.changes {
            let document = ChangesDocument(changes)
            context["changesFrom"] = document.fromAssessmentId
            context["changesFromDate"] = document.fromAssessedAt
            context["changesSummary"] = changes.summary
            context["changeGroups"] = [
                ("New since the previous assessment", document.new),
                ("Resolved since the previous assessment", document.resolved),
                ("Severity changed", document.severityChanged),
            ].filter { !$0.1.isEmpty }.map { title, entries -> [String: Any] in
                [
                    "title": title,
                    "entries": entries.map { entry -> [String: Any] in
                        [
                            "severity": entry.previousSeverity.map { "\($0) → \(entry.severity)" } ?? entry.severity,
                            "colour": Severity(rawValue: entry.severity).flatMap { Self.severityColours[$0] } ?? "#555",
                            "ruleId": text(entry.ruleId), "scope": text(entry.server ?? "estate"),
                            "message": text(entry.message), "excepted": entry.excepted,
                        ]
                    },
                ]
            }
        }
        guard input.history.count >= 2 else { return context }
        context["trendBars"] = trendBars()
        context["trendLines"] = trendLines()
        context["trendFirst"] = input.history.first?.assessmentId ?? 0
        context["trendLast"] = input.history.last?.assessmentId ?? 0
        context["trendCount"] = input.history.count
        context["chartWidth"] = Self.chartWidth + 40
        context["chartHeight"] = Self.chartHeight + 30
        context["trendRows"] = input.history.suffix(Self.trendRowsShown).map { trend -> [String: Any] in
            var row: [String: Any] = [
                "assessmentId": trend.assessmentId,
                "assessedAt": ISO8601DateFormatter().string(from: trend.assessedAt),
                "readiness": trend.overallReadiness.map { "\($0)%" } ?? "not assessed",
            ]
            for severity in Severity.allCases { row[severity.rawValue] = trend.activeBySeverity[severity] ?? 0 }
            return row
        }
        context["trendRowsOmitted"] = max(0, input.history.count - Self.trendRowsShown)
        context["hasTrendRowsOmitted"] = input.history.count > Self.trendRowsShown
        return context
    }

    /// One stacked bar per assessment: active findings per severity, most severe at the bottom.
    private func trendBars() -> [[String: Any]] {
        let history = input.history
        let maxTotal = max(1, history.map { $0.activeBySeverity.values.reduce(0, +) }.max() ?? 1)
        let slot = Double(Self.chartWidth) / Double(history.count)
        let width = max(1.0, slot * 0.8)
        var rects: [[String: Any]] = []
        for (index, trend) in history.enumerated() {
            var bottom = Double(Self.chartHeight)
            for severity in Severity.allCases.reversed() {
                let count = trend.activeBySeverity[severity] ?? 0
                guard count > 0 else { continue }
                let height = Double(count) / Double(maxTotal) * Double(Self.chartHeight - 10)
                bottom -= height
                rects.append([
                    "x": Self.format(30 + Double(index) * slot), "y": Self.format(bottom),
                    "width": Self.format(width), "height": Self.format(height),
                    "colour": Self.severityColours[severity] ?? "#555",
                    "label": "#\(trend.assessmentId) \(severity.rawValue): \(count)",
                ])
            }
        }
        return rects
    }

    /// One line per module: readiness in percent, broken where the module was not assessed.
    private func trendLines() -> [[String: Any]] {
        let history = input.history
        var modules: [String] = []
        for trend in history {
            for readiness in trend.moduleReadiness where !modules.contains(readiness.module) {
                modules.append(readiness.module)
            }
        }
        let step = history.count > 1 ? Double(Self.chartWidth) / Double(history.count - 1) : 0
        return modules.enumerated().map { moduleIndex, module -> [String: Any] in
            var segments: [[String]] = [[]]
            for (index, trend) in history.enumerated() {
                guard let percent = trend.moduleReadiness.first(where: { $0.module == module })?.percent else {
                    if !(segments.last?.isEmpty ?? true) { segments.append([]) }
                    continue
                }
                let y = Double(Self.chartHeight) - Double(percent) / 100 * Double(Self.chartHeight - 10)
                segments[segments.count - 1].append("\(Self.format(30 + Double(index) * step)),\(Self.format(y))")
            }
            let latest = history.last?.moduleReadiness.first { $0.module == module }?.percent
            return [
                "module": text(module), "colour": Self.lineColours[moduleIndex % Self.lineColours.count],
                "segments": segments.filter { !$0.isEmpty }.map { ["points": $0.joined(separator: " ")] },
                "latest": latest.map { "\($0)%" } ?? "not assessed",
            ]
        }
    }

    /// A coordinate with one decimal.
    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
