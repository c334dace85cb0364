import EstateModel
import Foundation
import RuleAPI

/// `report.csv`: one row per finding, for spreadsheets. Cells are quoted (RFC 4180) and a cell
/// that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is
/// prefixed with `'`.
enum CSVReport {
    static let header = ["ruleId", "module", "severity", "server", "title", "message", "evidence", "remediation"]

    static func render(_ input: ReportInput) -> String {
        var lines = [header.map(cell).joined(separator: ",")]
        for finding in input.firedFindings {
            let evidence = finding.evidence.map { "\($0.file) \($0.location): \($0.value)" }.joined(separator: "; ")
            lines.append(
                [
                    finding.ruleId, finding.module, finding.severity.rawValue, finding.server ?? "", finding.title,
                    finding.message, evidence, finding.remediation,
                ].map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        // Quotes doubled byte by byte: Foundation's replacing is slow on Linux.
        let quote = UInt8(ascii: "\"")
        var bytes: [UInt8] = [quote]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
    }
}
