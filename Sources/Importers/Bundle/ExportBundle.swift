import Foundation
import InputErrors
import ZIPFoundation

/// The files of one export: a folder (walked recursively), a `.zip`, or a single file.
public struct ExportBundle: Sendable {
    /// Name of the folder, zip (without extension) or file.
    public var name: String
    public var files: [ImportedFile]

    public init(name: String, files: [ImportedFile]) {
        self.name = name
        self.files = files
    }

    /// Limits that keep a hostile zip from exhausting memory.
    public struct Limits: Sendable {
        public var maxEntries = 10_000
        public var maxTotalBytes: UInt64 = 2 << 30
        public var maxEntryBytes: UInt64 = 1 << 30
        public var maxCompressionRatio: UInt64 = 200
        public init() {}
    }

    /// Reads `path`. A zip is recognised by its content (the `PK\u{3}\u{4}` signature), not its name.
    public static func read(path: String, limits: Limits = Limits()) throws -> ExportBundle {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, line: 0, message: "no such file or folder")
        }
        if isDirectory.boolValue { return try readFolder(url) }
        let head =
            (try? FileHandle(forReadingFrom: url)).flatMap { handle in
                defer { try? handle.close() }
                return try? handle.read(upToCount: 4)
            } ?? Data()
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try readZip(url, limits: limits)
        }
        // A single file: its folder names both the server (when the content does not) and the bundle.
        let folder = url.deletingLastPathComponent().standardizedFileURL.lastPathComponent
        let hint = serverHint(folder: folder, fileName: url.lastPathComponent)
        return ExportBundle(name: folder, files: [try file(at: url, path: url.lastPathComponent, serverHint: hint)])
    }

    /// Files up to this size are read into memory; larger ones stay on disk and are streamed.
    static let inMemoryLimit = 8 << 20

    private static func file(at url: URL, path: String, serverHint: String) throws -> ImportedFile {
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        if size > inMemoryLimit { return ImportedFile(path: path, url: url, serverHint: serverHint) }
        do { return ImportedFile(path: path, data: try Data(contentsOf: url), serverHint: serverHint) } catch {
            throw InputError(file: path, line: 0, message: "cannot read: \(error.localizedDescription)")
        }
    }

    /// The server a file belongs to when its content does not say: the folder holding it, except
    /// in a `RasData` folder as Hicks' `Get-RrasConfiguration.ps1` writes it, where every file is
    /// `<host>_<what>.<ext>` (the host in lower case) and the prefix names the server.
    public static func serverHint(folder: String, fileName: String) -> String {
        guard folder.lowercased() == "rasdata", let underscore = fileName.firstIndex(of: "_") else { return folder }
        let host = fileName[..<underscore]
        guard !host.isEmpty, host.count <= 63,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return folder }
        return String(host)
    }

    private static func readFolder(_ root: URL) throws -> ExportBundle {
        let rootName = root.standardizedFileURL.lastPathComponent
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                options: [.skipsHiddenFiles])
        else {
            throw InputError(file: root.path, line: 0, message: "cannot list the folder")
        }
        let rootComponents = root.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var files: [ImportedFile] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let components = url.standardizedFileURL.resolvingSymlinksInPath().pathComponents
            let relative = Array(components.dropFirst(rootComponents.count))
            guard !relative.isEmpty else { continue }
            let hint = serverHint(
                folder: relative.count > 1 ? relative[relative.count - 2] : rootName,
                fileName: relative[relative.count - 1])
            files.append(try file(at: url, path: relative.joined(separator: "/"), serverHint: hint))
        }
        files.sort { $0.path < $1.path }
        return ExportBundle(name: rootName, files: files)
    }

    /// Reads a zip held in memory (for the fuzzer and callers that already have the bytes). It is
    /// written to a temporary file first: ZIPFoundation's in-memory archives leak their buffer.
    public static func read(zipData: Data, name: String, limits: Limits = Limits()) throws -> ExportBundle {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aovpn-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(URL(fileURLWithPath: name).lastPathComponent)
        try zipData.write(to: url)
        return try readZip(url, limits: limits)
    }

    /// Reads a zip from disk; entries are extracted one at a time, within the limits.
    private static func readZip(_ url: URL, limits: Limits) throws -> ExportBundle {
        let zipName = url.lastPathComponent
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw InputError(file: zipName, line: 0, message: "not a readable zip archive: \(error)")
        }
        let baseName = url.deletingPathExtension().lastPathComponent
        var files: [ImportedFile] = []
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw InputError(file: zipName, line: 0, message: "more than \(limits.maxEntries) entries")
            }
            let path = entry.path
            let location = "\(zipName)!\(path)"
            if entry.type == .symlink {
                throw InputError(file: location, line: 0, message: "zip entry is a symbolic link")
            }
            guard entry.type == .file else { continue }
            let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
            if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains(":") || components.contains("..") {
                throw InputError(file: location, line: 0, message: "zip entry has an absolute path or '..'")
            }
            if components.contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) { continue }
            let size = entry.uncompressedSize
            guard size <= limits.maxEntryBytes,
                entry.compressedSize == 0
                    ? size == 0 : size / max(entry.compressedSize, 1) <= limits.maxCompressionRatio
            else {
                throw InputError(
                    file: location, line: 0, message: "zip entry exceeds the size or compression-ratio limit")
            }
            total += size
            guard total <= limits.maxTotalBytes else {
                throw InputError(file: zipName, line: 0, message: "zip content exceeds \(limits.maxTotalBytes) bytes")
            }
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    content.append(chunk)
                    if UInt64(content.count) > size { throw CocoaError(.fileReadTooLarge) }
                }
            } catch {
                throw InputError(file: location, line: 0, message: "cannot extract: \(error)")
            }
            let hint = serverHint(
                folder: components.count > 1 ? components[components.count - 2] : baseName,
                fileName: components[components.count - 1])
            files.append(ImportedFile(path: components.joined(separator: "/"), data: content, serverHint: hint))
        }
        files.sort { $0.path < $1.path }
        // Windows cannot hold two names that differ only in case: such a zip was not made from an export.
        var seen: [String: String] = [:]
        for file in files {
            if let other = seen[file.path.lowercased()] {
                throw InputError(
                    file: "\(zipName)!\(file.path)", line: 0, message: "entry name differs only in case from '\(other)'"
                )
            }
            seen[file.path.lowercased()] = file.path
        }
        return ExportBundle(name: baseName, files: files)
    }
}
