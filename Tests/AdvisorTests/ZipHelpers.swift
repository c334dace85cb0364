import EstateModel
import Foundation
import ZIPFoundation

func makeZip(at url: URL, entries: [String: Data]) throws {
    let archive = try Archive(url: url, accessMode: .create)
    for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate)
        { position, size in
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
        var estate = try! JSONDecoder().decode(Estate.self, from: Data(json.utf8))
        // A load balancer without a host name in its configuration is named after its file.
        for index in estate.loadBalancers.indices
        where estate.loadBalancers[index].evidence.file == prefix + estate.loadBalancers[index].name {
            estate.loadBalancers[index].name = prefix + estate.loadBalancers[index].name
        }
        return estate
    }
}
