import AdvisorCore
import ArgumentParser
import Foundation

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a large synthetic estate export, in the real formats, for benchmarks.",
        discussion: """
            Per server: Get-VpnServerConfiguration CLIXML, netsh ras dump and an IKEv2 .reg (UTF-16LE);
            for the estate: a Get-DnsClientNrptRule CLIXML and an NRPT .reg grown to the sizes asked.

            Examples:
              aovpn-advisor sample --out /tmp/estate --servers 200 --nrpt-rules 20000
              aovpn-advisor sample --out /tmp/big --servers 10 --clixml-mb 500 --reg-mb 200
            """)

    @Option(name: .long, help: "Output folder.")
    var out: String
    @Option(name: .long, help: "Number of RRAS servers.")
    var servers: Int = 200
    @Option(name: .long, help: "Number of NRPT rules (at least).")
    var nrptRules: Int = 20_000
    @Option(name: .long, help: "Minimum size of the NRPT CLIXML file in MiB.")
    var clixmlMb: Int = 0
    @Option(name: .long, help: "Minimum size of the NRPT .reg file in MiB.")
    var regMb: Int = 0

    func run() throws {
        try SampleEstateWriter(servers: servers, nrptRules: nrptRules, cliXmlMegabytes: clixmlMb, regMegabytes: regMb)
            .write(to: URL(fileURLWithPath: out))
        print("Wrote \(out)")
    }
}
