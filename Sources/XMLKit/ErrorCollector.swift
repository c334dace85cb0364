import CLibXML2
import Foundation

/// Collects the first libxml2 error of one parser context (errors are per context, never global).
final class ErrorCollector {
    var message: String?
    var line: Int = 0

    func record(_ error: xmlErrorPtr?) {
        guard message == nil, let error else { return }
        // Warnings do not stop parsing; keep only errors and fatal errors.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let text = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
        message = text.trimmingCharacters(in: .whitespacesAndNewlines)
        line = Int(error.pointee.line)
    }

    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static let callback: xmlStructuredErrorFunc = { context, error in
        guard let context else { return }
        Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
    }
}
