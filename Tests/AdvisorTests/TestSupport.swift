import EstateModel
import Foundation
import Importers

/// Builds bundles from strings in the encodings Windows writes.
enum TestInput {
    static func utf16LEWithBOM(_ text: String) -> Data {
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        return data
    }

    static func file(_ path: String, _ data: Data, server: String = "srv01") -> ImportedFile {
        ImportedFile(path: path, data: data, serverHint: server)
    }

    static func importing(_ files: ImportedFile...) throws -> EstateImporter.Result {
        try EstateImporter.importBundle(ExportBundle(name: "test", files: files))
    }

    static let psNamespace = "http://schemas.microsoft.com/powershell/2004/04"

    static func clixml(_ body: String) -> String {
        "<Objs Version=\"1.1.0.1\" xmlns=\"\(psNamespace)\">\n\(body)\n</Objs>"
    }

    static var examples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples")
            .standardized
    }
}
