import Foundation

/// The Mustache templates of the reports, shipped as resources of this target.
public enum ReportTemplates {
    /// The text of the template `name` (for example `report.html`), without the `.mustache` suffix.
    public static func template(named name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "templates")
        else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "templates/\(name).mustache"]) }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
