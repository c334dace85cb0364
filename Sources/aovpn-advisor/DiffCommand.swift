import AdvisorCore
import ArgumentParser
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two assessments of an environment: new, resolved, unchanged and re-rated findings.",
        discussion: """
            Findings are matched by their fingerprint (rule, scope and the place of their evidence, \
            without line numbers), so a re-export that moved lines changes nothing. Without --from \
            and --to the latest assessment is compared with the one before it; assessment ids are \
            listed by 'environments list' and printed by 'assess'.

            Examples:
              aovpn-advisor diff -e contoso
              aovpn-advisor diff -e contoso --from 3 --to 7
              aovpn-advisor diff -e contoso --format json > changes.json
              aovpn-advisor diff -e contoso --format md >> migration-log.md
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, md
    }

    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Environment name (default: the database's only environment).")
    var environment: String?
    @Option(help: "The earlier assessment's id (default: the one before --to).")
    var from: Int64?
    @Option(help: "The later assessment's id (default: the latest).")
    var to: Int64?
    @Option(help: "Output: text, json or md.")
    var format: Format = .text

    func run() throws {
        try CommandFailure.mapping {
            let advisor = try database.advisor()
            let name = try advisor.resolveEnvironment(environment)
            let document = ChangesDocument(try advisor.changes(environment: name, from: from, to: to))
            switch format {
            case .text: print(document.text(environment: name), terminator: "")
            case .md: print(document.markdown(environment: name), terminator: "")
            case .json: print(String(decoding: try document.json(), as: UTF8.self))
            }
        }
    }
}
