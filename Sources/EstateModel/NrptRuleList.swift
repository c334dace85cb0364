import Foundation

/// Where NRPT rules too many to hold in memory are kept (the store): a run of them read a page
/// at a time, in order.
public protocol NrptRulePages: AnyObject, Sendable {
    /// The rules at positions `range` of this run (`0..<count`), in order.
    func rules(in range: Range<Int>) -> [NrptRule]
}

/// The NRPT rules of one server. Held in memory, or, in an estate read from the store, read from
/// there a page at a time as they are iterated: a large export's hundreds of thousands of rules
/// never sit in memory at once, and rules, packs and planners iterate them as any collection.
/// Iterate (`for`, `filter`, `contains`, `lazy`) rather than copy into an array.
public struct NrptRuleList: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    /// Rules read per page from a run in the store.
    public static let pageSize = 1_000

    fileprivate enum Segment: Sendable {
        case held([NrptRule])
        case stored(any NrptRulePages, count: Int)

        var count: Int {
            switch self {
            case .held(let rules): rules.count
            case .stored(_, let count): count
            }
        }
    }

    private var segments: [Segment] = []
    /// Where each segment starts.
    private var starts: [Int] = []
    public private(set) var endIndex = 0
    public var startIndex: Int { 0 }

    public init() {}

    public init(arrayLiteral rules: NrptRule...) { append(contentsOf: rules) }

    public init(_ rules: some Sequence<NrptRule>) { append(contentsOf: rules) }

    /// `count` rules kept in `pages` (nothing is read until they are iterated).
    public init(stored pages: any NrptRulePages, count: Int) {
        add(.stored(pages, count: count))
    }

    /// Whether some rules are read from the store rather than held.
    public var isStored: Bool {
        segments.contains { if case .stored = $0 { true } else { false } }
    }

    private mutating func add(_ segment: Segment) {
        guard segment.count > 0 else { return }
        if case .held(let more) = segment, case .held(var last)? = segments.last {
            segments.removeLast()
            last.append(contentsOf: more)
            segments.append(.held(last))
            endIndex += more.count
            return
        }
        starts.append(endIndex)
        segments.append(segment)
        endIndex += segment.count
    }

    public mutating func append(_ rule: NrptRule) { add(.held([rule])) }

    public mutating func append(contentsOf rules: some Sequence<NrptRule>) { add(.held(Array(rules))) }

    /// Appends another list's rules (its stored runs stay in the store).
    public mutating func append(contentsOf other: NrptRuleList) {
        for segment in other.segments { add(segment) }
    }

    public static func += (list: inout NrptRuleList, rules: [NrptRule]) { list.append(contentsOf: rules) }

    public static func += (list: inout NrptRuleList, other: NrptRuleList) { list.append(contentsOf: other) }

    public mutating func removeAll() { self = NrptRuleList() }

    public subscript(position: Int) -> NrptRule {
        precondition(position >= 0 && position < endIndex, "NRPT rule index out of range")
        var low = 0
        var high = segments.count - 1
        while low < high {  // the last segment starting at or before `position`
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        let offset = position - starts[low]
        switch segments[low] {
        case .held(let rules): return rules[offset]
        case .stored(let pages, _): return pages.rules(in: offset..<(offset + 1))[0]
        }
    }

    /// Reads stored runs a page at a time: at most one page is held by an iteration.
    public struct Iterator: IteratorProtocol {
        fileprivate let segments: [Segment]
        fileprivate var segment = 0
        fileprivate var page: [NrptRule] = []
        fileprivate var inPage = 0
        fileprivate var pageStart = 0

        public mutating func next() -> NrptRule? {
            while segment < segments.count {
                if inPage < page.count {
                    defer { inPage += 1 }
                    return page[inPage]
                }
                switch segments[segment] {
                case .held(let rules) where pageStart == 0:
                    page = rules
                    pageStart = rules.count
                    inPage = 0
                    continue
                case .stored(let pages, let count) where pageStart < count:
                    let end = Swift.min(count, pageStart + NrptRuleList.pageSize)
                    page = pages.rules(in: pageStart..<end)
                    pageStart = end
                    inPage = 0
                    if !page.isEmpty { continue }
                default:
                    break
                }
                segment += 1
                page = []
                pageStart = 0
                inPage = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(segments: segments) }
}

extension NrptRuleList: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [NrptRule](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for rule in self { try container.encode(rule) }
    }
}

extension NrptRuleList: Hashable {
    public static func == (lhs: NrptRuleList, rhs: NrptRuleList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for rule in self { hasher.combine(rule) }
    }
}
