import Foundation
import InputErrors
import XMLKit

/// Reads a PowerShell CLIXML document (`Export-Clixml`) as it streams through libxml2's SAX2
/// parser, handing over one top-level value at a time. Handles Obj, TN/TNRef, Ref, Props and MS,
/// LST/IE/STK/QUE/DCT, every primitive tag, `_xHHHH_` escapes and SecureStrings (whose content
/// is never kept). Memory stays bounded by the largest top-level object and the `Ref` table.
final class CliXmlReader: XMLEventHandler {
    static let namespace = "http://schemas.microsoft.com/powershell/2004/04"

    /// How many completed objects stay resolvable by `<Ref>`. Export-Clixml writes one `Obj` per
    /// instance and Refs mostly point at repeated metadata (`__ClassMetadata`); remembering every
    /// object would make memory grow with the file. A Ref to a forgotten object reads as null and
    /// is counted (see `forgottenReferences`).
    static let maxRememberedObjects = 10_000
    /// The longest text value read (libxml2's own limit for a text node without XML_PARSE_HUGE).
    static let maxTextBytes = 10_000_000

    /// The kinds of element CLIXML has, found once per distinct name.
    enum Tag: Equatable {
        case objs, obj, tn, tnRef, t, toString, props, ms, list, dct, en, ref, nilValue, bool, secureString, bytes
        /// A primitive written as text (S, I32, DT ...).
        case text(String)
        /// Anything else: read as an empty scalar of that name, its content skipped.
        case other(String)

        init(_ name: String) {
            switch name {
            case "Objs": self = .objs
            case "Obj": self = .obj
            case "TN": self = .tn
            case "TNRef": self = .tnRef
            case "T": self = .t
            case "ToString": self = .toString
            case "Props": self = .props
            case "MS": self = .ms
            case "LST", "IE", "STK", "QUE": self = .list
            case "DCT": self = .dct
            case "En": self = .en
            case "Ref": self = .ref
            case "Nil": self = .nilValue
            case "B": self = .bool
            case "SS": self = .secureString
            case "BA": self = .bytes
            case _ where CliXmlReader.textTags.contains(name): self = .text(name)
            default: self = .other(name)
            }
        }
    }

    private static let textTags: Set<String> = [
        "S", "C", "DT", "TS", "By", "SB", "U16", "I16", "U32", "I32", "U64", "I64", "Sg", "Db", "D",
        "G", "URI", "Version", "SemanticVersion", "XD", "SBK", "PR",
    ]

    /// What an open element is, as far as its children are concerned.
    private enum Role {
        case root, object, members, entry, items, dictionary, typeNames, value, resolved
    }

    /// An open element.
    private struct Frame {
        var role: Role
        var tag: Tag
        var line: Int
        /// The `N` attribute: the member name in a Props/MS/En parent.
        var member: String?
        var object: PSObject?
        var refId: Int?
        var items: [PSValue] = []
        var entries: [(key: PSValue, value: PSValue)] = []
        var names: [String] = []
        var resolved: PSValue = .null
    }

    /// The members a caller reads of the classes that make up the bulk of large exports (NRPT
    /// rules, addresses). A top-level object of such a class is built with those members only:
    /// the others, its ToString and the metadata of its MS, stream by without a value, a String
    /// or a frame.
    /// An object inside a member skipped so is never built: a later `<Ref>` to one reads as null.
    struct BulkMembers: Sendable {
        /// Lower-cased CIM class name → index in `names`.
        fileprivate let classes: [String: Int]
        /// Per class, the member names as lower-cased ASCII bytes.
        fileprivate let names: [[[UInt8]]]

        /// `members`: CIM class name (any case) → the member names read.
        init(_ members: [String: [String]]) {
            var classes: [String: Int] = [:]
            var names: [[[UInt8]]] = []
            for (name, read) in members.sorted(by: { $0.key < $1.key }) {
                classes[name.lowercased()] = names.count
                names.append(read.map { Array($0.lowercased().utf8) })
            }
            self.classes = classes
            self.names = names
        }

        /// Every object built whole.
        static let none = BulkMembers([:])

