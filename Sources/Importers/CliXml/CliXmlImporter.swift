import EstateModel
import Foundation
import XMLKit

/// Imports a PowerShell `Export-Clixml` file (UTF-16LE with BOM from Windows PowerShell 5.1,
/// UTF-8 from PowerShell 7, or a remoting stream prefixed with `#< CLIXML`).
enum CliXmlImporter {
    /// True when the content is a CLIXML document: root `<Objs>` in the PowerShell namespace.
    static func recognises(_ head: String) -> Bool {
        head.contains("<Objs") && head.contains(CliXmlReader.namespace)
    }

    static func importFile(_ file: ImportedFile) throws -> FileImport {
        var data = file.data
        // Remoting output: a `#< CLIXML` line before the document.
        let prefix = Array("#< CLIXML".utf8)
        if data.starts(with: prefix), let newline = data.firstIndex(of: 0x0A) {
            data = data.subdata(in: data.index(after: newline)..<data.endIndex)
        }
        var mapper = CliXmlMapper(file: file.path, serverHint: file.serverHint)
        do {
            let reader = try XMLStreamReader(data: data, file: file.path)
            var cliXml = CliXmlReader(reader: reader)
            try cliXml.readDocument { value, line in mapper.map(value, line: line) }
            for line in cliXml.secureStringLines { mapper.secureString(at: line) }
        } catch let error as XMLParseError {
            throw ImportError(file: error.file, line: error.line, message: error.message)
        }
        return FileImport(file: file, format: .cliXml, estate: mapper.estate, objectCounts: mapper.counts)
    }
}
