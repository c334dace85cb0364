import Foundation
import InputErrors
import Testing

@testable import Importers

/// The streaming line reader (used for `.reg` files) must give exactly the lines of the whole-file
/// decoder, wherever chunk boundaries fall, even inside a UTF-16 code unit or a CRLF.
@Suite struct TextLineReaderTests {
    static let text =
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"Naïve\"=\"日本\"\n\"B\"=hex:01,\\\r\n  02\r\"C\"=dword:00000001\r\n"

    static func encodings() -> [(String, Data)] {
        var bigEndian = Data([0xFE, 0xFF])
        bigEndian.append(text.data(using: .utf16BigEndian)!)
        return [
            ("UTF-8", Data(text.utf8)),
            ("UTF-8 with BOM", Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)),
            ("UTF-16LE with BOM", TestInput.utf16LEWithBOM(text)),
            ("UTF-16LE without BOM", text.data(using: .utf16LittleEndian)!),
            ("UTF-16BE with BOM", bigEndian),
        ]
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func linesAreThoseOfTheWholeFileDecoder(chunkSize: Int) throws {
        for (name, data) in Self.encodings() {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID()).reg")
            try data.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let file = ImportedFile(path: "x.reg", url: url, serverHint: "srv")
            var streamed: [String] = []
            var numbers: [Int] = []
            try TextLineReader(file: file, chunkSize: chunkSize).forEachLine { number, line in
                numbers.append(number)
                streamed.append(line)
            }
            let whole = TextDecoder.lines(try TextDecoder.decode(data, file: "x.reg")).map(String.init)
            #expect(streamed == whole, "\(name), chunks of \(chunkSize)")
            #expect(numbers == Array(1...whole.count), "\(name)")
        }
    }

    @Test func anUnpairedSurrogateNamesItsLine() throws {
        var data = TestInput.utf16LEWithBOM("REGEDIT4\r\n\r\n")
        data.append(contentsOf: [0x00, 0xD8, 0x41, 0x00])  // a high surrogate, then 'A'
        let error = #expect(throws: InputError.self) {
            try TextLineReader(file: TestInput.file("s.reg", data)).forEachLine { _, _ in }
        }
        #expect(error?.line == 3)
    }
}
