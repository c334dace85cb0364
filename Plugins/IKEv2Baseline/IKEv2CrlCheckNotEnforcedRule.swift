import EstateModel
import RuleAPI

/// IKEv2 machine-certificate revocation checking is not enforced.
public struct IKEv2CrlCheckNotEnforcedRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "ikev2-crl-check-not-enforced", title: "IKEv2 Certificate Revocation Not Enforced", module: IKEv2BaselineRules.module, severity: .medium,
        rationale: "RRAS does not check revocation of IKEv2 client certificates unless CertAuthFlags is 4: a revoked device certificate keeps connecting the device tunnel.",
        remediation: "Set HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\CertAuthFlags (DWORD) to 4 (needs KB4505658 on Server 2019 or KB4503294 on 2016) and restart RemoteAccess.",
        references: ["knowledge/ikev2-and-load-balancers.md §A4.1 (CertAuthFlags)"],
        triggeringExamples: [
            RuleExample("CertAuthFlags 2") { ExampleEstate.server { $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]; $0.registry.certAuthFlags = ExampleEstate.fact(2) } },
        ],
        nonTriggeringExamples: [
            RuleExample("CertAuthFlags 4") { ExampleEstate.server { $0.registry.exportedKeys = [ServerRegistry.remoteAccessIkev2]; $0.registry.certAuthFlags = ExampleEstate.fact(4) } },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        assessIkev2RegistryValue(estate, report: &report, name: "CertAuthFlags", expected: 4,
                                 read: { $0.certAuthFlags }, consequence: "revocation is not checked")
    }
}
