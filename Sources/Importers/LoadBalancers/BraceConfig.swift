import InputErrors

/// A statement of a brace-structured configuration (F5 tmsh / bigip.conf, NGINX): its words, its
/// block (nil when it has none) and the line it starts on.
struct BraceStatement: Equatable {
    var words: [String]
    var block: [BraceStatement]?
    var line: Int
    /// The file the statement was read from (differs from the importing file after an include).
    var origin: String = ""

    /// The first statement of the block whose first word is `keyword`.
    func child(_ keyword: String) -> BraceStatement? { block?.first { $0.words.first == keyword } }

    /// The words after `keyword` in the first such child statement.
    func value(_ keyword: String) -> [String]? { child(keyword).map { Array($0.words.dropFirst()) } }

    /// Every statement below this one, depth first.
    var descendants: [BraceStatement] { (block ?? []).flatMap { [$0] + $0.descendants } }
}

/// Parses `{ }` blocks, double-quoted strings and `#` comments. In tmsh style a statement ends at
/// the end of its line or of its block; in NGINX style it ends at `;` or at the end of its block.
struct BraceConfigParser {
    enum Style { case tmsh, nginx }

    let file: String
    let style: Style
    /// Deeper nesting is refused (real configurations stay below 10 levels).
    static let maxDepth = 64

    private enum Token: Equatable {
        case word(String)
        case open, close, end
    }

    func parse(_ text: String) throws -> [BraceStatement] {
        let tokens = try tokenize(text)
        var index = 0
        let statements = try parseBlock(tokens, &index, depth: 0, openedAt: 0)
        return statements
    }

    private func tokenize(_ text: String) throws -> [(Token, Int)] {
        var tokens: [(Token, Int)] = []
        var line = 1
        var word = ""
        var wordLine = 1
        let iterator = Array(text.unicodeScalars)
        var index = 0
        func flush() {
            if !word.isEmpty {
                tokens.append((.word(word), wordLine))
                word = ""
            }
        }
        while index < iterator.count {
            let character = iterator[index]
            switch character {
            case "\n":
                flush()
                if style == .tmsh { tokens.append((.end, line)) }
                line += 1
            case " ", "\t", "\r":
                flush()
            case "#" where word.isEmpty:
                while index + 1 < iterator.count, iterator[index + 1] != "\n" { index += 1 }
            case "{":
                flush()
                tokens.append((.open, line))
            case "}":
                flush()
                tokens.append((.close, line))
            case ";" where style == .nginx:
                flush()
                tokens.append((.end, line))
            case _ where character == "\"" || (character == "'" && style == .nginx):
                if word.isEmpty { wordLine = line }
                let quote = character
                let start = line
                index += 1
                var closed = false
                while index < iterator.count {
                    let next = iterator[index]
                    if next == "\\", index + 1 < iterator.count {
                        word.unicodeScalars.append(iterator[index + 1])
                        index += 2
                        continue
                    }
                    if next == quote {
                        closed = true
                        break
                    }
                    if next == "\n" { line += 1 }
                    word.unicodeScalars.append(next)
                    index += 1
                }
                guard closed else { throw InputError(file: file, line: start, message: "unterminated quoted string") }
                if word.isEmpty { tokens.append((.word(""), start)) }
            default:
                if word.isEmpty { wordLine = line }
                word.unicodeScalars.append(character)
            }
            index += 1
        }
        flush()
        return tokens
    }

    private func parseBlock(_ tokens: [(Token, Int)], _ index: inout Int, depth: Int, openedAt: Int) throws
        -> [BraceStatement]
    {
        var statements: [BraceStatement] = []
        var words: [String] = []
        var line = 0
        func finish(block: [BraceStatement]? = nil) {
            if !words.isEmpty || block != nil {
                statements.append(BraceStatement(words: words, block: block, line: line, origin: file))
            }
            words = []
        }
        while index < tokens.count {
            let (token, tokenLine) = tokens[index]
            index += 1
            switch token {
            case .word(let word):
                if words.isEmpty { line = tokenLine }
                words.append(word)
            case .end:
                if style == .nginx, words.isEmpty {
                    throw InputError(file: file, line: tokenLine, message: "';' without a directive")
                }
                finish()
            case .open:
                guard depth < Self.maxDepth else {
                    throw InputError(
                        file: file, line: tokenLine, message: "blocks nested more than \(Self.maxDepth) deep")
                }
                if words.isEmpty { line = tokenLine }
                let block = try parseBlock(tokens, &index, depth: depth + 1, openedAt: tokenLine)
                finish(block: block)
            case .close:
                guard depth > 0 else {
                    throw InputError(file: file, line: tokenLine, message: "'}' without a matching '{'")
                }
                if style == .nginx, !words.isEmpty {
                    throw InputError(
                        file: file, line: line, message: "directive '\(words[0])' is not terminated by ';'")
                }
                finish()
                return statements
            }
        }
        if depth > 0 { throw InputError(file: file, line: openedAt, message: "'{' is never closed") }
        if style == .nginx, !words.isEmpty {
            throw InputError(file: file, line: line, message: "directive '\(words[0])' is not terminated by ';'")
        }
        finish()
        return statements
    }
}
