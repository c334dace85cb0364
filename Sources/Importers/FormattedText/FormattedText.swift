/// PowerShell's formatted text as `Out-File` writes it: the list view (`Name : value`, names
/// padded to one width, long and multi-line values continued on lines indented to the value
/// column) and the table view (a header, a line of dashes under each column, one row per object,
/// numbers right-aligned). A small, strict reader: the importers match the exact property sets
/// they know and leave anything else alone.
enum FormattedText {
    /// One `Name : value` of a list view, its value's lines joined with a line feed.
    struct Property: Equatable {
        var name: String
        var value: String
        /// 1-based line of the name.
        var line: Int
    }

    /// The records of a list view, each its properties in order. Blank lines do not separate
    /// records reliably (a certificate's multi-line ToString has blank lines between its sections
    /// and after its last one): a record ends where a property name repeats. A line indented to
    /// the value column continues the value, blank lines before it included.
    static func list(_ lines: [Substring]) -> [[Property]] {
        var records: [[Property]] = []
        var current: [Property] = []
        var blankLines = 0
        for (index, raw) in lines.enumerated() {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                blankLines += 1
                continue
            }
            if line.first?.isWhitespace == false, let separator = propertySeparator(in: line) {
                let name = line[..<separator.lowerBound].trimmingCharacters(in: .whitespaces)
                if current.contains(where: { $0.name == name }) {
                    records.append(current)
                    current = []
                }
                let value = line[separator.upperBound...].trimmingCharacters(in: .whitespaces)
                current.append(Property(name: name, value: value, line: index + 1))
            } else if !current.isEmpty {
                let continued = line.trimmingCharacters(in: .whitespaces)
                let last = current[current.count - 1].value
                let gap = String(repeating: "\n", count: blankLines)
                current[current.count - 1].value = last.isEmpty ? continued : last + gap + "\n" + continued
            }
            blankLines = 0
        }
        if !current.isEmpty { records.append(current) }
        return records
    }

    /// `" : "` or a trailing `" :"` after the (padded) name.
    private static func propertySeparator(in line: String) -> Range<String.Index>? {
        if let range = line.range(of: " : ") { return range }
        if line.hasSuffix(" :") { return line.index(line.endIndex, offsetBy: -2)..<line.endIndex }
        return nil
    }

    /// A table view: its column names and rows (cells trimmed, each row with its 1-based line);
    /// nil when the first non-blank lines are not a header and its dashes.
    static func table(_ lines: [Substring]) -> (
        columns: [String], rows: [(cells: [String], line: Int)], headerLine: Int
    )? {
        let numbered = lines.enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
        guard numbered.count >= 2 else { return nil }
        let header = String(numbered[0].element)
        let dashes = String(numbered[1].element)
        guard dashes.contains("-"), dashes.allSatisfy({ $0 == "-" || $0 == " " }) else { return nil }
        // Column spans come from the runs of dashes.
        var spans: [Range<Int>] = []
        var start: Int?
        for (offset, character) in dashes.enumerated() {
            if character == "-", start == nil { start = offset }
            if character == " ", let begin = start {
                spans.append(begin..<offset)
                start = nil
            }
        }
        if let begin = start { spans.append(begin..<dashes.count) }
        func cells(_ line: String) -> [String] {
            let characters = Array(line)
            return spans.enumerated().map { index, span in
                // A cell may spill over its dashes (right-aligned numbers, long values): up to the next column.
                let lower = min(span.lowerBound, characters.count)
                let upper = min(
                    index + 1 < spans.count ? spans[index + 1].lowerBound : characters.count, characters.count)
                return lower < upper ? String(characters[lower..<upper]).trimmingCharacters(in: .whitespaces) : ""
            }
        }
        let columns = cells(header)
        let rows = numbered.dropFirst(2).map { (cells: cells(String($0.element)), line: $0.offset + 1) }
        return (columns, rows, numbered[0].offset + 1)
    }
}
