/// IPv4 addresses as 32-bit numbers, for prefix arithmetic (routes, RADIUS client ranges).
public enum IPv4 {
    /// `a.b.c.d` as a number; nil for anything else (IPv6, names, out-of-range octets).
    public static func value(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    /// The network mask of a prefix length (0–32).
    public static func mask(_ prefix: Int) -> UInt32 {
        prefix <= 0 ? 0 : prefix >= 32 ? UInt32.max : UInt32.max << UInt32(32 - prefix)
    }

    /// True when `address` lies in `network`/`prefix`.
    public static func contains(network: UInt32, prefix: Int, _ address: UInt32) -> Bool {
        network & mask(prefix) == address & mask(prefix)
    }
}
