import EstateModel
import Foundation

/// Reads typed facts from a CLIXML object, each with evidence (file, line and property path).
struct ObjectFacts {
    let object: PSObject
    let file: String
    /// Path shown in evidence, e.g. `RemoteAccess.DAConfiguration.ServerConfiguration`.
    let path: String

    func evidence(_ name: String, _ value: String) -> Evidence {
        Evidence(file: file, location: "line \(object.line(of: name)), \(path).\(name)", value: value)
    }

    func has(_ name: String) -> Bool { object[name] != nil }

    func string(_ name: String) -> Fact<String>? {
        guard let text = object[name]?.text?.trimmedWhitespace, !text.isEmpty
        else { return nil }
        return Fact(text, evidence(name, text))
    }

    /// Booleans written as `<B>`, or as the Enabled/Disabled strings of the RemoteAccess provider.
    func bool(_ name: String) -> Fact<Bool>? {
        guard let raw = string(name) else { return nil }
        switch raw.value.lowercased() {
        case "true", "enabled", "enable", "yes", "1": return raw.map { _ in true }
        case "false", "disabled", "disable", "no", "0": return raw.map { _ in false }
        default: return nil
        }
    }

    func int(_ name: String) -> Fact<Int>? {
        guard let raw = string(name), let value = Int(raw.value) else { return nil }
        return raw.map { _ in value }
    }

    func strings(_ name: String) -> [Fact<String>] {
        guard let value = object[name] else { return [] }
        let texts = value.texts.map(\.trimmedWhitespace).filter { !$0.isEmpty }
        return texts.map { Fact($0, evidence(name, $0)) }
    }

    /// The texts of a list-valued property, without evidence (for facts that carry their own).
    func texts(_ name: String) -> [String] {
        guard let value = object[name] else { return [] }
        return value.texts.map(\.trimmedWhitespace).filter { !$0.isEmpty }
    }

    func stringList(_ name: String) -> Fact<[String]>? {
        let items = strings(name)
        guard !items.isEmpty else { return nil }
        let joined = items.map(\.value).joined(separator: ", ")
        return Fact(items.map(\.value), evidence(name, joined))
    }

    /// An embedded object (a nested CIM instance) as facts.
    func embedded(_ name: String) -> ObjectFacts? {
        guard let nested = object[name]?.object, nested.items == nil else { return nil }
        return ObjectFacts(object: nested, file: file, path: "\(path).\(name)")
    }

    /// The objects of a list-valued property.
    func embeddedList(_ name: String) -> [ObjectFacts] {
        guard let value = object[name] else { return [] }
        return value.objects.enumerated().map { index, nested in
            ObjectFacts(object: nested, file: file, path: "\(path).\(name)[\(index)]")
        }
    }
}
