import EstateModel
import Foundation
import XMLKit

/// Imports a PowerShell `Export-Clixml` file (UTF-16LE with BOM from Windows PowerShell 5.1,
/// UTF-8 from PowerShell 7, or a remoting stream prefixed with `#< CLIXML`).
enum CliXmlImporter: Importer {
    static let format = ExportFormat.cliXml

    static func recognises(_ head: FileHead) -> Bool { head.isMarkup && recognises(String(head.start)) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(
            file, nrptRules: context.nrptRules, keepUserNames: context.keepUserNames, scanner: context.scanner)
    }

    /// True when the content is a CLIXML document: root `<Objs>` in the PowerShell namespace.
    static func recognises(_ head: String) -> Bool {
        head.contains("<Objs") && head.contains(CliXmlReader.namespace)
    }

    /// What the parse thread hands to the thread that maps: the bytes it read (for the scan) and
    /// the top-level values it read, in file order.
    private enum Piece {
        case bytes(Data)
        case values([(value: PSValue, line: Int)])
    }

    /// Top-level values per hand-over (a few hundred objects: small, and few hand-overs).
    static let valuesPerPiece = 256
    /// Pieces in flight between the threads (each at most a MiB of bytes or 256 objects).
    static let piecesInFlight = 8

    /// Reads the file on two threads: a worker parses (libxml2 and the object reader, the bulk
    /// classes built with the members the mapper reads only, see `bulk`) while this thread maps
    /// the objects, writes the NRPT rules (the store's connection stays on this thread) and
    /// feeds `scanner` the bytes read. A bounded channel between them keeps memory bounded.
    /// `bulk` false builds every object whole (the equivalence test).
    static func importFile(
        _ file: ImportedFile, nrptRules: NrptRuleWriter, keepUserNames: Bool = false, bulk: Bool = true,
        scanner: FileScanner? = nil
    ) throws -> FileImport {
        var mapper = CliXmlMapper(
            file: file.path, serverHint: file.serverHint, nrptRules: nrptRules, keepUserNames: keepUserNames)
        let channel = BoundedChannel<Piece>(capacity: piecesInFlight)
        var pending: [(value: PSValue, line: Int)] = []
        let cliXml = CliXmlReader(file: file.path, bulkMembers: bulk ? CliXmlMapper.bulkMembers : .none) {
            value, line in
            pending.append((value, line))
            if pending.count >= valuesPerPiece {
                try channel.send(.values(pending))
                pending = []
            }
        }
        let scanning = scanner != nil
        let parse = WorkerThread(name: "clixml parse") {
            do {
                try cliXml.read { parser in
                    // The file streams from disk in pieces; a remoting prefix needs the bytes first.
                    let head = file.head(64)
                    if strippingRemotingPrefix(head) == head {
                        try file.forEachChunk(chunkSize: 1 << 20) { chunk in
                            if scanning { try channel.send(.bytes(chunk)) }
                            try parser.feed(chunk)
                        }
                    } else {
                        let contents = try file.contents()
                        if scanning { try channel.send(.bytes(contents)) }
                        try parser.feed(strippingRemotingPrefix(contents))
                    }
                }
                if !pending.isEmpty { try channel.send(.values(pending)) }
                channel.close()
            } catch {
                channel.close(failure: error)
            }
        }
        do {
            while let piece = try channel.receive() {
                switch piece {
                case .bytes(let data): scanner?.update(data)
                case .values(let values): for (value, line) in values { try mapper.map(value, line: line) }
                }
            }
        } catch {
            channel.cancel()
            parse.join()
            throw error
        }
        parse.join()
        for line in cliXml.secureStringLines { mapper.secureString(at: line) }
        mapper.forgottenReferences(cliXml.forgottenReferences)
        mapper.finish()
        return FileImport(file: file, format: .cliXml, estate: mapper.estate, objectCounts: mapper.counts)
    }

    /// Remoting output starts with a `#< CLIXML` line before the document: drop that line, keep
    /// the BOM so libxml2 still sees the encoding.
    static func strippingRemotingPrefix(_ data: Data) -> Data {
        let (encoding, bom) = TextDecoder.detect(data)
        let unit = encoding == .utf16LE || encoding == .utf16BE ? 2 : 1
        let marker = "#< CLIXML"
        let markerBytes: [UInt8]
        switch encoding {
        case .utf16LE: markerBytes = marker.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: markerBytes = marker.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        default: markerBytes = Array(marker.utf8)
        }
        let body = data.dropFirst(bom)
        guard body.starts(with: markerBytes) else { return data }
        var index = body.startIndex
        while index + unit <= body.endIndex {
            let isNewline =
                encoding == .utf16BE
                ? body[index + 1] == 0x0A && body[index] == 0
                : body[index] == 0x0A && (unit == 1 || body[index + 1] == 0)
            if isNewline {
                return data.prefix(bom) + body[(index + unit)...]
            }
            index += unit
        }
        return data
    }
}
