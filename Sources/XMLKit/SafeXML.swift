import CLibXML2

/// The one place where libxml2 is configured. Every parser in XMLKit uses these options.
///
/// - External entities are never substituted (no `XML_PARSE_NOENT`) and no external DTD is loaded
///   (no `XML_PARSE_DTDLOAD`).
/// - `XML_PARSE_NONET` forbids network access, and the process-wide external entity loader refuses
///   every external resource, which also covers XSD imports (libxml2 ignores NONET there).
/// - `XML_PARSE_HUGE` is never used, so libxml2's depth and size limits stay in force.
/// - Entity reference loops are refused by libxml2 itself; documents with a DTD are refused by us.
public enum SafeXML {
    /// Parser options used for every document.
    public static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue)

    private static let once: Void = {
        xmlInitParser()
        // A loader that loads nothing: no file, no URL, whatever the document or schema asks.
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Initialises libxml2 once per process. Every XMLKit entry point calls it.
    public static func initialize() { _ = once }
}
