import ClientProfileRules
import EstateModel
import Foundation
import Importers
import NpsRules
import RuleAPI
import Testing

/// The NPS export and the profile's EAP configuration, imported from files and assessed together.
@Suite struct NpsAndEapTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(path))
    }

    @Test func theProfilesEapConfigurationIsRead() throws {
        let result = try TestInput.importing(
            TestInput.file("clients/ProfileXML_User_PEAP.xml", try Self.fixture("profiles/ProfileXML_User_PEAP.xml")))
        let eap = try #require(result.estate.clientProfiles.first?.eap)
        #expect(eap.method.value == EapMethod.peap && eap.innerMethods == [EapMethod.tls])
        #expect(eap.method.evidence.location.hasPrefix("line 15, VPNProfile/NativeProfile/Authentication/Eap"))
        #expect(eap.performServerValidation?.value == true)
        #expect(
            eap.performServerValidation?.evidence.location.hasSuffix("EapType/PeapExtensions/PerformServerValidation")
                == true)
        #expect(eap.trustedRootCAs == ["6C85CE0E4884459FD4543A481BDE89BDF237E00B"])
        #expect(eap.serverNames?.value == "nps01.corp.contoso.com")
    }

    @Test func anEscapedEapConfigurationIsReadAndValidationOffIsFound() throws {
        var text = String(decoding: try Self.fixture("profiles/ProfileXML_User_PEAP.xml"), as: UTF8.self)
        let start = try #require(text.range(of: "<EapHostConfig"))
        let end = try #require(text.range(of: "</EapHostConfig>"))
        let config = String(text[start.lowerBound..<end.upperBound])
            .replacingOccurrences(
                of: "MsPeapConnectionPropertiesV2\">true</PerformServerValidation>",
                with: "MsPeapConnectionPropertiesV2\">false</PerformServerValidation>")
        let escaped = config.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        text.replaceSubrange(start.lowerBound..<end.upperBound, with: escaped)
        let result = try TestInput.importing(TestInput.file("clients/escaped.xml", Data(text.utf8)))
        let eap = try #require(result.estate.clientProfiles.first?.eap)
        #expect(eap.method.value == 25 && eap.performServerValidation?.value == false)
        let findings = RuleEngine(rules: [ProfileEapServerValidationOffRule.self]).assess(
            result.estate, context: AssessmentContext())
        #expect(findings.contains { $0.ruleId == "profile-eap-server-validation-off" && $0.outcome == .finding })
    }

    /// RasData of RRAS01 (RADIUS to nps01, addresses 10.0.10.21 and 172.16.10.21), NPS01's export
    /// in its own folder, and the PEAP profile: `edit` shapes NPS01's export.
    func assess(npsEdit edit: (String) -> String) throws -> [Finding] {
        let rasData = Self.fixtures.appendingPathComponent("rasdata/RasData")
        var files: [ImportedFile] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: rasData.path).sorted()
        where !name.contains("npsconfig") {
            files.append(
                TestInput.file(
                    "RasData/\(name)", try Data(contentsOf: rasData.appendingPathComponent(name)),
                    server: ExportBundle.serverHint(folder: "RasData", fileName: name)))
        }
        let nps = edit(String(decoding: try Self.fixture("rasdata/RasData/rras01_npsconfig.txt"), as: UTF8.self))
        files.append(TestInput.file("nps01/npsconfig.xml", Data(nps.utf8), server: "nps01"))
        files.append(
            TestInput.file("clients/ProfileXML_User_PEAP.xml", try Self.fixture("profiles/ProfileXML_User_PEAP.xml")))
        let result = try EstateImporter.importBundle(ExportBundle(name: "test", files: files))
        #expect(result.estate.npsConfigurations.map(\.host) == ["nps01"])
        return RuleEngine(rules: NpsRules.all).assess(result.estate, context: AssessmentContext())
    }

    @Test func rrasMissingFromTheNpsClientsAndAnEapMismatchAreFound() throws {
        // NPS01 lists only RRAS02 (10.0.10.22) and its VPN policy allows EAP-TLS, the profile uses PEAP.
        let findings = try assess {
            $0.replacingOccurrences(
                of: ">19000000000000000000000000000000<", with: ">0d000000000000000000000000000000<")
        }
        let notClient = try #require(findings.first { $0.ruleId == "nps-rras-server-not-radius-client" })
        #expect(notClient.outcome == .finding && notClient.message.contains("10.0.10.21"), "\(notClient)")
        #expect(notClient.evidence.contains { $0.file.hasSuffix("rras01_rasconfig.txt") })
        let mismatch = try #require(findings.first { $0.ruleId == "nps-eap-type-mismatch" })
        #expect(mismatch.outcome == .finding && mismatch.message.contains("EAP-TLS"), "\(mismatch)")
        #expect(!findings.contains { $0.ruleId == "nps-password-only-vpn-policy" && $0.outcome == .finding })
    }

    @Test func aMatchingNpsGivesNoFinding() throws {
        let findings = try assess { $0.replacingOccurrences(of: ">10.0.10.22<", with: ">10.0.10.0/24<") }
        #expect(!findings.contains { $0.outcome == .finding }, "\(findings)")
        #expect(!findings.contains { $0.outcome == .notAssessed }, "\(findings)")
    }
}
