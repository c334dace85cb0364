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

    /// Runs a Python program (the test tools CI installs: jsonschema, tree-sitter-powershell) with
    /// `arguments` and `input` on its standard input; returns its exit status and outputs.
    static func python(_ program: String, arguments: [String] = [], input: Data? = nil) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }

    static var examples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples")
            .standardized
    }
}
