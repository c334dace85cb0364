import EstateModel
import Foundation
import InputErrors
import XMLKit

/// Imports a bundle: recognises each file's format from its content and hands it to its importer.
/// Any file that fails makes the whole import fail (nothing is half imported), unless the caller
/// asks to keep going: then the malformed files are refused, listed, and the rest lands.
public enum EstateImporter {
    /// A file that was not imported, and why.
    public struct Skipped: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// A recognised file that is malformed, refused with `keepGoing` (nothing of it is kept).
    public struct Refused: Sendable, Equatable {
        public var path: String
        public var line: Int
        public var problem: String
    }

    /// The result of importing a bundle.
    public struct Result: Sendable {
        public var bundleName: String
        public var files: [(import: FileImport, sha256: String)]
        public var skipped: [Skipped]
        /// Malformed files left out (only with `keepGoing`; without it the first one throws).
        public var refused: [Refused] = []
        /// Files the sink already had (same path, same SHA-256): not read again.
        public var alreadyImported: [String] = []

        /// All files merged into one estate (without the NRPT rules a streaming sink took).
        public var estate: Estate {
            var estate = Estate()
            for file in files { estate.merge(file.import.estate) }
            return estate
        }
    }

    /// Recognises the format of `data` (a file's first bytes) from its content, or nil.
    public static func detectFormat(_ data: Data, registry: ImporterRegistry = .standard) -> ExportFormat? {
        registry.importer(for: FileHead(data.prefix(FileHead.byteCount)))?.format
    }

    /// Exports administrators collect that this version recognises but does not read, named so that
    /// a skipped file says what it is: nil for anything else.
    public static func knownButNotRead(_ data: Data) -> String? {
        if data.starts(with: Array("ElfFile".utf8)) {
            return
                "Windows event log (.evtx) is binary: convert it with wevtutil qe FILE.evtx /lf:true /f:xml > FILE.xml and import the XML"
        }
        let text = TextDecoder.lenientPrefix(data.prefix(8192))
        if text.contains("gpmc_reportInitialized") {
            return
                "Group Policy HTML report (gpresult /h, Get-GPOReport -ReportType Html): not read; export it as XML instead (gpresult /x FILE.xml, or Get-GPOReport -All -ReportType Xml)"
        }
        return nil
    }

    /// Imports one file as `format` (`bundle` resolves NGINX includes), whole in memory.
    public static func importFile(
        _ file: ImportedFile, as format: ExportFormat, bundle: [ImportedFile], registry: ImporterRegistry = .standard
    ) throws -> FileImport {
        let sink = CollectingSink()
        let imported = try importFile(
            file, as: format, context: ImportContext(bundle: bundle, nrptRules: NrptRuleWriter(sink: sink)),
            registry: registry)
        try sink.finish(imported, sha256: "")
        return sink.files[0]
    }

    /// Imports one file; NRPT rules go to the context's writer as they are read (flushed before returning).
    static func importFile(
        _ file: ImportedFile, as format: ExportFormat, context: ImportContext, registry: ImporterRegistry,
        privateKeyLocation: String = "PEM block"
    ) throws -> FileImport {
        let imported: FileImport
        if format == .privateKey {
            var presence = Estate()
            presence.secrets.append(SecretPresence(kind: "private key", file: file.path, location: privateKeyLocation))
            imported = FileImport(
                file: file, format: .privateKey, estate: presence, objectCounts: ["private keys (not stored)": 1])
        } else if let importer = registry.importer(of: format) {
            imported = try importer.importFile(file, context: context)
        } else {
            throw InputError(file: file.path, line: 0, message: "no importer reads the format \(format)")
        }
        try context.nrptRules.flush()
        return imported
    }

    /// Imports every recognised file of the bundle, whole in memory (see
    /// ``importBundle(_:into:progress:)`` for the streaming form).
    public static func importBundle(
        _ bundle: ExportBundle, keepGoing: Bool = false, keepUserNames: Bool = false,
        registry: ImporterRegistry = .standard,
        progress: ((_ done: Int, _ total: Int, _ file: String) -> Void)? = nil
    ) throws -> Result {
        let sink = CollectingSink()
        var result = try importBundle(
            bundle, into: sink, keepGoing: keepGoing, keepUserNames: keepUserNames, registry: registry,
            progress: progress)
        result.files = zip(sink.files, result.files).map { ($0, $1.sha256) }
        return result
    }

