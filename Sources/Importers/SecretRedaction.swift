import Foundation

/// Recognises secrets in raw text so that evidence never carries them: `secret = "..."` (netsh),
/// `-password ...` (ns.conf), pre-shared keys, and PEM private keys.
enum SecretRedaction {
    private static let assignment =
        #"(?i)((?:secret|password|passwd|passphrase|psk|presharedkey|sharedsecret)\s*=\s*)("[^"]*"|\S+)"#
    private static let option = #"(?i)(-(?:password|passwd|secret|passphrase|key|psk|sharedsecret)\s+)("[^"]*"|\S+)"#

    /// The text with every secret value replaced by `(redacted)`.
    static func redact(_ text: some StringProtocol) -> String {
        String(text)
            .replacingOccurrences(of: assignment, with: "$1(redacted)", options: .regularExpression)
            .replacingOccurrences(of: option, with: "$1(redacted)", options: .regularExpression)
    }

    /// Option or property names whose value is a secret in load balancer configurations: F5
    /// `passphrase`, `encrypted-password`, `secret`; Citrix `-password`, `-passphrase`,
    /// `-secret`, `-encrypted` (the value before it is an encrypted hash), `-radKey`, `-ldapBindDnPassword`.
    /// Not `key`: on both it names a key file (`-key vpn.key`, `key /Common/vpn.key`), not a secret.
    static let secretNames: Set<String> = [
        "passphrase", "encrypted-password", "password", "secret", "shared-secret", "key-passphrase", "passwd",
        "encrypted", "radkey", "ldapbinddnpassword", "psk", "presharedkey", "sharedsecret",
    ]

    /// True when the bytes hold a PEM private key (`-----BEGIN ... PRIVATE KEY-----`).
    static func containsPrivateKey(_ data: Data) -> Bool {
        // memchr + memcmp: Data.range(of:) is slow on Linux, and this scans every byte of every file.
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let begin = Array("-----BEGIN ".utf8)
            let marker = Array("PRIVATE KEY-----".utf8)
            func find(_ needle: [UInt8], from start: Int, within end: Int) -> Int? {
                var offset = start
                while offset + needle.count <= end, let hit = memchr(base + offset, Int32(needle[0]), end - offset) {
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if position + needle.count <= end, memcmp(base + position, needle, needle.count) == 0 {
                        return position
                    }
                    offset = position + 1
                }
                return nil
            }
            var offset = 0
            while let start = find(begin, from: offset, within: bytes.count) {
                if find(marker, from: start, within: min(bytes.count, start + 80)) != nil { return true }
                offset = start + begin.count
            }
            return false
        }
    }
}
