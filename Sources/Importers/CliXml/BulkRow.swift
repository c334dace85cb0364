/// A top-level object of a class read in bulk (NRPT rules), read straight from the SAX events:
/// for each member its mapper reads (by position in ``CliXmlReader/BulkMembers``' list for the
/// class), the texts and the line it started on. No `PSObject` and no `PSValue` is built.
struct BulkRow {
    /// A member as `PSValue` would give it: `texts` (a string: one; `<Nil>`: none; a string array:
    /// its items' texts) and `text` (a string's; nil for `<Nil>` and arrays).
    struct Member {
        var texts: [String]
        var isList: Bool
        var line: Int

        var text: String? { isList ? nil : texts.first }
    }

    var typeNames: [String]
    /// Line of the `<Obj>` start tag.
    var line: Int
    var members: [Member?]
}

/// Thrown when a document uses what rows do not read (a `<Ref>` that may name an object inside
/// a row, or a member written in another form): the file is read again with every object built.
struct RowsNeedObjects: Error {}
