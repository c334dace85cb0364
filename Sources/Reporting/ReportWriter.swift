import Foundation
import Mustache
import ReportTemplates

/// Renders the reports and writes them into the output folder (and nowhere else).
public struct ReportWriter: Sendable {
    public let input: ReportInput

    public init(input: ReportInput) { self.input = input }

    /// Renders one format.
    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .json:
            return String(decoding: try JSONReport(input).encoded(), as: UTF8.self)
        case .csv:
            return CSVReport.render(input)
        case .sarif:
            return String(decoding: try SARIFReport(input: input).encoded(), as: UTF8.self)
        case .html:
            let template = try MustacheTemplate(string: try ReportTemplates.template(named: "report.html"))
            return template.render(ReportContext(input: input, text: { $0 }).build())
        case .markdown:
            let template = try MustacheTemplate(string: try ReportTemplates.template(named: "report.md"))
            return template.render(ReportContext(input: input, text: MarkdownEscaping.escape).build())
        }
    }

    /// Writes `report.html`, `report.md`, `report.json`, `report.csv` and `report.sarif` (as asked) into `directory`,
    /// under these fixed names only: nothing from the input ever names a file.
    public func write(to directory: URL, formats: [ReportFormat]) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try formats.map { format in
            let url = directory.appendingPathComponent(format.fileName)
            try Data(try render(format).utf8).write(to: url, options: .atomic)
            return url
        }
    }
}
