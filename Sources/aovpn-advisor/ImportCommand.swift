import AdvisorCore
import ArgumentParser
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an export (folder, .zip or files) into the database.",
        discussion: """
            Formats are recognised from content: PowerShell CLIXML (UTF-16LE or UTF-8, cmdlet objects and \
            certificate stores), .reg exports (version 5.00 or REGEDIT4), 'netsh ras dump', 'netsh http \
            show sslcert', certificates (.cer/.crt, DER or PEM), ProfileXML, load balancer configurations \
            (F5 bigip.conf, Citrix ns.conf, Kemp listvs XML, NGINX), and the files of Hicks' \
            Get-RrasConfiguration.ps1 RasData folder or zip (PowerShell formatted text, systeminfo, \
            ipconfig /all; each file's server is its <host>_ prefix). Either the whole import lands or \
            nothing does; with --keep-going the malformed files are refused (each listed with its \
            line and problem, here and in every report) and the good ones land. Re-importing an \
            identical file (same SHA-256) adds nothing.

            Examples:
              aovpn-advisor import Examples/contoso
              aovpn-advisor import export.zip --environment contoso --db estate.sqlite
              aovpn-advisor import collected/ --keep-going
              aovpn-advisor import rras01.zip --environment branch-vpn
            """)

    @Argument(help: "Folders, zip files or single export files.")
    var paths: [String]

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var keepGoing: KeepGoingOption
    @OptionGroup var userNames: KeepUserNamesOption

    func run() throws {
        try CommandFailure.mapping {
            let advisor = try database.advisor()
            for path in paths {
                let outcome = try runImport(
                    advisor: advisor, path: path, environment: environment.environment,
                    keepGoing: keepGoing.keepGoing, keepUserNames: userNames.keepUserNames)
                print(Self.summary(outcome))
            }
        }
    }

    static func summary(_ outcome: Advisor.ImportOutcome) -> String {
        var lines = [
            "Imported into environment '\(outcome.environment)': \(outcome.added.count) file(s) added, \(outcome.alreadyImported.count) already imported."
        ]
        for (kind, count) in outcome.objectCounts.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(kind): \(count)")
        }
        for skipped in outcome.skipped { lines.append("  skipped \(skipped.path): \(skipped.reason)") }
        for refused in outcome.refused {
            lines.append("  refused \(refused.path)\(refused.line > 0 ? ":\(refused.line)" : ""): \(refused.problem)")
        }
        if !outcome.notUnderstood.isEmpty {
            lines.append("  not understood: \(outcome.notUnderstood.count) object(s), listed in the report")
            for item in outcome.notUnderstood.prefix(10) {
                lines.append("    \(item.kind) (\(item.evidence.file), \(item.evidence.location))")
            }
        }
        for secret in outcome.secrets {
            lines.append(
                "  secret present, not stored: \(secret.kind) (\(secret.evidence.file), \(secret.evidence.location))")
        }
        return lines.joined(separator: "\n")
    }
}

/// Imports with progress on stderr when it is a terminal.
func runImport(
    advisor: Advisor, path: String, environment: String?, keepGoing: Bool, keepUserNames: Bool = false
) throws -> Advisor.ImportOutcome {
    let showProgress = stderrIsTerminal
    return try advisor.importExport(
        at: path, environment: environment, keepGoing: keepGoing, keepUserNames: keepUserNames
    ) { done, total, file in
        guard showProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(file)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// `--keep-going`: import the good files of a bundle and refuse the malformed ones.
struct KeepGoingOption: ParsableArguments {
    @Flag(
        name: .long,
        help: "Import the good files and list each malformed one (file, line, problem) instead of importing nothing.")
    var keepGoing = false
}

/// `--keep-user-names`: keep the user names of imported events (personal data; counted otherwise).
struct KeepUserNamesOption: ParsableArguments {
    @Flag(
        name: .long,
        help:
            "Keep the user names Windows events carry (personal data); by default only their number per error code is kept."
    )
    var keepUserNames = false
}
