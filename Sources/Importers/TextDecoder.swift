import Foundation
import InputErrors

/// Turns the bytes of a Windows text export into lines, as Windows writes them: UTF-16LE with BOM
/// (`reg export`, Windows PowerShell `Out-File`), UTF-8 with or without BOM (PowerShell 7, hand
/// edits), UTF-16BE with BOM, and the ANSI code page of `REGEDIT4` (read as Windows-1252).
enum TextDecoder {
    enum Encoding: String {
        case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE"
    }

    /// Detects the encoding from the BOM, or from the NUL pattern of BOM-less UTF-16LE.
    static func detect(_ data: Data) -> (Encoding, bomLength: Int) {
        let head = [UInt8](data.prefix(4))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if head.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if head.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        if head.count >= 4, head[0] != 0, head[1] == 0, head[2] != 0, head[3] == 0 { return (.utf16LE, 0) }
        return (.utf8, 0)
    }

    /// The longest line a text export may have, in bytes (regedit wraps at 80 columns; ns.conf
    /// and tmsh lines stay far below this).
    static let maxLineBytes = 1 << 20
    /// The largest text export read into memory.
    static let maxTextBytes = 256 << 20

    /// Decodes the whole file. Invalid bytes are an error naming the line they are on.
    static func decode(_ data: Data, file: String, allowANSI: Bool = false) throws -> String {
        guard data.count <= maxTextBytes else {
            throw InputError(file: file, line: 0, message: "text export larger than \(maxTextBytes >> 20) MiB")
        }
        let (encoding, bom) = detect(data)
        try checkLineLengths(data, file: file, unit: encoding == .utf16LE || encoding == .utf16BE ? 2 : 1)
        let body = data.dropFirst(bom)
        if body.isEmpty { return "" }
        if encoding != .utf8, body.count % 2 != 0 {
            throw InputError(file: file, line: 0, message: "invalid \(encoding.rawValue) text (odd length)")
        }
        if let text = string(from: [UInt8](body)[...], encoding: encoding, allowANSI: allowANSI) {
            return try rejectingNUL(text, file: file)
        }
        if encoding != .utf8 {
            throw InputError(file: file, line: 0, message: "invalid \(encoding.rawValue) text (unpaired surrogate)")
        }
        throw InputError(
            file: file, line: firstInvalidUTF8Line(body),
            message: "not valid UTF-8 or UTF-16 text (wrong encoding or binary data)")
    }

    /// Strictly decodes `bytes` (no BOM) in `encoding`: nil when any sequence is invalid (with
    /// `allowANSI`, UTF-8 that is not valid is read as Windows-1252 instead). The one decoder of
    /// every text importer, whole file or line by line.
    static func string(from bytes: ArraySlice<UInt8>, encoding: Encoding, allowANSI: Bool = false) -> String? {
        switch encoding {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            if allowANSI { return String(data: Data(bytes), encoding: .windowsCP1252) }
            return nil
        case .utf16LE, .utf16BE:
            // Most text is ASCII: then its low bytes are the UTF-8 text.
            let lowOffset = encoding == .utf16LE ? 0 : 1
            var ascii = true
            var index = bytes.startIndex
            while index + 1 < bytes.endIndex {
                if bytes[index + 1 - lowOffset] != 0 || bytes[index + lowOffset] >= 0x80 {
                    ascii = false
                    break
                }
                index += 2
            }
            if ascii {
                return String(unsafeUninitializedCapacity: bytes.count / 2) { buffer in
                    var written = 0
                    var at = bytes.startIndex + lowOffset
                    while at < bytes.endIndex {
                        buffer[written] = bytes[at]
                        written += 1
                        at += 2
                    }
                    return written
                }
            }
            return String(validating: units(of: bytes, encoding: encoding), as: UTF16.self)
        }
    }

