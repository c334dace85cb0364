import EstateModel
import RuleAPI

/// RRAS IKEv2 fragmentation is not enabled.
public struct IKEv2FragmentationDisabledRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-fragmentation-disabled", title: "IKEv2 Fragmentation Disabled", module: IKEv2BaselineRules.module, severity: .medium,
        rationale: "Without IKEv2 fragmentation (RFC 7383), the certificate chain in IKE_AUTH is IP-fragmented; middleboxes drop the fragments and clients fail with error 809. RRAS supports it from Windows Server 1803 when EnableServerFragmentation is 1.",
        remediation: "Set HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\EnableServerFragmentation (DWORD) to 1 and restart RemoteAccess.",
        references: ["knowledge/ikev2-and-load-balancers.md §A4.1 (EnableServerFragmentation)", "RFC 7383"],
        triggeringExamples: [
            RuleExample("key exported without the value") { ExampleEstate.server { $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2] } },
            RuleExample("value 0") { ExampleEstate.server { $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]; $0.registry.enableServerFragmentation = ExampleEstate.fact(0) } },
        ],
        nonTriggeringExamples: [
            RuleExample("value 1") { ExampleEstate.server { $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]; $0.registry.enableServerFragmentation = ExampleEstate.fact(1) } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessIkev2RegistryValue(estate, report: &report, name: "EnableServerFragmentation", expected: 1,
                                 read: { $0.enableServerFragmentation }, consequence: "IKEv2 fragmentation is off")
    }
}