        fileprivate func contains(_ name: UnsafeBufferPointer<UInt8>, inClass index: Int) -> Bool {
            names[index].contains { candidate in
                guard candidate.count == name.count else { return false }
                for offset in 0..<name.count {
                    let byte = name[offset]
                    if ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) != candidate[offset] { return false }
                }
                return true
            }
        }
    }

    let file: String
    private let handle: (PSValue, Int) throws -> Void
    private let bulkMembers: BulkMembers
    // The state touched on every event. Dynamic exclusivity checks on these class properties cost
    // about a tenth of the import; every access is from the parser's callbacks, one at a time.
    @exclusivity(unchecked) private var stack: [Frame] = []
    /// Elements being skipped (children of a text value, unknown elements): depth below the skip point.
    @exclusivity(unchecked) private var skipDepth = 0
    @exclusivity(unchecked) private var text: [UInt8] = []
    @exclusivity(unchecked) private var tags: [UInt: Tag] = [:]
    @exclusivity(unchecked) private var rootClosed = false
    @exclusivity(unchecked) private var typeNames: [Int: [String]] = [:]
    @exclusivity(unchecked) private var objectsByRefId: [Int: PSObject] = [:]
    /// RefIds in the order their objects completed, to forget the oldest beyond the limit.
    @exclusivity(unchecked) private var rememberedOrder: [Int] = []
    @exclusivity(unchecked) private var forgottenCount = 0
    /// How many completed objects this reader keeps resolvable (see `maxRememberedObjects`).
    private let rememberLimit: Int
    /// Objects whose end tag has not been read yet: a Ref to one of them is a cycle.
    @exclusivity(unchecked) private var openRefIds: Set<Int> = []
    /// Refs that named an object already forgotten.
    private(set) var forgottenReferences = 0
    /// Lines where a SecureString was found.
    private(set) var secureStringLines: [Int] = []
    /// The bulk class (index in `bulkMembers`) of the top-level object being read, or -1.
    @exclusivity(unchecked) private var bulk = -1
    /// The bulk class of each `<TN>` (by RefId), worked out once.
    @exclusivity(unchecked) private var bulkOfTypeNames: [Int: Int] = [:]
    /// RefIds that are not decimal numbers (PowerShell writes numbers), keyed below zero.
    @exclusivity(unchecked) private var otherRefIds: [String: Int] = [:]
    /// Whether bulk members were skipped unbuilt (a Ref to an unknown id is then no error).
    @exclusivity(unchecked) private var skippedInBulk = false
    /// Whether the elements being skipped are a bulk object's member: a `<TN>` in it is still
    /// recorded, since a later `<TNRef>` may name it.
    @exclusivity(unchecked) private var skippingBulkMember = false
    /// A `<TN>` met while skipping: its RefId, the skip depth of its start tag, the names so far.
    @exclusivity(unchecked) private var skippedTypeNames: (refId: Int, depth: Int, names: [String])?
    /// Whether the text being read is a `<T>` of `skippedTypeNames`.
    @exclusivity(unchecked) private var inSkippedTypeName = false

    init(
        file: String, rememberLimit: Int = CliXmlReader.maxRememberedObjects, bulkMembers: BulkMembers = .none,
        handle: @escaping (PSValue, Int) throws -> Void
    ) {
        self.file = file
        self.rememberLimit = rememberLimit
        self.bulkMembers = bulkMembers
        self.handle = handle
    }

    /// Reads a whole document: `feed` passes the file's bytes, in pieces, to the parser.
    func read(_ feed: (XMLEventParser) throws -> Void) throws {
        let parser = XMLEventParser(file: file, handler: self)
        try feed(parser)
        try parser.finish()
        guard rootClosed else {
            throw InputError(file: file, line: 0, message: "not a CLIXML document: no <Objs> element")
        }
    }

    // MARK: - Events

    func startElement(_ name: XMLEventParser.Name, attributes: XMLEventParser.Attributes, line: Int) throws {
        if skipDepth > 0 {
            skipDepth += 1
            if skippingBulkMember { noteSkippedTypeNames(tag(name), attributes: attributes) }
            return
        }
        let tag = self.tag(name)
        guard !stack.isEmpty else {
            guard tag == .objs, !rootClosed else {
                throw InputError(
                    file: file, line: line, message: "not a CLIXML document: the root element must be <Objs>")
            }
            return stack.append(Frame(role: .root, tag: tag, line: line))
        }
        // Fields are read in place: copying the whole frame would retain all it holds.
        let top = stack.count - 1
        switch stack[top].role {
        case .value, .resolved:
            skipDepth = 1  // a primitive's content is text only
        case .typeNames:
            if tag == .t { stack.append(Frame(role: .value, tag: tag, line: line)) } else { skipDepth = 1 }
        case .dictionary:
            if tag == .en {
                stack.append(Frame(role: .entry, tag: tag, line: line, object: PSObject(line: line)))
            } else {
                skipDepth = 1
            }
        case .object:
            switch tag {
            case .tn: stack.append(Frame(role: .typeNames, tag: tag, line: line, refId: refKey(attributes)))
            case .tnRef:
                let id = refKey(attributes)
                guard let id, let names = typeNames[id] else {
                    let written = attributes.value("RefId") ?? ""
                    throw InputError(
                        file: file, line: line, message: "<TNRef RefId=\"\(written)\"> names no earlier <TN>")
                }
                stack[top].object?.typeNames = names
                if stack.count == 2 { bulk = bulkClass(of: names, refId: id) }
                skipDepth = 1
            case .toString:
                // A bulk object's ToString is not read (the mapper names it by its class).
                if bulk >= 0, stack.count == 2 {
                    skipDepth = 1
                } else {
                    stack.append(Frame(role: .value, tag: tag, line: line))
                }
            case .props, .ms: stack.append(Frame(role: .members, tag: tag, line: line, object: stack[top].object))
            case .list: stack.append(Frame(role: .items, tag: tag, line: line))
            case .dct: stack.append(Frame(role: .dictionary, tag: tag, line: line))
            default: try startValue(tag, attributes: attributes, line: line, member: nil)  // an enum's value
            }
        case .root, .items:
            try startValue(tag, attributes: attributes, line: line, member: nil)
        case .members, .entry:
            // A bulk object's own members: only those its reader uses are built.
            if bulk >= 0, stack.count == 3, stack[top].role == .members {
                guard let name = attributes.bytes("N"), bulkMembers.contains(name, inClass: bulk) else {
                    skipDepth = 1
                    skippedInBulk = true
                    skippingBulkMember = true
                    noteSkippedTypeNames(tag, attributes: attributes)
                    return
                }
            }
            try startValue(
                tag, attributes: attributes, line: line, member: attributes.value("N").map(CliXmlEscaping.decode))
        }
    }

    private func startValue(_ tag: Tag, attributes: XMLEventParser.Attributes, line: Int, member: String?) throws {
        switch tag {
        case .obj:
            let refId = refKey(attributes)
            // A <Ref> may only name an object that is complete (Export-Clixml writes Refs to
            // earlier objects), so an object is registered at its end tag: no reference cycles.
            if let refId { openRefIds.insert(refId) }
            stack.append(
                Frame(role: .object, tag: tag, line: line, member: member, object: PSObject(line: line), refId: refId))
        case .ref:
            let id = refKey(attributes) ?? Int.min
            var value = PSValue.null  // a cycle back to an enclosing object is broken here
            if !openRefIds.contains(id) {
                if let object = objectsByRefId[id] {
                    value = .object(object)
                } else if forgottenCount > 0 {
                    // Once objects have been forgotten, an unknown id is most likely one of them.
                    forgottenReferences += 1
                } else if !skippedInBulk {
                    let written = attributes.value("RefId") ?? ""
                    throw InputError(
                        file: file, line: line, message: "<Ref RefId=\"\(written)\"> names no earlier object")
                }
            }
            stack.append(Frame(role: .resolved, tag: tag, line: line, member: member, resolved: value))
        case .secureString:
            secureStringLines.append(line)
            stack.append(Frame(role: .value, tag: tag, line: line, member: member))
        default:
            stack.append(Frame(role: .value, tag: tag, line: line, member: member))
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws {
        if inSkippedTypeName, text.count + bytes.count <= Self.maxTextBytes { text.append(contentsOf: bytes) }
        guard skipDepth == 0, !stack.isEmpty else { return }
        let top = stack.count - 1
        switch stack[top].role {
        case .value:
            switch stack[top].tag {
            case .secureString, .nilValue, .other: return  // never kept, or nothing to keep
            default: break
            }
            guard text.count + bytes.count <= Self.maxTextBytes else {
                throw InputError(
                    file: file, line: line, message: "text value longer than \(Self.maxTextBytes / 1_000_000) MB")
            }
            text.append(contentsOf: bytes)
        case .root:
            if bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) {
                throw InputError(file: file, line: line, message: "unexpected text directly inside <Objs>")
            }
        default:
            return
        }
    }

    func endElement(line: Int) throws {
        if skipDepth > 0 {
            if let skipped = skippedTypeNames {
                if inSkippedTypeName, skipDepth == skipped.depth + 1 {
                    skippedTypeNames?.names.append(String(decoding: text, as: UTF8.self))
                    text.removeAll(keepingCapacity: true)
                    inSkippedTypeName = false
                } else if skipDepth == skipped.depth {
                    typeNames[skipped.refId] = skipped.names
                    skippedTypeNames = nil
                }
            }
            skipDepth -= 1
            if skipDepth == 0 { skippingBulkMember = false }
            return
        }
        guard let frame = stack.popLast() else { return }
        let value: PSValue
        switch frame.role {
        case .root:
            rootClosed = true
            return
        case .value:
            let content = String(decoding: text, as: UTF8.self)
            text.removeAll(keepingCapacity: true)
            switch frame.tag {
            case .t:
                stack[stack.count - 1].names.append(content)
                return
            case .toString:
                stack.last?.object?.toString = CliXmlEscaping.decode(content)
                return
            case .nilValue: value = .null
            case .bool:
                switch content.trimmedWhitespace.lowercased() {
                case "true": value = .bool(true)
                case "false": value = .bool(false)
                default:
                    throw InputError(
                        file: file, line: line, message: "<B> holds '\(content.trimmedWhitespace)', not true or false")
                }
            case .secureString: value = .secureString
            case .bytes:
                // Base64, kept only when small enough to be a certificate's RawData (read for its DER).
                let base64 = content.utf8.filter { !($0 == 0x20 || (0x09...0x0D).contains($0)) }
                value = .bytes(
                    count: base64.count * 3 / 4,
                    base64: base64.count <= PSValue.maxKeptBase64 ? String(decoding: base64, as: UTF8.self) : nil)
            case .text(let name):
                value = .scalar(tag: name, text: name == "S" || name == "C" ? CliXmlEscaping.decode(content) : content)
            case .other(let name): value = .scalar(tag: name, text: "")
            default: value = .scalar(tag: "", text: "")
            }
        case .resolved:
            value = frame.resolved
        case .object:
            guard let object = frame.object else { return }
            if let refId = frame.refId {
                openRefIds.remove(refId)
                remember(object, as: refId)
            }
            if stack.count == 1 { bulk = -1 }  // a top-level object ends
            value = .object(object)
        case .members:
            return  // the members were set on the object as they came
        case .entry:
            let entry = frame.object
            stack[stack.count - 1].entries.append((entry?["Key"] ?? .null, entry?["Value"] ?? .null))
            return
        case .items:
            stack.last?.object?.items = frame.items
            return
        case .dictionary:
            stack.last?.object?.dictionary = frame.entries
            return
        case .typeNames:
            stack.last?.object?.typeNames = frame.names
            if let refId = frame.refId { typeNames[refId] = frame.names }
            if stack.count == 2 { bulk = bulkClass(of: frame.names, refId: frame.refId) }
            return
        }
        try deliver(value, from: frame)
    }

    /// Hands a complete value to the element that holds it.
    private func deliver(_ value: PSValue, from frame: Frame) throws {
        let parent = stack.count - 1
        switch stack[parent].role {
        case .root: try handle(value, frame.line)
        case .members, .entry:
            if let member = frame.member { stack[parent].object?.set(member, value, line: frame.line) }
        case .items: stack[parent].items.append(value)
        case .object:
            // An enum's value: a primitive, never an object.
            if value.object == nil { stack[parent].object?.primitive = value }
        default: break
        }
    }

    /// The `RefId` attribute as a key: its number (without building a String), or for an id
    /// that is not a decimal number one below zero, the same for the same text.
    private func refKey(_ attributes: XMLEventParser.Attributes) -> Int? {
        guard let bytes = attributes.bytes("RefId") else { return nil }
        if !bytes.isEmpty, bytes.count <= 18, bytes.count == 1 || bytes[0] != 0x30 {
            var number = 0
            var decimal = true
            for byte in bytes {
                guard (0x30...0x39).contains(byte) else {
                    decimal = false
                    break
                }
                number = number * 10 + Int(byte - 0x30)
            }
            if decimal { return number }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let known = otherRefIds[text] { return known }
        let key = -1 - otherRefIds.count
        otherRefIds[text] = key
        return key
    }

    /// Keeps the type names of a `<TN>` inside a skipped bulk member (at most one is open).
    private func noteSkippedTypeNames(_ tag: Tag, attributes: XMLEventParser.Attributes) {
        if tag == .tn, skippedTypeNames == nil, let refId = refKey(attributes) {
            skippedTypeNames = (refId, skipDepth, [])
        } else if tag == .t, let skipped = skippedTypeNames, skipDepth == skipped.depth + 1 {
            inSkippedTypeName = true
            text.removeAll(keepingCapacity: true)
        }
    }

    /// The bulk class of an object with these type names, or -1 (once per `<TN>`).
    private func bulkClass(of names: [String], refId: Int?) -> Int {
        guard !bulkMembers.classes.isEmpty else { return -1 }
        if let refId, let known = bulkOfTypeNames[refId] { return known }
        let index = PSObject.cimClassName(of: names).flatMap { bulkMembers.classes[$0.lowercased()] } ?? -1
        if let refId { bulkOfTypeNames[refId] = index }
        return index
    }

    private func tag(_ name: XMLEventParser.Name) -> Tag {
        if let known = tags[name.token] { return known }
        let tag = Tag(name.string)
        tags[name.token] = tag
        return tag
    }

    private func remember(_ object: PSObject, as refId: Int) {
        objectsByRefId[refId] = object
        rememberedOrder.append(refId)
        if rememberedOrder.count > rememberLimit * 2 {
            // Forget the oldest half in one go (amortised constant time per object).
            for id in rememberedOrder.prefix(rememberLimit) { objectsByRefId[id] = nil }
            rememberedOrder.removeFirst(rememberLimit)
            forgottenCount += rememberLimit
        }
    }
}
