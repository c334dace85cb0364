import EstateModel
import Foundation
import InputErrors

/// Imports `netsh http show sslcert` output (English), as `Out-File` (UTF-16LE) or a console
/// redirection (ANSI/UTF-8) writes it: one block per binding, `Name : value` lines indented by
/// four spaces, the block opened by `IP:port`, `Hostname:port` or `Central Certificate Store`.
/// The server is the folder holding the file.
enum NetshHttpSslCertImporter: Importer {
    static let format = ExportFormat.netshHttpSslCert

    static func recognises(_ head: FileHead) -> Bool {
        !head.isMarkup && head.text.hasPrefix("SSL Certificate bindings:")
    }

    static let endpointLabels = ["IP:port", "Hostname:port", "Central Certificate Store"]

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path, allowANSI: true)
        let host = Server.identity(of: file.serverHint)
        var estate = Estate()
        var current: (endpoint: String, line: Int, fields: [String: String])?
        func close() throws {
            guard let block = current else { return }
            current = nil
            guard let hash = block.fields["certificate hash"], !hash.isEmpty else {
                throw InputError(
                    file: file.path, line: block.line, message: "binding \(block.endpoint) has no Certificate Hash")
            }
            guard hash.count == 40 || hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
                throw InputError(
                    file: file.path, line: block.line,
                    message:
                        "binding \(block.endpoint): Certificate Hash '\(hash)' is not a SHA-1 or SHA-256 in hexadecimal"
                )
            }
            estate.tlsBindings.append(
                TlsBinding(
                    host: host, endpoint: block.endpoint, certificateHash: hash.uppercased(),
                    applicationId: block.fields["application id"]?.lowercased(),
                    storeName: block.fields["certificate store name"],
                    evidence: Evidence(file: file.path, location: "line \(block.line), \(block.endpoint)", value: hash))
            )
        }
        for (index, rawLine) in TextDecoder.lines(text).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard let colon = line.range(of: " : ") ?? line.range(of: ": ", options: .backwards),
                !line.hasPrefix("SSL Certificate bindings")
            else { continue }
            let name = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            if endpointLabels.contains(name) {
                try close()
                current = (value, index + 1, [:])
            } else if current != nil {
                current?.fields[name.lowercased()] = value
            }
        }
        try close()
        return FileImport(
            file: file, format: format, estate: estate, objectCounts: ["TLS bindings": estate.tlsBindings.count])
    }
}
