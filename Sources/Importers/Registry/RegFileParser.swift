import Foundation
import InputErrors

/// A value of a `.reg` export, decoded as regedit wrote it.
enum RegValue: Equatable {
    case string(String)
    case dword(UInt32)
    case qword(UInt64)
    case expandString(String)
    case multiString([String])
    case binary(type: Int, bytes: [UInt8])
    case delete
    /// A value whose type this parser does not know (`regedit` never writes one; other tools do):
    /// kept as written and listed as not understood, never fatal.
    case unknown(String)

    var text: String {
        switch self {
        case .string(let text), .expandString(let text): return text
        case .dword(let value): return String(value)
        case .qword(let value): return String(value)
        case .multiString(let items): return items.joined(separator: "; ")
        case .binary(_, let bytes): return "hex: \(bytes.count) bytes"
        case .delete: return "(deleted)"
        case .unknown(let raw): return raw
        }
    }

    var integer: Int? {
        switch self {
        case .dword(let value): return Int(value)
        case .qword(let value): return Int(exactly: value)
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    /// A binary value as upper-case hex (a certificate hash), nil for other types.
    var hex: String? {
        guard case .binary(_, let bytes) = self, !bytes.isEmpty else { return nil }
        return bytes.map { String(format: "%02X", $0) }.joined()
    }

    var strings: [String] {
        switch self {
        case .multiString(let items): return items
        case .string(let text), .expandString(let text): return [text]
        default: return []
        }
    }
}

/// One value line of a `.reg` file (after joining continuation lines).
struct RegEntry {
    /// Key path as written, without brackets (`HKEY_LOCAL_MACHINE\...`).
    var key: String
    /// Value name; empty for the default value `@`.
    var name: String
    var value: RegValue
    /// Raw data text as written (after `=`).
    var raw: String
    var line: Int
}

/// Parses `.reg` exports: `Windows Registry Editor Version 5.00` (UTF-16LE with BOM, or UTF-8) and
/// `REGEDIT4` (ANSI). Every value type (`"..."`, `dword:`, `hex:`, `hex(N):`, `-`), continuation
/// lines ending in `\`, comments (`;`), deleted keys (`[-...]`).
struct RegFileParser {
    let file: String

    static func recognises(_ firstLine: String) -> Bool {
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        return trimmed == "Windows Registry Editor Version 5.00" || trimmed == "REGEDIT4"
    }

    /// Whether the header was `REGEDIT4` (ANSI strings in hex values); nil before the header.
    private var legacy: Bool?
    private var currentKey: String?
    /// A logical line still open: it ends in a backslash, and the next line continues it.
    private var open: (text: String, line: Int)?

    init(file: String) { self.file = file }

    /// Takes the next physical line; calls `key` for each key line and `entry` for each value,
    /// once its logical line (continuations joined) is complete.
    mutating func consume(
        _ line: String, number: Int, key: (String, Int) throws -> Void,
        entry: (RegEntry) throws -> Void
    ) throws {
        guard let legacy else {
            let trimmed = line.trimmedWhitespace
            if trimmed.isEmpty { return }
            guard Self.recognises(trimmed) else {
                throw InputError(
                    file: file, line: 1, message: "missing header 'Windows Registry Editor Version 5.00' or 'REGEDIT4'")
            }
            self.legacy = trimmed == "REGEDIT4"
            return
        }
        // Continuation: a line ending in a backslash goes on with the next (indented) line.
        if var pending = open {
            pending.text.removeLast()
            pending.text += line.trimmedWhitespace
            open = nil
            if continues(pending.text) {
                open = pending
                return
            }
            return try logicalLine(pending.text, number: pending.line, legacy: legacy, key: key, entry: entry)
        }
        if continues(line) {
            open = (line, number)
            return
        }
        try logicalLine(line, number: number, legacy: legacy, key: key, entry: entry)
    }

    /// Ends the input: a logical line still open is read as it stands; a file without a header is an error.
    mutating func finish(key: (String, Int) throws -> Void, entry: (RegEntry) throws -> Void) throws {
        guard let legacy else {
            throw InputError(
                file: file, line: 1, message: "missing header 'Windows Registry Editor Version 5.00' or 'REGEDIT4'")
        }
        if let pending = open {
            open = nil
            try logicalLine(pending.text, number: pending.line, legacy: legacy, key: key, entry: entry)
        }
    }

    private func continues(_ line: String) -> Bool {
        line.hasSuffix("\\") && !line.hasPrefix("[") && isHexData(line)
    }

    private mutating func logicalLine(
        _ logical: String, number startLine: Int, legacy: Bool,
        key: (String, Int) throws -> Void, entry: (RegEntry) throws -> Void
    ) throws {
        let trimmed = logical.trimmedWhitespace
        if trimmed.isEmpty || trimmed.hasPrefix(";") { return }
        if trimmed.hasPrefix("[") {
            guard trimmed.hasSuffix("]"), trimmed.count > 2 else {
                throw InputError(file: file, line: startLine, message: "key line does not end with ']'")
            }
            let path = String(trimmed.dropFirst().dropLast())
            if path.hasPrefix("-") {
                currentKey = nil
                return
            }
            currentKey = path
            return try key(path, startLine)
        }
        guard let currentKey else {
            throw InputError(file: file, line: startLine, message: "value outside of any [key]")
        }
        try entry(try parseValueLine(trimmed, key: currentKey, line: startLine, legacy: legacy))
    }

    /// True for a hex value line (`"Name"=hex...`) or a continuation of one (hex pairs, commas,
    /// spaces and the final backslash only).
    private func isHexData(_ line: String) -> Bool {
        if line.containsBytes("=hex") { return true }
        return line.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
                || byte == 0x2C || byte == 0x20 || byte == 0x09 || byte == 0x5C
        }
    }

    private func parseValueLine(_ line: String, key: String, line number: Int, legacy: Bool) throws -> RegEntry {
        var rest = Substring(line)
        let name: String
        if rest.hasPrefix("@") {
            name = ""
            rest = rest.dropFirst()
        } else if rest.hasPrefix("\"") {
            let (parsed, remainder) = try quoted(rest, line: number)
            name = parsed
            rest = remainder
        } else {
            throw InputError(file: file, line: number, message: "expected a quoted value name or @")
        }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("=") else {
            throw InputError(file: file, line: number, message: "expected '=' after the value name")
        }
        let data = String(rest.dropFirst()).trimmedWhitespace
        return RegEntry(
            key: key, name: name, value: try parseData(data, line: number, legacy: legacy), raw: data, line: number)
    }

    /// A quoted string with `\\` and `\"` escapes; returns the text and what follows it.
    private func quoted(_ text: Substring, line: Int) throws -> (String, Substring) {
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                let next = text.index(after: index)
                guard next < text.endIndex else { break }
                result.append(text[next])
                index = text.index(after: next)
            } else if character == "\"" {
                return (result, text[text.index(after: index)...])
            } else {
                result.append(character)
                index = text.index(after: index)
            }
        }
        throw InputError(file: file, line: line, message: "unterminated quoted string")
    }

    private func parseData(_ data: String, line: Int, legacy: Bool) throws -> RegValue {
        if data == "-" { return .delete }
        if data.hasPrefix("\"") {
            let (text, rest) = try quoted(Substring(data), line: line)
            guard String(rest).trimmedWhitespace.isEmpty else {
                throw InputError(file: file, line: line, message: "unexpected text after the quoted value")
            }
            return .string(text)
        }
        let lowered = data.lowercased()
        if lowered.hasPrefix("dword:") {
            let digits = data.dropFirst(6)
            guard digits.count == 8, let value = UInt32(digits, radix: 16) else {
                throw InputError(
                    file: file, line: line, message: "dword value must be 8 hex digits, found '\(digits)'")
            }
            return .dword(value)
        }
        if lowered.hasPrefix("qword:") {
            // Not regedit's (it writes hex(b):), but scripts write it: 1 to 16 hex digits.
            let digits = data.dropFirst(6)
            if (1...16).contains(digits.count), let value = UInt64(digits, radix: 16) { return .qword(value) }
            return .unknown(data)
        }
        guard lowered.hasPrefix("hex") else { return .unknown(data) }
        var type = 3
        var body = Substring(data.dropFirst(3))
        if body.hasPrefix("(") {
            guard let close = body.firstIndex(of: ")"),
                let parsed = Int(body[body.index(after: body.startIndex)..<close], radix: 16)
            else { throw InputError(file: file, line: line, message: "malformed hex(N) type") }
            type = parsed
            body = body[body.index(after: close)...]
        }
        guard body.hasPrefix(":") else {
            throw InputError(file: file, line: line, message: "expected ':' after the hex type")
        }
        let bytes = try hexBytes(body.dropFirst(), line: line)
        switch type {
        case 2: return .expandString(strings(bytes, legacy: legacy).first ?? "")
        case 7: return .multiString(strings(bytes, legacy: legacy))
        case 4 where bytes.count == 4:
            return .dword(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        case 0xb where bytes.count == 8:
            return .qword(bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        default: return .binary(type: type, bytes: bytes)
        }
    }

    private func hexBytes(_ text: Substring, line: Int) throws -> [UInt8] {
        // Byte by byte: hex data is most of a large policy export.
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x41 + 10
            case 0x61...0x66: return byte - 0x61 + 10
            default: return nil
            }
        }
        var bytes: [UInt8] = []
        var digits: [UInt8] = []
        var sawAny = false
        func pair() throws {
            guard digits.count == 2, let high = nibble(digits[0]), let low = nibble(digits[1]) else {
                throw InputError(
                    file: file, line: line, message: "invalid hex byte '\(String(decoding: digits, as: UTF8.self))'")
            }
            bytes.append(high << 4 | low)
            digits.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x2C:
                try pair()
            default:
                sawAny = true
                digits.append(byte)
            }
        }
        if !sawAny && bytes.isEmpty { return [] }
        try pair()
        return bytes
    }

    /// NUL-separated strings (REG_EXPAND_SZ, REG_MULTI_SZ): UTF-16LE in version 5.00 files,
    /// single-byte ANSI in REGEDIT4 files. The empty terminator is dropped.
    private func strings(_ bytes: [UInt8], legacy: Bool) -> [String] {
        if legacy {
            return bytes.split(separator: 0).map { String(data: Data($0), encoding: .windowsCP1252) ?? "" }
        }
        var units: [UInt16] = []
        var index = 0
        while index + 1 < bytes.count {
            units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
            index += 2
        }
        return units.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF16.self) }
    }
}
