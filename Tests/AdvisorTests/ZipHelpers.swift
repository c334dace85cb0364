import EstateModel
import Foundation
import ZIPFoundation

func makeZip(at url: URL, entries: [String: Data]) throws {
    let archive = try Archive(url: url, accessMode: .create)
    for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

extension Estate {
    /// The same estate with every evidence file path prefixed (a zip holding the folder).
    func withFilesPrefixed(_ prefix: String) -> Estate {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var json = String(decoding: try! encoder.encode(self), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"file\":\"", with: "\"file\":\"\(prefix)")
        return try! JSONDecoder().decode(Estate.self, from: Data(json.utf8))
    }
}
