/// Escapes text for a Markdown table cell or paragraph: `|` cannot split a cell, newlines cannot
/// end a row, and HTML or emphasis characters are shown literally.
enum MarkdownEscaping {
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape: a byte scan says so without walking characters.
        guard
            text.utf8.contains(where: { byte in
                switch byte {
                case 0x7C, 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x23, 0x0A, 0x0D: return true
                default: return false
                }
            })
        else { return text }
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#":
                result.append("\\")
                result.append(character)
            case "\n", "\r\n", "\r":
                result.append("<br>")
            default:
                result.append(character)
            }
        }
        return result
    }
}
