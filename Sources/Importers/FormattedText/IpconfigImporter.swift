import EstateModel
import Foundation
import InputErrors

/// Reads `ipconfig /all` output (English), as `Out-File` or a console redirection writes it: the
/// host name and every IPv4 and IPv6 address of every adapter (load balancer pool members are
/// matched to servers by address). Labels are padded with `. . .` to a colon; translated labels
/// (other Windows languages) are not recognised.
enum IpconfigImporter: Importer {
    static let format = ExportFormat.ipconfig

    static func recognises(_ head: FileHead) -> Bool {
        !head.isMarkup && head.text.hasPrefix("Windows IP Configuration") && head.text.contains("Host Name")
    }

    /// `IPv4 Address. . . : 10.0.10.21(Preferred)`: the label before the dots, the value after the colon.
    static func labelAndValue(_ line: Substring) -> (label: String, value: String)? {
        guard let colon = line.range(of: " : ") else { return nil }
        let label = line[..<colon.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        return (label, value)
    }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        let text = try TextDecoder.decode(try file.contents(), file: file.path, allowANSI: true)
        var host: (name: String, line: Int)?
        var addresses: [Fact<String>] = []
        for (index, line) in TextDecoder.lines(text).enumerated() {
            guard let (label, value) = labelAndValue(line) else { continue }
            switch label {
            case "Host Name": host = host ?? (value, index + 1)
            case "IPv4 Address", "IP Address", "IPv6 Address", "Link-local IPv6 Address", "Temporary IPv6 Address":
                // "(Preferred)", "(Deprecated)"; a link-local IPv6 address keeps its zone out.
                var address = value.split(separator: "(").first.map(String.init) ?? value
                address = address.split(separator: "%").first.map(String.init) ?? address
                address = address.trimmingCharacters(in: .whitespaces)
                guard !address.isEmpty else { continue }
                addresses.append(
                    Fact(address, Evidence(file: file.path, location: "line \(index + 1), \(label)", value: value)))
            default: continue
            }
        }
        guard let host, !host.name.isEmpty else {
            throw InputError(file: file.path, line: 1, message: "ipconfig /all output without a Host Name")
        }
        var server = Server(name: Server.identity(of: host.name))
        server.addresses = addresses
        return FileImport(
            file: file, format: format, estate: Estate(servers: [server]), objectCounts: ["addresses": addresses.count])
    }
}