    /// The start of a file as text, for recognising its format: the encoding from the BOM, an
    /// odd trailing byte dropped, invalid sequences replaced (a head cut mid-character is normal).
    static func lenientPrefix(_ data: Data) -> String {
        let (encoding, bom) = detect(data)
        let body = [UInt8](data.dropFirst(bom))[...]
        switch encoding {
        case .utf8: return String(decoding: body, as: UTF8.self)
        case .utf16LE, .utf16BE: return String(decoding: units(of: body, encoding: encoding), as: UTF16.self)
        }
    }

    /// The UTF-16 code units of `bytes` (an odd trailing byte is dropped).
    private static func units(of bytes: ArraySlice<UInt8>, encoding: Encoding) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let (low, high) = encoding == .utf16LE ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(low) | UInt16(high) << 8)
            index += 2
        }
        return units
    }

    /// Refuses a line longer than ``maxLineBytes`` before any decoding (a 100 MB single line
    /// would otherwise cost its size several times over).
    private static func checkLineLengths(_ data: Data, file: String, unit: Int) throws {
        let limit = maxLineBytes * unit
        guard data.count > limit else { return }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            var line = 1
            while offset < bytes.count {
                let remaining = bytes.count - offset
                // memchr keeps this fast on huge inputs, even in debug builds.
                guard let hit = memchr(base + offset, 0x0A, remaining) else {
                    if remaining > limit {
                        throw InputError(file: file, line: line, message: "line longer than \(maxLineBytes >> 20) MiB")
                    }
                    return
                }
                let length = base.distance(to: UnsafeRawPointer(hit)) - offset
                if length > limit {
                    throw InputError(file: file, line: line, message: "line longer than \(maxLineBytes >> 20) MiB")
                }
                offset += length + 1
                line += 1
            }
        }
    }

    private static func rejectingNUL(_ text: String, file: String) throws -> String {
        if let index = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw InputError(file: file, line: line, message: "NUL character in text (binary data or wrong encoding)")
        }
        return text
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    private static func firstInvalidUTF8Line(_ data: Data.SubSequence) -> Int {
        var number = 1
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(validatingUTF8Data: line) == nil { return number }
            number += 1
        }
        return number
    }

    /// Splits text into lines, accepting CRLF, LF and CR.
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}

extension String {
    /// Strict UTF-8 decoding: nil when any byte sequence is invalid.
    init?(validatingUTF8Data data: Data.SubSequence) {
        var iterator = data.makeIterator()
        var codec = UTF8()
        var result = String.UnicodeScalarView()
        while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput:
                self = String(result)
                return
            case .error: return nil
            }
        }
    }
}

extension String {
    /// Without leading and trailing ASCII white space (what exports put around values), trimmed
    /// by bytes: Foundation's trimming is slow on Linux.
    var trimmedWhitespace: String {
        guard let first = utf8.first, let last = utf8.last, first <= 0x20 || last <= 0x20 else { return self }
        // ASCII white space (tab, line breaks, form feed, space) at the ends, trimmed by bytes.
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}

extension String {
    /// Whether `needle` occurs in the string, compared byte for byte (UTF-8). Foundation's
    /// `contains` and the generic `firstRange(of:)` are slow on Linux in per-line loops.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        haystack.makeContiguousUTF8()
        needle.makeContiguousUTF8()
        return haystack.utf8.withContiguousStorageIfAvailable { text in
            needle.utf8.withContiguousStorageIfAvailable { pattern in
                guard pattern.count <= text.count else { return false }
                guard let textBase = text.baseAddress, let patternBase = pattern.baseAddress else {
                    return pattern.isEmpty
                }
                // memchr to each candidate first byte, then memcmp (memmem is not exported to Swift).
                var offset = 0
                let last = text.count - pattern.count
                while offset <= last, let hit = memchr(textBase + offset, Int32(pattern[0]), last - offset + 1) {
                    let position = UnsafeRawPointer(textBase).distance(to: UnsafeRawPointer(hit))
                    if memcmp(textBase + position, patternBase, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            } ?? false
        } ?? false
    }
}
