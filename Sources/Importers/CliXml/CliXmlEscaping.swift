/// PowerShell's own string escaping inside CLIXML (MS-PSRP 2.2.5.3.2): control characters and
/// surrogates are written as `_xHHHH_` (a UTF-16 code unit); a literal `_x` that would look like an
/// escape is written `_x005F_`. Decoded left to right, non-overlapping.
enum CliXmlEscaping {
    static func decode(_ text: String) -> String {
        guard mayContainEscape(text) else { return text }
        let source = Array(text.utf16)
        var units: [UInt16] = []
        units.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if source[index] == 0x5F, index + 6 < source.count, source[index + 1] == 0x78,
                source[index + 6] == 0x5F, let unit = hexValue(source[(index + 2)...(index + 5)])
            {
                units.append(unit)
                index += 7
            } else {
                units.append(source[index])
                index += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// A byte scan for `_x` (most strings have none; this runs for every string of an export).
    private static func mayContainEscape(_ text: String) -> Bool { text.containsBytes("_x") }

    private static func hexValue(_ digits: ArraySlice<UInt16>) -> UInt16? {
        var value: UInt16 = 0
        for digit in digits {
            let nibble: UInt16
            switch digit {
            case 0x30...0x39: nibble = digit - 0x30
            case 0x41...0x46: nibble = digit - 0x41 + 10
            case 0x61...0x66: nibble = digit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | nibble
        }
        return value
    }
}
