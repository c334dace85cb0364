/// Escapes text for a Markdown table cell or paragraph: `|` cannot split a cell, newlines cannot
/// end a row, and HTML or emphasis characters are shown literally.
enum MarkdownEscaping {
    static func escape(_ text: String) -> String {
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
