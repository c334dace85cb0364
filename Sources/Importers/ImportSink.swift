import EstateModel

/// Receives an import as it is read, file by file, so that a large file never sits whole in
/// memory: NRPT rules (tens of thousands in a large estate) arrive in batches while the file
/// streams, everything else when the file is done. The store's implementation writes them all
/// inside one transaction, so an import still lands whole or not at all.
public protocol ImportSink: AnyObject {
    /// Whether a file of this path (any content) was imported before: only then is its SHA-256
    /// needed before it is read (otherwise it is worked out while the file is read).
    func hasImported(path: String) throws -> Bool
    /// Called before `path` is read (`folder`: the server folder it came from, ``ImportedFile/serverHint``).
    /// Returns false when it was already imported (same path in the bundle, same SHA-256): the
    /// file is then not read at all. A nil `sha256` (a path not imported before) comes with
    /// ``finish(_:sha256:)`` once the file has been read.
    func begin(path: String, folder: String, sha256: String?, format: ExportFormat) throws -> Bool
    /// NRPT rules of `server` from the file being read, in file order.
    func receive(nrptRules: [NrptRule], server: String) throws
    /// The file is read: everything else it said (its estate holds no NRPT rules passed to
    /// ``receive(nrptRules:server:)``), and its SHA-256.
    func finish(_ file: FileImport, sha256: String) throws
    /// The file begun last was refused (malformed) and the import goes on without it
    /// (`--keep-going`): forget what was received of it.
    func abandon(path: String) throws
}

/// Hands an importer's NRPT rules to the sink in batches of ``batchSize``.
final class NrptRuleWriter {
    static let batchSize = 1_000
    private let sink: any ImportSink
    private var batch: [NrptRule] = []
    private var batchServer = ""
    /// Rules written so far.
    private(set) var count = 0

    init(sink: any ImportSink) { self.sink = sink }

    func write(_ rules: some Sequence<NrptRule>, server: String) throws {
        for rule in rules { try write(rule, server: server) }
    }

    func write(_ rule: NrptRule, server: String) throws {
        if server != batchServer || batch.count >= Self.batchSize { try flush() }
        batchServer = server
        batch.append(rule)
        count += 1
    }

    /// Sends what is pending; called before the file's `finish`.
    func flush() throws {
        guard !batch.isEmpty else { return }
        try sink.receive(nrptRules: batch, server: batchServer)
        batch.removeAll(keepingCapacity: true)
    }
}

/// The sink of ``EstateImporter/importBundle(_:progress:)``: keeps every file whole in memory
/// (its NRPT rules back in its estate), for callers that want the estate itself.
final class CollectingSink: ImportSink {
    private(set) var files: [FileImport] = []
    private var pending: [(server: String, rules: [NrptRule])] = []

    func hasImported(path: String) throws -> Bool { false }

    func begin(path: String, folder: String, sha256: String?, format: ExportFormat) throws -> Bool { true }

    func receive(nrptRules: [NrptRule], server: String) throws {
        if let last = pending.last, last.server == server {
            pending[pending.count - 1].rules += nrptRules
        } else {
            pending.append((server, nrptRules))
        }
    }

    func finish(_ file: FileImport, sha256: String) throws {
        var file = file
        file.estate.attach(nrptRules: pending)
        pending = []
        files.append(file)
    }

    func abandon(path: String) throws { pending = [] }
}
