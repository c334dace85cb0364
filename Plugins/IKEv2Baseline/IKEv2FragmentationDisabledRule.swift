import EstateModel
import RuleAPI

/// RRAS IKEv2 fragmentation is not enabled (Windows Server 1803 and later), or the server is too
/// old to offer it.
public struct IKEv2FragmentationDisabledRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-fragmentation-disabled", title: "IKEv2 Fragmentation Disabled", module: IKEv2BaselineRules.module,
        severity: .medium,
        rationale:
            "Without IKEv2 fragmentation (RFC 7383), the certificate chain in IKE_AUTH is IP-fragmented; middleboxes drop the fragments and clients fail with error 809. RRAS supports it from Windows Server 1803 (build 17134) when EnableServerFragmentation is 1; older builds cannot offer it at all. The rule needs the server's build (Win32_OperatingSystem or the CurrentVersion key): without it, it is not assessed.",
        remediation:
            "Set HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\EnableServerFragmentation (DWORD) to 1, then restart the server (Hicks: the server must be restarted for the change to take effect). Builds older than 17134 must be upgraded (Windows Server 2019 or later) to get IKEv2 fragmentation.",
        references: [PublicSource.hicksFragmentationScript, PublicSource.rfc7383],
        triggeringExamples: [
            RuleExample("Server 2019, key exported without the value") {
                ExampleEstate.server {
                    $0.operatingSystem = OperatingSystemInfo(build: ExampleEstate.fact(WindowsBuild.server2019))
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                }
            },
            RuleExample("Server 2019, value 0") {
                ExampleEstate.server {
                    $0.operatingSystem = OperatingSystemInfo(build: ExampleEstate.fact(WindowsBuild.server2019))
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                    $0.registry.enableServerFragmentation = ExampleEstate.fact(0)
                }
            },
            RuleExample("Server 2016 cannot fragment IKEv2") {
                ExampleEstate.server {
                    $0.operatingSystem = OperatingSystemInfo(build: ExampleEstate.fact(14393))
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("Server 2019, value 1") {
                ExampleEstate.server {
                    $0.operatingSystem = OperatingSystemInfo(build: ExampleEstate.fact(WindowsBuild.server2019))
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                    $0.registry.enableServerFragmentation = ExampleEstate.fact(1)
                }
            }
        ],
        notAssessedExamples: [
            RuleExample("the build is unknown") {
                ExampleEstate.server {
                    $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]
                    $0.registry.enableServerFragmentation = ExampleEstate.fact(0)
                }
            }
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        var current: [Server] = []
        for server in estate.vpnServers {
            guard let build = server.operatingSystem?.build else {
                report.notAssessed(
                    server,
                    "the server's Windows build is unknown (export Get-CimInstance Win32_OperatingSystem or the CurrentVersion key): IKEv2 fragmentation needs build \(WindowsBuild.server1803) or later"
                )
                continue
            }
            if build.value < WindowsBuild.server1803 {
                report.finding(
                    server,
                    "\(server.displayName) runs build \(build.value), older than Windows Server 1803 (build \(WindowsBuild.server1803)): RRAS cannot fragment IKEv2, so clients behind networks that drop IP fragments fail with error 809.",
                    evidence: [build.evidence],
                    remediation:
                        "Upgrade the server to Windows Server 2019 or later, then set EnableServerFragmentation to 1 and restart it; until then prefer SSTP for clients on networks that drop fragments."
                )
            } else {
                current.append(server)
            }
        }
        assessIkev2RegistryValue(
            Estate(servers: current), report: &report, name: "EnableServerFragmentation", expected: 1,
            read: { $0.enableServerFragmentation }, consequence: "IKEv2 fragmentation is off")
    }
}
