import Foundation
import InputErrors
import Testing

@testable import Importers

/// Inputs that once crashed, hung or leaked (Fixtures/fuzz-regressions/<format>/): each must now
/// import or fail with an InputError.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/fuzz-regressions")

    static var cases: [String] {
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []
        return files.filter { $0.contains("/") && !$0.hasSuffix(".md") }.sorted()
    }

    @Test func thereIsAtLeastOneRegression() { #expect(!Self.cases.isEmpty) }

    @Test(arguments: cases)
    func regressionInputIsHandled(_ path: String) throws {
        let formatName = String(path.split(separator: "/").first ?? "")
        let data = try Data(contentsOf: Self.root.appendingPathComponent(path))
        let file = ImportedFile(path: path, data: data, serverHint: "fuzz")
        do {
            if formatName != "zip" {
                let format = try #require(ImporterRegistry.standard.importer(of: ExportFormat(rawValue: formatName)))
                    .format
                _ = try EstateImporter.importFile(file, as: format, bundle: [file])
                _ = EstateImporter.detectFormat(data)
            } else {
                _ = try EstateImporter.importBundle(try ExportBundle.read(zipData: data, name: "regression.zip"))
            }
        } catch is InputError {
            // a clear rejection is a pass
        }
    }
}
