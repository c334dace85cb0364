import Foundation

/// Recognises secrets in raw text so that evidence never carries them: `secret = "..."` (netsh),
/// `-password ...` (ns.conf), pre-shared keys, and PEM private keys.
enum SecretRedaction {
    private static let assignment = #"(?i)((?:secret|password|passwd|passphrase|psk|presharedkey|sharedsecret)\s*=\s*)("[^"]*"|\S+)"#
    private static let option = #"(?i)(-(?:password|passwd|secret|passphrase|key|psk|sharedsecret)\s+)("[^"]*"|\S+)"#

    /// The text with every secret value replaced by `(redacted)`.
    static func redact(_ text: some StringProtocol) -> String {
        String(text)
            .replacingOccurrences(of: assignment, with: "$1(redacted)", options: .regularExpression)
            .replacingOccurrences(of: option, with: "$1(redacted)", options: .regularExpression)
    }

    /// True when the bytes hold a PEM private key (`-----BEGIN ... PRIVATE KEY-----`).
    static func containsPrivateKey(_ data: Data) -> Bool {
        guard let begin = data.range(of: Data("-----BEGIN ".utf8)) else { return false }
        let window = data[begin.lowerBound..<min(data.endIndex, begin.lowerBound + 80)]
        return window.range(of: Data("PRIVATE KEY-----".utf8)) != nil
    }
}
