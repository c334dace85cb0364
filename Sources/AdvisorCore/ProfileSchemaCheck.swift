import Foundation
import InputErrors
import ProfileSchema
import XMLKit

/// Validates a ProfileXML document against the project's schema (`plan validate`): malformed XML
/// and schema problems alike come back as `file:line: message`.
public enum ProfileSchemaCheck {
    public static func problems(_ data: Data, file: String) throws -> [String] {
        do { _ = try XMLDocumentParser.parse(data, file: file) } catch let error as InputError {
            return [error.description]
        }
        return try ProfileXMLSchema.validate(data, file: file).map(\.description)
    }
}
