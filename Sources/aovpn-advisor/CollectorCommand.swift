import AdvisorCore
import ArgumentParser
import Foundation

struct CollectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collector",
        abstract: "Write the collector script (Export-AovpnEstate.ps1) that exports everything the advisor reads.",
        discussion: """
            The script is generated from the advisor's own list of inputs, so it collects exactly \
            what the importers read; it is the same file as Scripts/Export-AovpnEstate.ps1. Run it \
            on a DirectAccess or RRAS server (or give it -ComputerName), then import the folder or \
            zip it writes.

            Examples:
              aovpn-advisor collector --output Export-AovpnEstate.ps1
              aovpn-advisor collector > Export-AovpnEstate.ps1
            On the server:
              .\\Export-AovpnEstate.ps1 -ComputerName DA01, DA02 -IncludeGpo -IncludeEvents -Zip
            """)

    @Option(help: "Write the script to this file (default: standard output).")
    var output: String?

    func run() throws {
        try CommandFailure.mapping {
            let script = CollectorScript.render(version: Advisor.version)
            if let output {
                try Data(script.utf8).write(to: URL(fileURLWithPath: output))
                print("Wrote \(output)")
            } else {
                print(script, terminator: "")
            }
        }
    }
}