    /// Imports every recognised file of the bundle into `sink`, file by file, streaming. A
    /// recognised file that is malformed throws ``InputError`` (the sink's owner then drops
    /// everything). Unrecognised files are skipped and listed; a bundle with none recognised, or a
    /// single file that is not recognised, is an error. Files the sink already has are not read.
    /// With `keepGoing`, a malformed file is refused (the sink abandons it) and the others land;
    /// without it the import fails on it, after reading the rest so that the error can say how
    /// many other files were fine.
    public static func importBundle(
        _ bundle: ExportBundle, into sink: any ImportSink, keepGoing: Bool = false, keepUserNames: Bool = false,
        registry: ImporterRegistry = .standard,
        progress: ((_ done: Int, _ total: Int, _ file: String) -> Void)? = nil
    ) throws -> Result {
        var result = Result(bundleName: bundle.name, files: [], skipped: [])
        let formats = bundle.files.map { detectFormat($0.head(FileHead.byteCount), registry: registry) }
        // Files included by another file of the bundle (NGINX `include`) are read through that file.
        var includedBy: [String: String] = [:]
        for (file, format) in zip(bundle.files, formats) {
            guard let format, let importer = registry.importer(of: format) else { continue }
            for included in try importer.includedFiles(of: file, in: bundle.files) {
                includedBy[included.path] = file.path
            }
        }
        var recognised = 0
        for (index, file) in bundle.files.enumerated() {
            progress?(index + 1, bundle.files.count, file.path)
            if let includer = includedBy[file.path] {
                result.skipped.append(Skipped(path: file.path, reason: "included by \(includer)"))
                continue
            }
            // The SHA-256 and the private key scan. A file of a path this environment never
            // imported is scanned from the chunks its importer reads (the CLIXML importer does
            // it beside the parse): no pass of its own. Otherwise, and for a file no importer
            // recognises, a pass of its own comes first (its SHA-256 says whether it is new).
            var format = formats[index]
            let scanWhileReading = try format != nil && !sink.hasImported(path: file.path)
            var scan: FileScan?
            if !scanWhileReading {
                let first = try FileScan(file)
                if first.hasPrivateKey { format = .privateKey }
                scan = first
            }
            guard let format else {
                if file.size == 0 {
                    result.skipped.append(Skipped(path: file.path, reason: "empty file"))
                } else {
                    let known = knownButNotRead(file.head(8192))
                    result.skipped.append(
                        Skipped(path: file.path, reason: known ?? "format not recognised from its content"))
                }
                continue
            }
            recognised += 1
            guard try sink.begin(path: file.path, folder: file.serverHint, sha256: scan?.sha256, format: format) else {
                result.alreadyImported.append(file.path)
                continue
            }
            var context = ImportContext(bundle: bundle.files, nrptRules: NrptRuleWriter(sink: sink))
            context.keepUserNames = keepUserNames
            let scanner = scanWhileReading ? FileScanner() : nil
            context.scanner = scanner
            var outcome: Swift.Result<FileImport, InputError>
            do {
                outcome = .success(
                    try importFile(
                        file, as: format, context: context, registry: registry,
                        privateKeyLocation: scan?.privateKey ?? "PEM block"))
            } catch let error as InputError {
                outcome = .failure(error)
            }
            let digest: FileScan
            if let scan {
                digest = scan
            } else if let scanner, scanner.byteCount == file.size {
                digest = scanner.finish()
            } else {
                digest = try FileScan(file)  // the importer did not read it all in order
            }
            if scan == nil, let location = digest.privateKey {
                // What the importer made of it is dropped: only the key's presence lands.
                try sink.abandon(path: file.path)
                _ = try sink.begin(path: file.path, folder: file.serverHint, sha256: nil, format: .privateKey)
                outcome = .success(
                    try importFile(
                        file, as: .privateKey, context: context, registry: registry, privateKeyLocation: location))
            }
            switch outcome {
            case .success(let imported):
                try sink.finish(imported, sha256: digest.sha256)
                result.files.append((imported, digest.sha256))
            case .failure(let error):
                try sink.abandon(path: file.path)
                result.refused.append(Refused(path: file.path, line: error.line, problem: error.message))
            }
        }
        if let first = result.refused.first, !keepGoing {
            let fine = result.files.count + result.alreadyImported.count
            let others = result.refused.count - 1
            throw InputError(
                file: first.path, line: first.line,
                message:
                    "\(first.problem) (nothing was imported: \(fine) other file(s) were fine\(others > 0 ? ", \(others) more refused" : ""); use --keep-going to import the good files and list the refused ones)"
            )
        }
        if recognised == 0 {
            let detail = result.skipped.first.map { "\($0.path): \($0.reason)" } ?? "the bundle is empty"
            throw InputError(
                file: bundle.files.count == 1 ? bundle.files[0].path : bundle.name, line: 0,
                message:
                    "no CLIXML, .reg, netsh ras dump, ProfileXML or load balancer configuration found (\(detail)); the formats read are \(registry.formats.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return result
    }
}
