import AdvisorCore
import ArgumentParser
import Foundation

struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract:
            "Explain pilot failures: group the failed connections in imported events and name the findings consistent with each.",
        discussion: """
            Give the event exports to import first (wevtutil XML, UTF-8 or UTF-16), or import \
            them earlier with 'import'. Failures are grouped by error or reason code; each group \
            shows the code's documented meaning and the latest assessment's findings that are \
            consistent with it, ranked, or what to collect next when none is. User names are \
            counted, not kept, unless --keep-user-names.

            Export the client events with:
              wevtutil qe Application /q:"*[System[Provider[@Name='RasClient']]]" /f:xml > rasclient.xml
            the NPS decisions with:
              wevtutil qe Security /q:"*[System[(EventID=6272 or EventID=6273)]]" /f:xml > nps.xml
            and convert a saved .evtx with:
              wevtutil qe saved.evtx /lf:true /f:xml > saved.xml

            Examples:
              aovpn-advisor diagnose -e contoso pilot-events/
              aovpn-advisor diagnose -e contoso --format json > diagnosis.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Event exports (folders, zips or files) to import into the environment first.")
    var paths: [String] = []
    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Environment name (default: the database's only environment).")
    var environment: String?
    @OptionGroup var userNames: KeepUserNamesOption
    @Option(help: "Output: text or json.")
    var format: Format = .text

    func run() throws {
        try CommandFailure.mapping {
            let advisor = try database.advisor()
            let name = try advisor.resolveEnvironment(environment)
            for path in paths {
                let outcome = try runImport(
                    advisor: advisor, path: path, environment: name, keepGoing: false,
                    keepUserNames: userNames.keepUserNames)
                printError(ImportCommand.summary(outcome))
            }
            let diagnosis = try advisor.diagnose(environment: name)
            switch format {
            case .text: print(diagnosis.text(environment: name), terminator: "")
            case .json: print(String(decoding: try diagnosis.json(), as: UTF8.self))
            }
        }
    }
}
