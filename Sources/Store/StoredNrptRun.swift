import EstateModel
import Foundation
import GRDB

/// NRPT rules of one server from one import, kept in the store as rows of consecutive ids: read
/// a page at a time when an estate's rules are iterated (see ``NrptRuleList``). The last page
/// read is kept, so an iteration reads each page once.
final class StoredNrptRun: NrptRulePages, @unchecked Sendable {
    private let reader: any DatabaseReader
    private let firstId: Int64
    private let lock = NSLock()
    private var cached: (start: Int, rules: [NrptRule])?

    init(reader: any DatabaseReader, firstId: Int64) {
        self.reader = reader
        self.firstId = firstId
    }

    func rules(in range: Range<Int>) -> [NrptRule] {
        guard !range.isEmpty else { return [] }
        lock.lock()
        defer { lock.unlock() }
        if let cached, range.lowerBound >= cached.start, range.upperBound <= cached.start + cached.rules.count {
            return Array(cached.rules[(range.lowerBound - cached.start)..<(range.upperBound - cached.start)])
        }
        // A page aligned on the page size, so a one-rule read and an iteration share pages.
        let start = range.lowerBound / NrptRuleList.pageSize * NrptRuleList.pageSize
        let end = max(range.upperBound, start + NrptRuleList.pageSize)
        let page: [NrptRule]
        do {
            // Reentrant: the rules may be iterated while the store is in a read or write of its own.
            page = try reader.unsafeReentrantRead { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT name, namespaces, directAccessDnsServers, nameServers, source,
                               evidenceFile, evidenceLocation, evidenceValue
                        FROM nrptRule WHERE id >= ? AND id < ? ORDER BY id
                        """, arguments: [firstId + Int64(start), firstId + Int64(end)]
                ).map(Self.rule)
            }
        } catch {
            preconditionFailure("reading NRPT rules from the store failed: \(error)")
        }
        cached = (start, page)
        let upper = min(range.upperBound - start, page.count)
        return upper > range.lowerBound - start ? Array(page[(range.lowerBound - start)..<upper]) : []
    }

    /// A rule from its row (columns in the order of the statements that read them).
    static func rule(_ row: Row) -> NrptRule {
        NrptRule(
            name: row[0], namespaces: LineList.decode(row[1]), directAccessDnsServers: LineList.decode(row[2]),
            nameServers: LineList.decode(row[3]), source: row[4],
            evidence: Evidence(file: row[5], location: row[6], value: row[7]))
    }
}
