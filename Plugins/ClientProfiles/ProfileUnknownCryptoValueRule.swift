import EstateModel
import RuleAPI

/// A CryptographySuite value the CSP does not know (a typo, or PowerShell's spelling).
public struct ProfileUnknownCryptoValueRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-unknown-crypto-value", title: "Unknown CryptographySuite Value",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "Each CryptographySuite element accepts a fixed list of values spelled as the VPNv2 CSP wants them; the client's EncryptionMethod takes AES_GCM_128 where the server's PowerShell takes GCMAES128. A typo such as GSMAES128, or the server spelling, was silently replaced by DES in richardhicks/aovpn #15.",
        remediation:
            "Use one of the CSP's values for each element (see the message for the nearest valid value): AuthenticationTransformConstants MD596|SHA196|SHA256128|GCMAES128|GCMAES192|GCMAES256, CipherTransformConstants DES|DES3|AES128|AES192|AES256|GCMAES128|GCMAES192|GCMAES256, EncryptionMethod DES|DES3|AES128|AES192|AES256|AES_GCM_128|AES_GCM_256, IntegrityCheckMethod MD5|SHA196|SHA256|SHA384, DHGroup Group1|Group2|Group14|ECP256|ECP384|Group24, PfsGroup PFS1|PFS2|PFS2048|ECP256|ECP384|PFSMM|PFS24.",
        references: [
            PublicSource.profileXSD, PublicSource.vpnv2CSP, "https://github.com/richardhicks/aovpn/issues/15",
        ],
        triggeringExamples: [
            RuleExample("GSMAES128 typo") {
                ExampleEstate.profile {
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GSMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            },
            RuleExample("server spelling GCMAES128 in EncryptionMethod") {
                ExampleEstate.profile {
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "GCMAES128")
                }
            },
        ],
        nonTriggeringExamples: [
            RuleExample("Hicks' enhanced suite in CSP spelling") {
                ExampleEstate.profile {
                    $0.cryptographySuite = ExampleEstate.suite(
                        auth: "GCMAES128", cipher: "GCMAES128", pfs: "ECP256", dh: "Group14", integrity: "SHA256",
                        encryption: "AES_GCM_128")
                }
            },
            RuleExample("no suite") { ExampleEstate.profile() },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let suite = profile.cryptographySuite else { return }
            var problems: [String] = []
            var evidence: [Evidence] = []
            for transform in IKEv2Transform.allCases {
                guard let fact = suite[transform] else { continue }
                if profile.source == .vpnConnection {
                    // PowerShell spelling (or a numeric CIM code, which another rule cannot compare).
                    guard Int(fact.value) == nil else { continue }
                    if IKEv2Vocabulary.values(of: transform).contains(IKEv2Vocabulary.normalised(fact.value)) {
                        continue
                    }
                } else if transform.profileValues.contains(fact.value) {
                    continue
                }
                let candidates =
                    profile.source == .vpnConnection
                    ? Array(IKEv2Vocabulary.values(of: transform)).sorted() : transform.profileValues
                let suggestion =
                    transform == .encryptionMethod && profile.source == .profileXML
                    ? transform.profileSpelling(ofServerValue: fact.value) : nil
                let nearest =
                    suggestion.flatMap { transform.profileValues.contains($0) ? $0 : nil }
                    ?? NearestName.nearest(to: fact.value, in: candidates)
                problems.append(
                    "\(transform.rawValue) '\(fact.value)'" + (nearest.map { " (did you mean '\($0)'?)" } ?? ""))
                evidence.append(fact.evidence)
            }
            if !problems.isEmpty {
                report.finding(
                    scope: profile.scope, "Values the VPNv2 CSP does not accept: \(problems.joined(separator: "; ")).",
                    evidence: evidence)
            }
        }
    }
}
