/// A finding's identity across assessments, so that the same problem is recognised after the
/// estate was exported again, even when the export moved lines. Public contract (report.json
/// `changes`, SARIF `partialFingerprints["aovpnFinding/v1"]`), documented in the README.
///
/// The identity is the rule id, the outcome, the scope (server, GPO, load balancer address …) and
/// the smallest (in text order) of its evidence items' file and location, with line numbers and
/// byte offsets removed
/// (`line 85, DAClient.ClientSettings.ForceTunnel` → `DAClient.ClientSettings.ForceTunnel`); the
/// fingerprint is `v1:` and the 64-bit FNV-1a hash of that text in hexadecimal. Values are left
/// out: a problem whose value changed (3DES to DES) is the same problem. When one assessment holds
/// the same identity more than once, the second gets `#2`, the third `#3`, in the order the rules
/// reported them.
public enum FindingFingerprint {
    /// The text that is hashed.
    public static func identity(of finding: Finding) -> String {
        // The smallest evidence identity, not the first: a rule that lists the same evidence in
        // another order keeps its fingerprint.
        let place = finding.evidence.map { "\($0.file)\u{1F}\(stableLocation($0.location))" }.min() ?? "\u{1F}"
        return [finding.ruleId, finding.outcome.rawValue, finding.server ?? "", place].joined(separator: "\u{1F}")
    }

    /// The fingerprints of `findings`, in order.
    public static func assign(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let hash = "v1:" + fnv1a(identity(of: finding))
            seen[hash, default: 0] += 1
            let count = seen[hash] ?? 1
            return count == 1 ? hash : "\(hash)#\(count)"
        }
    }

    /// `findings` with their ``Finding/fingerprint`` set (kept when already set).
    public static func fingerprinted(_ findings: [Finding]) -> [Finding] {
        guard findings.contains(where: { $0.fingerprint == nil }) else { return findings }
        let prints = assign(findings)
        return zip(findings, prints).map { finding, print in
            var finding = finding
            finding.fingerprint = finding.fingerprint ?? print
            return finding
        }
    }

    /// A location without the numbers that move when the export is written again: `line 12`,
    /// `lines 4-9`, `offset 8`, `byte offset 8` (anywhere in the text).
    public static func stableLocation(_ location: String) -> String {
        var words: [Substring] = []
        var skipNumber = false
        for word in location.split(separator: " ", omittingEmptySubsequences: true) {
            let bare = word.trimmingPunctuation
            if skipNumber, bare.first?.isNumber == true, bare.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "–" }) {
                skipNumber = false
                continue
            }
            skipNumber = ["line", "lines", "offset"].contains(bare.lowercased())
            if skipNumber { continue }
            if bare.lowercased() == "byte" { continue }
            words.append(word)
        }
        return words.joined(separator: " ").trimmingPunctuation.description
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, 16 hexadecimal digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Substring {
    /// Without leading and trailing commas, colons, parentheses and spaces.
    fileprivate var trimmingPunctuation: Substring {
        let strip: Set<Character> = [",", ":", ";", "(", ")", " "]
        var result = self
        while let first = result.first, strip.contains(first) { result = result.dropFirst() }
        while let last = result.last, strip.contains(last) { result = result.dropLast() }
        return result
    }
}

extension String {
    fileprivate var trimmingPunctuation: Substring { Substring(self).trimmingPunctuation }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in their first order: evidence lists stay in the same order
    /// from run to run (a `Set`'s order is not), so reports and fingerprints do not flicker.
    public var orderedUnique: [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
