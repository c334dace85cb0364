import EstateModel
import Foundation
import InputErrors

/// Reads `systeminfo` output (English), as `Out-File` or a console redirection writes it: the host
/// name, the OS name and build (which gate the build-dependent rules), the domain (for the FQDN)
/// and the hotfixes. Other languages are not recognised: their labels are translated.
enum SystemInfoImporter: Importer {
    static let format = ExportFormat.systemInfo

    static func recognises(_ head: FileHead) -> Bool {
        !head.isMarkup && head.text.hasPrefix("Host Name:") && head.text.contains("\nOS Name:")
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path, allowANSI: true)
        var values: [String: (value: String, line: Int)] = [:]
        var hotfixes = 0
        for (index, raw) in TextDecoder.lines(text).enumerated() {
            let line = String(raw)
            if line.first?.isWhitespace == true {
                if line.contains("]: KB") { hotfixes += 1 }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if values[name] == nil { values[name] = (value, index + 1) }
        }
        guard let host = values["Host Name"], !host.value.isEmpty else {
            throw InputError(file: file.path, line: 1, message: "systeminfo output without a Host Name")
        }
        func evidence(_ name: String) -> Evidence? {
            values[name].map { Evidence(file: file.path, location: "line \($0.line), \(name)", value: $0.value) }
        }
        var server = Server(name: Server.identity(of: host.value))
        if let domain = values["Domain"]?.value, domain.contains("."), !host.value.contains(".") {
            server.fqdn = "\(host.value).\(domain)".lowercased()
        }
        var system = OperatingSystemInfo()
        if let name = values["OS Name"], let evidence = evidence("OS Name") {
            system.caption = Fact(name.value, evidence)
        }
        // "10.0.17763 N/A Build 17763"
        if let version = values["OS Version"], let evidence = evidence("OS Version") {
            let parts = version.value.split(separator: " ")
            guard let marker = parts.firstIndex(of: "Build"), marker + 1 < parts.count,
                let build = Int(parts[marker + 1])
            else {
                throw InputError(
                    file: file.path, line: version.line, message: "OS Version '\(version.value)' has no 'Build NNNNN'")
            }
            system.build = Fact(build, evidence)
        }
        server.operatingSystem = system
        return FileImport(
            file: file, format: format, estate: Estate(servers: [server]),
            objectCounts: ["systeminfo": 1, "hotfixes listed": hotfixes])
    }

    /// The `System Locale` code (`en-us`) systeminfo shows for the server `serverHint` names, from
    /// the bundle's systeminfo output of that server; nil when the bundle has none.
    static func systemLocale(of serverHint: String, in bundle: [ImportedFile]) -> String? {
        for file in bundle where file.serverHint == serverHint {
            guard recognises(FileHead(file.head(FileHead.byteCount))),
                let text = try? TextDecoder.decode(try file.contents(), file: file.path, allowANSI: true)
            else { continue }
            for line in TextDecoder.lines(text) where line.hasPrefix("System Locale:") {
                let value = line.dropFirst("System Locale:".count).trimmingCharacters(in: .whitespaces)
                return value.split(separator: ";").first.map { $0.lowercased() }
            }
        }
        return nil
    }
}
