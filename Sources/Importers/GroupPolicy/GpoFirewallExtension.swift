import EstateModel
import XMLKit

/// The Windows Firewall extension of a GPO report (`…/GroupPolicy/Settings/WindowsFirewall`,
/// `WindowsFirewallSettings`): one element per connection security rule
/// (`ConnectionSecurityRules`, children named like the rule string's tokens: `Version`, `Name`,
/// `Action`, `Active`, `Auth1Set`, `Auth2Set`, `Crypto2Set`, endpoints, tunnel endpoints) and one per
/// authentication set (`Phase1AuthenticationSets`, `Phase2AuthenticationSets`: `GUID`, `Name`,
/// `AuthenticationSuites` with `Method`, `CAName`, `HealthCert`). Cryptographic sets are read from
/// any element whose name says `Phase1…CryptoSet…` or `Phase2…CryptoSet…` (no public report with
/// one has been seen: their suites are read by the MS-GPFAS value names). Firewall rules, profiles
/// and global settings are listed as not read.
enum GpoFirewallExtension {
    static let namespace = "http://www.microsoft.com/GroupPolicy/Settings/WindowsFirewall"

    static func read(
        _ extensionElement: XMLElement, side: String, file: String, into gpo: inout GroupPolicyObject,
        estate: inout Estate
    ) {
        func text(_ element: XMLElement?) -> String { (element?.text ?? "").trimmedWhitespace }
        func evidence(_ element: XMLElement, _ what: String, _ value: String) -> Evidence {
            Evidence(file: file, location: "line \(element.line), Windows Firewall \(what)", value: value)
        }
        var notRead: [String: Int] = [:]
        for element in extensionElement.children {
            let name = element.name
            if name == "ConnectionSecurityRules" {
                let rule = ruleString(element)
                gpo.connectionSecurityRules.append(Fact(rule, evidence(element, "ConnectionSecurityRules", rule)))
            } else if let phase = authenticationPhase(name) {
                let id = text(element.child("GUID"))
                guard !id.isEmpty else {
                    notRead[name, default: 0] += 1
                    continue
                }
                var suites: [IPsecAuthenticationSuite] = []
                for suite in element.children(named: "AuthenticationSuites") {
                    if suite.child("SHKey") != nil {  // a pre-shared key: recorded as present, never read
                        estate.secrets.append(
                            SecretPresence(
                                kind: "IPsec pre-shared key (GPO \(gpo.label))", file: file,
                                location: "line \(suite.line)"))
                    }
                    let method = text(suite.child("Method"))
                    guard !method.isEmpty else { continue }
                    suites.append(
                        IPsecAuthenticationSuite(
                            method: method, certificationAuthority: suite.child("CAName").map { text($0) },
                            healthCertificate: text(suite.child("HealthCert")).lowercased() == "true",
                            evidence: evidence(suite, "\(name) \(id)", method)))
                }
                gpo.authenticationSets.append(
                    IPsecAuthenticationSet(
                        id: id, phase: phase, name: element.child("Name").map { text($0) }, suites: suites,
                        evidence: evidence(element, name, id)))
            } else if let phase = cryptoPhase(name) {
                let id = text(element.child("GUID"))
                let suites = element.children.filter { !$0.children.isEmpty }.map { suite in
                    var values: [String: String] = [:]
                    for value in suite.children where value.children.isEmpty {
                        values[value.name.lowercased()] = text(value)
                    }
                    return IPsecSetValues.cryptoSuite(
                        phase: phase, values: values, evidence: evidence(suite, "\(name) \(id)", suite.name))
                }
                gpo.cryptoSets.append(
                    IPsecCryptoSet(
                        id: id.isEmpty ? name : id, phase: phase, name: element.child("Name").map { text($0) },
                        suites: suites, evidence: evidence(element, name, id)))
            } else if name == "GlobalSettings", element.children.allSatisfy({ $0.name == "PolicyVersion" }) {
                continue  // the policy's grammar version only
            } else {
                notRead[name, default: 0] += 1
            }
        }
        if !notRead.isEmpty {
            let parts = notRead.keys.sorted().map { notRead[$0] == 1 ? $0 : "\($0) ×\(notRead[$0] ?? 0)" }
            estate.notUnderstood.append(
                NotUnderstood(
                    kind: "GPO extension partly read: Windows Firewall (not read: \(parts.joined(separator: ", ")))",
                    evidence: evidence(extensionElement, "\(gpo.label) \(side)", "WindowsFirewallSettings")))
        }
    }

    /// The rule in the registry's grammar (`v2.30|Action=Secure|Name=…|`), from the element's
    /// children in document order: each leaf child is one token, a repeated child repeats it.
    static func ruleString(_ element: XMLElement) -> String {
        let version = (element.child("Version")?.text ?? "").trimmedWhitespace
        var text = "v\(version.isEmpty ? "2.0" : version)|"
        for child in element.children where child.children.isEmpty && child.name != "Version" {
            text += "\(child.name)=\(child.text.trimmedWhitespace)|"
        }
        return text
    }

    static func authenticationPhase(_ name: String) -> Int? {
        switch name {
        case "Phase1AuthenticationSets": 1
        case "Phase2AuthenticationSets": 2
        default: nil
        }
    }

    static func cryptoPhase(_ name: String) -> Int? {
        guard name.contains("CryptoSet") else { return nil }
        if name.contains("Phase1") || name.contains("MainMode") { return 1 }
        if name.contains("Phase2") || name.contains("QuickMode") { return 2 }
        return nil
    }
}
