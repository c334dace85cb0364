import AdvisorCore
import EstateModel
import Foundation
import RuleAPI
import Testing

@testable import Importers

/// Each documented mistake, made alone in an otherwise correct configuration, yields exactly its
/// finding (above info), with evidence in the configuration.
@Suite struct LoadBalancerMistakeTests {
    struct Mistake: CustomTestStringConvertible, Sendable {
        let fixture: String
        let name: String
        let edit: @Sendable (String) -> String
        let expected: String
        var testDescription: String { "\(fixture): \(name)" }
    }

    static func replacing(_ old: String, _ new: String, first: Bool = false) -> @Sendable (String) -> String {
        { text in
            guard first, let range = text.range(of: old) else { return text.replacingOccurrences(of: old, with: new) }
            return text.replacingCharacters(in: range, with: new)
        }
    }

    static let mistakes: [Mistake] = [
        Mistake(
            fixture: "f5-good.conf", name: "automap on the 500 virtual",
            edit: replacing("type none", "type automap", first: true), expected: "lb-source-nat"),
        Mistake(
            fixture: "f5-good.conf", name: "no match-across-services",
            edit: replacing("    match-across-services enabled\n", ""), expected: "lb-port-affinity-missing"),
        Mistake(
            fixture: "f5-good.conf", name: "120 s persistence", edit: replacing("timeout 3600", "timeout 120"),
            expected: "lb-persistence-timeout-short"),
        Mistake(
            fixture: "f5-good.conf", name: "a server missing from the 4500 pool",
            edit: replacing("        /Common/rras02:ipsec-nat-t {\n            address 10.0.10.12\n        }\n", ""),
            expected: "lb-pool-mismatch"),
        Mistake(
            fixture: "f5-good.conf", name: "no monitors", edit: replacing("    monitor /Common/gateway_icmp\n", ""),
            expected: "lb-no-health-monitor"),
        Mistake(
            fixture: "f5-good.conf", name: "UDP 4500 not published",
            edit: replacing("destination /Common/203.0.113.10:ipsec-nat-t", "destination /Common/203.0.113.99:https"),
            expected: "lb-nat-t-port-missing"),
        Mistake(
            fixture: "f5-good.conf", name: "datagram load balancing",
            edit: { $0 + "ltm profile udp /Common/udp {\n    datagram-load-balancing enabled\n}\n" },
            expected: "lb-per-datagram-balancing"),
        Mistake(
            fixture: "citrix-good.conf", name: "-usip NO on one group",
            edit: replacing("-usip YES", "-usip NO", first: true), expected: "lb-source-nat"),
        Mistake(
            fixture: "citrix-good.conf", name: "4500 vserver with its own SOURCEIP table",
            edit: replacing("bind lb group grp_aovpn_ike vs_aovpn_ike4500\n", "")
                >>> replacing(
                    "vs_aovpn_ike4500 UDP 203.0.113.10 4500 -persistenceType NONE",
                    "vs_aovpn_ike4500 UDP 203.0.113.10 4500 -persistenceType SOURCEIP -timeout 60"),
            expected: "lb-port-affinity-missing"),
        Mistake(
            fixture: "citrix-good.conf", name: "group timeout 2 minutes",
            edit: replacing("-persistenceType SOURCEIP -timeout 60", "-persistenceType SOURCEIP -timeout 2"),
            expected: "lb-persistence-timeout-short"),
        Mistake(
            fixture: "citrix-good.conf", name: "no monitor",
            edit: replacing("bind serviceGroup sg_aovpn_ike4500 -monitorName mon_rras_ping\n", ""),
            expected: "lb-no-health-monitor"),
        Mistake(
            fixture: "citrix-good.conf", name: "rras02 not on 4500",
            edit: replacing("bind serviceGroup sg_aovpn_ike4500 rras02 4500\n", ""), expected: "lb-pool-mismatch"),
        Mistake(
            fixture: "kemp-good.xml", name: "no port following",
            edit: replacing("<FollowVSID>1</FollowVSID>", "<FollowVSID>0</FollowVSID>"),
            expected: "lb-port-affinity-missing"),
        Mistake(
            fixture: "kemp-good.xml", name: "120 s persistence",
            edit: replacing("<PersistTimeout>3600</PersistTimeout>", "<PersistTimeout>120</PersistTimeout>"),
            expected: "lb-persistence-timeout-short"),
        Mistake(
            fixture: "kemp-good.xml", name: "no check",
            edit: replacing("<CheckType>icmp</CheckType>", "<CheckType>none</CheckType>"),
            expected: "lb-no-health-monitor"),
        Mistake(
            fixture: "kemp-good.xml", name: "layer 7 without transparency",
            edit: replacing("<Layer>4</Layer>", "<Layer>7</Layer>", first: true)
                >>> replacing("<Transparent>Y</Transparent>", "<Transparent>N</Transparent>", first: true),
            expected: "lb-source-nat"),
        Mistake(
            fixture: "nginx-good", name: "no transparent proxy_bind",
            edit: replacing("    proxy_bind $remote_addr transparent;\n", ""), expected: "lb-source-nat"),
        Mistake(
            fixture: "nginx-good", name: "consistent hash",
            edit: replacing("hash $remote_addr;", "hash $remote_addr consistent;"), expected: "lb-port-affinity-missing"
        ),
        Mistake(
            fixture: "nlb-good.xml", name: "affinity None", edit: replacing(">Single<", ">None<"),
            expected: "lb-persistence-not-source-ip"),
    ]

    func bundle(_ mistake: Mistake) throws -> ExportBundle {
        let base = LoadBalancerTests.fixtures.appendingPathComponent(mistake.fixture)
        let original = try ExportBundle.read(path: base.path)
        var files: [ImportedFile] = []
        for var file in original.files {
            let utf16 = file.data.starts(with: [0xFF, 0xFE])
            let text =
                utf16
                ? String(data: file.data.dropFirst(2), encoding: .utf16LittleEndian)!
                : String(decoding: file.data, as: UTF8.self)
            let edited = mistake.edit(text)
            file.data = utf16 ? TestInput.utf16LEWithBOM(edited) : Data(edited.utf8)
            files.append(file)
        }
        return ExportBundle(name: original.name, files: files)
    }

    func aboveInfo(_ bundle: ExportBundle) throws -> [Finding] {
        let estate = try EstateImporter.importBundle(bundle).estate
        return RuleEngine(rules: RuleRegistry.all).assess(estate)
            .filter { $0.module == "load-balancing" && $0.outcome == .finding && $0.severity > .info }
    }

    @Test(arguments: mistakes)
    func oneMistakeOneFinding(_ mistake: Mistake) throws {
        let edited = try bundle(mistake)
        #expect(
            edited.files.map(\.data)
                != (try ExportBundle.read(path: LoadBalancerTests.fixtures.appendingPathComponent(mistake.fixture).path))
                .files.map(\.data),
            "the edit changed nothing")
        let findings = try aboveInfo(edited)
        #expect(findings.map(\.ruleId) == [mistake.expected], "\(findings.map(\.ruleId))")
        #expect(
            findings.allSatisfy { !$0.evidence.isEmpty && $0.evidence.allSatisfy { $0.location.hasPrefix("line ") } })
    }
}

infix operator >>> : AdditionPrecedence
func >>> (lhs: @escaping @Sendable (String) -> String, rhs: @escaping @Sendable (String) -> String)
    -> @Sendable (String) -> String
{
    { rhs(lhs($0)) }
}
