import Foundation
import InputErrors

/// A `Registry.pol` file (PReg version 1, MS-GPREG 2.2.1): the header `PReg` + DWORD 1, then
/// `[key;value;type;size;data]` records where the brackets and semicolons are UTF-16LE
/// characters, key and value name UTF-16LE strings ending in NUL, type and size little-endian
/// DWORDs, and data `size` raw bytes. Errors name the byte offset.
struct RegistryPolFile {
    /// One record as written.
    struct Record: Equatable {
        var key: String
        var name: String
        /// REG_SZ 1, REG_EXPAND_SZ 2, REG_BINARY 3, REG_DWORD 4, REG_DWORD_BIG_ENDIAN 5, REG_MULTI_SZ 7, REG_QWORD 11.
        var type: Int
        var data: [UInt8]
        /// Byte offset of the record's `[`.
        var offset: Int
    }

    static let signature: [UInt8] = [0x50, 0x52, 0x65, 0x67]  // "PReg"

    /// The records of `data`, in file order.
    static func records(_ data: Data, file: String) throws -> [Record] {
        let bytes = [UInt8](data)
        func fail(_ offset: Int, _ message: String) -> InputError {
            InputError(file: file, line: 0, message: "at byte offset \(offset): \(message)")
        }
        guard bytes.count >= 8, Array(bytes[0..<4]) == signature else {
            throw fail(0, "not a Registry.pol file (no PReg signature)")
        }
        let version = UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24
        guard version == 1 else { throw fail(4, "PReg version \(version), only version 1 is defined") }
        var index = 8
        func character(_ expected: UInt16, _ what: String) throws {
            guard index + 1 < bytes.count else { throw fail(index, "file ends where \(what) was expected") }
            let unit = UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
            guard unit == expected else {
                throw fail(index, "expected \(what), found 0x\(String(unit, radix: 16, uppercase: true))")
            }
            index += 2
        }
        func string(_ what: String) throws -> String {
            var units: [UInt16] = []
            while true {
                guard index + 1 < bytes.count else { throw fail(index, "file ends inside the \(what)") }
                let unit = UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                index += 2
                if unit == 0 { break }
                units.append(unit)
                guard units.count <= 32_767 else { throw fail(index, "\(what) longer than 32767 characters") }
            }
            return String(decoding: units, as: UTF16.self)
        }
        func dword(_ what: String) throws -> Int {
            guard index + 3 < bytes.count else { throw fail(index, "file ends inside the \(what)") }
            let value =
                Int(bytes[index]) | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2]) << 16
                | Int(bytes[index + 3]) << 24
            index += 4
            return value
        }
        var records: [Record] = []
        while index < bytes.count {
            let offset = index
            try character(0x5B, "'['")
            let key = try string("key")
            try character(0x3B, "';' after the key")
            let name = try string("value name")
            try character(0x3B, "';' after the value name")
            let type = try dword("type")
            try character(0x3B, "';' after the type")
            let size = try dword("size")
            try character(0x3B, "';' after the size")
            guard size <= bytes.count - index else {
                throw fail(index, "data of \(size) bytes runs past the end of the file")
            }
            let data = Array(bytes[index..<(index + size)])
            index += size
            try character(0x5D, "']'")
            records.append(Record(key: key, name: name, type: type, data: data, offset: offset))
        }
        return records
    }

    /// The values the records leave set, in order, with their records: the special names are
    /// applied as Group Policy applies them, in file order: `**del.<name>` deletes a value,
    /// `**delvals.` every value of the key, `**DeleteValues` the `;`-listed values,
    /// `**DeleteKeys` the `;`-listed subkeys; `**SecureKey` (an ACL setting) and key-only
    /// records set no value; `**soft.<name>` sets the value only when it is not already set.
    static func appliedValues(_ records: [Record]) -> [Record] {
        var values: [Record] = []
        func lower(_ text: String) -> String { text.lowercased() }
        for record in records {
            let name = record.name
            let key = lower(record.key)
            if name.isEmpty || lower(name) == "**securekey" { continue }
            if lower(name).hasPrefix("**del.") {
                let target = lower(String(name.dropFirst(6)))
                values.removeAll { lower($0.key) == key && lower($0.name) == target }
            } else if lower(name).hasPrefix("**delvals") {
                values.removeAll { lower($0.key) == key }
            } else if lower(name) == "**deletevalues" {
                let targets = Set(listed(record).map(lower))
                values.removeAll { lower($0.key) == key && targets.contains(lower($0.name)) }
            } else if lower(name) == "**deletekeys" {
                let targets = listed(record).map { "\(key)\\\(lower($0))" }
                values.removeAll { value in
                    let path = lower(value.key)
                    return targets.contains { path == $0 || path.hasPrefix($0 + "\\") }
                }
            } else if lower(name).hasPrefix("**soft.") {
                var soft = record
                soft.name = String(name.dropFirst(7))
                if !values.contains(where: { lower($0.key) == key && lower($0.name) == lower(soft.name) }) {
                    values.append(soft)
                }
            } else {
                values.removeAll { lower($0.key) == key && lower($0.name) == lower(name) }
                values.append(record)
            }
        }
        return values
    }

    /// The `;`-separated names a `**DeleteValues`/`**DeleteKeys` record lists (REG_SZ data).
    static func listed(_ record: Record) -> [String] {
        text(record).split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    /// The data as the registry value it is (strings UTF-16LE and NUL-terminated, numbers
    /// little-endian but REG_DWORD_BIG_ENDIAN); anything else stays binary.
    static func value(_ record: Record) -> RegValue {
        switch record.type {
        case 1: return .string(utf16Strings(record.data).first ?? "")
        case 2: return .expandString(utf16Strings(record.data).first ?? "")
        case 7: return .multiString(utf16Strings(record.data))
        case 4 where record.data.count == 4:
            return .dword(record.data.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        case 5 where record.data.count == 4:
            return .dword(record.data.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        case 11 where record.data.count == 8:
            return .qword(record.data.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        default: return .binary(type: record.type, bytes: record.data)
        }
    }

    /// The data as text: strings as written (a multi-string joined by `; `), numbers in decimal,
    /// binary data as hex.
    static func text(_ record: Record) -> String {
        let decoded = value(record)
        if case .binary(_, let bytes) = decoded { return bytes.map { String(format: "%02X", $0) }.joined() }
        return decoded.text
    }

    static func utf16Strings(_ bytes: [UInt8]) -> [String] {
        var units: [UInt16] = []
        var index = 0
        while index + 1 < bytes.count {
            units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
            index += 2
        }
        return units.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF16.self) }
    }

    static func typeName(_ type: Int) -> String {
        switch type {
        case 1: "REG_SZ"
        case 2: "REG_EXPAND_SZ"
        case 3: "REG_BINARY"
        case 4: "REG_DWORD"
        case 5: "REG_DWORD_BIG_ENDIAN"
        case 7: "REG_MULTI_SZ"
        case 11: "REG_QWORD"
        default: "type \(type)"
        }
    }
}
