import Foundation
import InputErrors

/// Reads a Windows text export line by line, in chunks from disk, so memory stays bounded by the
/// longest line rather than the file: the encodings of ``TextDecoder`` (UTF-16LE/BE by BOM or NUL
/// pattern, UTF-8, and Windows-1252 where `allowANSI`), lines ended by CRLF, LF or CR. Invalid
/// text, a NUL character or a line over ``TextDecoder/maxLineBytes`` is an error naming the line.
struct TextLineReader {
    let file: ImportedFile
    var allowANSI = false
    var chunkSize = 1 << 20

    /// Calls `body` with each line (1-based number, text without its line break).
    func forEachLine(_ body: (_ number: Int, _ line: String) throws -> Void) throws {
        let (encoding, bom) = TextDecoder.detect(file.head(4))
        let unit = encoding == .utf8 ? 1 : 2
        var pending: [UInt8] = []
        var skip = bom
        var number = 1

        func emit(_ bytes: ArraySlice<UInt8>) throws {
            if bytes.count > TextDecoder.maxLineBytes * unit {
                throw InputError(
                    file: file.path, line: number, message: "line longer than \(TextDecoder.maxLineBytes >> 20) MiB")
            }
            // A lone CR also ends a line (old Mac line breaks); CRLF's CR is dropped.
            var text = try decode(bytes, encoding: encoding, line: number)
            if text.utf8.last == 0x0D { text.removeLast() }  // CRLF (removeLast drops the CR alone: the LF is gone)
            let pieces =
                text.utf8.contains(0x0D)
                ? text.utf8.split(separator: 0x0D, omittingEmptySubsequences: false).map {
                    String(decoding: $0, as: UTF8.self)
                } : [text]
            for piece in pieces {
                if piece.utf8.contains(0) {
                    throw InputError(
                        file: file.path, line: number, message: "NUL character in text (binary data or wrong encoding)")
                }
                try body(number, piece)
                number += 1
            }
        }

        try file.forEachChunk(chunkSize: chunkSize) { chunk in
            pending.append(contentsOf: chunk.dropFirst(skip))
            skip = max(0, skip - chunk.count)
            // Line ends found with memchr (fast even in debug builds); in UTF-16 a 0x0A byte is a
            // line feed only as the low byte of an aligned code unit.
            var ends: [(line: Range<Int>, next: Int)] = []
            pending.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                var from = 0
                while from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) {
                    let offset = base.distance(to: UnsafeRawPointer(hit))
                    from = offset + 1
                    switch encoding {
                    case .utf8:
                        ends.append(((ends.last?.next ?? 0)..<offset, offset + 1))
                    case .utf16LE:
                        guard offset % 2 == 0 else { continue }
                        guard offset + 1 < bytes.count else { return }
                        if bytes[offset + 1] == 0 { ends.append(((ends.last?.next ?? 0)..<offset, offset + 2)) }
                    case .utf16BE:
                        guard offset % 2 == 1, bytes[offset - 1] == 0 else { continue }
                        ends.append(((ends.last?.next ?? 0)..<(offset - 1), offset + 1))
                    }
                }
            }
            var start = 0
            for end in ends {
                try emit(pending[end.line])
                start = end.next
            }
            pending.removeFirst(start)
            if pending.count > TextDecoder.maxLineBytes * unit {
                throw InputError(
                    file: file.path, line: number, message: "line longer than \(TextDecoder.maxLineBytes >> 20) MiB")
            }
        }
        if pending.count % unit != 0 {
            throw InputError(file: file.path, line: number, message: "invalid \(encoding.rawValue) text (odd length)")
        }
        try emit(pending[...])
    }

    private func decode(_ bytes: ArraySlice<UInt8>, encoding: TextDecoder.Encoding, line: Int) throws -> String {
        if let text = TextDecoder.string(from: bytes, encoding: encoding, allowANSI: allowANSI) { return text }
        throw InputError(
            file: file.path, line: line,
            message: encoding == .utf8
                ? "not valid UTF-8 or UTF-16 text (wrong encoding or binary data)"
                : "invalid \(encoding.rawValue) text (unpaired surrogate)")
    }
}
