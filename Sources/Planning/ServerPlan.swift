import EstateModel
import Foundation
import RuleAPI

/// What the generated script does to one RRAS server, decided once. The script is written from
/// it (``ServerScriptWriter``), the phases' "resolves" come from ``resolvedRuleIds``, and
/// ``PlannedEstate`` applies it to the model, so the plan closure test can prove that every
/// finding the plan claims to resolve is gone once the script has run.
struct ServerPlan: Sendable {
    /// The server as the plan names it.
    let name: String
    /// The server in the export, when it is there.
    let exported: Server?
    /// The baseline the script applies; nil when the plan has none or the server is too old for it.
    let policy: IKEv2Baseline?
    /// The chosen baseline when the server's known build is too old for it (the step refuses).
    let policyBlockedByBuild: IKEv2Baseline?
    /// The fragmentation step runs: the build is unknown (the script checks it) or new enough.
    let fragmentation: Bool
    /// The user authentication protocols the script sets (nil: the plan does not say how users
    /// authenticate, so the script leaves them alone).
    let userAuthProtocols: [String]?
    /// The root CA (thumbprint) machine certificates must chain to.
    let rootThumbprint: String?
    /// CertAuthFlags = 4: only where machine certificates are accepted after the script.
    let crlCheck: Bool
    /// IkeNumEstablishedForInitialQuery, when the servers sit behind a load balancer.
    let initialQueryLimit: Int?
    /// The certificate the export identifies for TLS (SSTP): the one valid certificate of the
    /// server's personal store with Server Authentication and IKE intermediate that names a VPN
    /// name of the plan. Nil when the export does not single one out: the script never guesses.
    let tlsCertificate: MachineCertificate?
    /// Why no certificate was chosen (for the script's comment), when none was.
    let tlsCertificateReason: String?

    /// The rule ids the steps of the script answer, each with the condition that makes the step run.
    static let policyRuleIds: Set<String> = [
        "ikev2-default-policy", "ikev2-weak-encryption", "ikev2-weak-integrity", "ikev2-weak-dh-group",
        "ikev2-weak-pfs-group", "ikev2-invalid-transform-pairing", "ikev2-below-baseline",
        "ikev2-sa-lifetime-long", "ikev2-mm-lifetime-long",
    ]
    static let legacyProtocolRuleIds: Set<String> = ["pptp-enabled", "l2tp-enabled"]
    static let weakAuthenticationRuleIds: Set<String> = ["mschapv2-accepted", "pap-or-chap-accepted"]
    static let fragmentationRuleId = "ikev2-fragmentation-disabled"
    static let crlRuleId = "ikev2-crl-check-not-enforced"
    static let initialQueryRuleId = "lb-snat-registry-workaround"
    static let rootCertificateRuleId = "cert-device-tunnel-root-unset"
    /// Every id a server script may claim (a test checks each names a real rule).
    static var declaredRuleIds: Set<String> {
        policyRuleIds.union(legacyProtocolRuleIds).union(weakAuthenticationRuleIds)
            .union([fragmentationRuleId, crlRuleId, initialQueryRuleId, rootCertificateRuleId])
    }

    init(name: String, estate: Estate, settings: PlanSettings, behindLoadBalancer: Bool, now: Date = Date()) {
        self.name = name
        exported = estate.server(named: name)
        let build = exported?.operatingSystem?.build?.value
        if let baseline = settings.ikev2Baseline, let minimum = baseline.minimumServerBuild, let build, build < minimum
        {
            policy = nil
            policyBlockedByBuild = baseline
        } else {
            policy = settings.ikev2Baseline
            policyBlockedByBuild = nil
        }
        fragmentation = build.map { $0 >= WindowsBuild.server1803 } ?? true
        let device = settings.deviceTunnel?.enabled == true
        if settings.userAuthentication != nil {
            // EAP carries PEAP-TLS and EAP-TLS; the device tunnel needs IKEv2 machine certificates.
            userAuthProtocols = device ? ["EAP", "Certificate"] : ["EAP"]
        } else {
            userAuthProtocols = nil
        }
        rootThumbprint = settings.certificates.rootCAThumbprint
        crlCheck = userAuthProtocols?.contains("Certificate") == true
        initialQueryLimit =
            behindLoadBalancer
            ? IKEEXTSettings.initialQueryLimit(expectedConnections: settings.expectedConnections) : nil
        (tlsCertificate, tlsCertificateReason) = Self.identifiedCertificate(
            of: exported, in: estate, names: settings.vpnServers, at: now)
    }

    /// The one certificate the export identifies for a server, or why there is none.
    static func identifiedCertificate(of server: Server?, in estate: Estate, names: [String], at date: Date)
        -> (MachineCertificate?, String?)
    {
        guard let server else { return (nil, "the server is not in the export") }
        // Only the store export proves the certificate is on the server: a .cer file beside it does not.
        let personal = estate.certificates(of: server).filter { $0.store?.lowercased().hasSuffix("\\my") == true }
        guard !personal.isEmpty else { return (nil, "its certificate store was not exported") }
        guard !names.isEmpty else { return (nil, "PLAN GAP vpnServers: the name the certificate must carry") }
        let usable = personal.filter { certificate in
            certificate.servesIKEv2 && certificate.isValid(at: date) && names.contains { certificate.matches(name: $0) }
        }
        switch usable.count {
        case 1: return (usable[0], nil)
        case 0:
            return (
                nil,
                "no valid certificate in its store has both EKUs and names \(names.joined(separator: ", ")): enrol one first"
            )
        default:
            return (
                nil,
                "\(usable.count) certificates qualify (\(usable.map(\.thumbprint).joined(separator: ", "))): choose one"
            )
        }
    }

    var build: Int? { exported?.operatingSystem?.build?.value }

    /// The rule ids whose findings on this server the script resolves once it has run.
    var resolvedRuleIds: Set<String> {
        var ids = Self.legacyProtocolRuleIds
        if policy != nil { ids.formUnion(Self.policyRuleIds) }
        if userAuthProtocols != nil { ids.formUnion(Self.weakAuthenticationRuleIds) }
        // Known new enough: the value is set. Unknown: the rule is not assessed, nothing to claim.
        if fragmentation, build != nil { ids.insert(Self.fragmentationRuleId) }
        if crlCheck { ids.insert(Self.crlRuleId) }
        if initialQueryLimit != nil { ids.insert(Self.initialQueryRuleId) }
        if rootThumbprint != nil, userAuthProtocols?.contains("Certificate") == true {
            ids.insert(Self.rootCertificateRuleId)
        }
        return ids
    }

    /// The server as it is once the script has run: what ``PlannedEstate`` puts in the model.
    func applied(to server: Server) -> Server {
        var server = server
        server.roles.insert(.vpn)
        if let policy {
            var applied = IKEv2Policy(isCustom: Self.planned(true))
            for transform in IKEv2Transform.allCases {
                let value = policy.serverValues[transform] ?? ""
                switch transform {
                case .authenticationTransformConstants: applied.authenticationTransformConstants = Self.planned(value)
                case .cipherTransformConstants: applied.cipherTransformConstants = Self.planned(value)
                case .dhGroup: applied.dhGroup = Self.planned(value)
                case .encryptionMethod: applied.encryptionMethod = Self.planned(value)
                case .integrityCheckMethod: applied.integrityCheckMethod = Self.planned(value)
                case .pfsGroup: applied.pfsGroup = Self.planned(value)
                }
            }
            server.vpn.ikev2Policy = applied
            server.vpn.saLifetimeSeconds = Self.planned(IKEv2Baseline.saLifeTimeSeconds)
            server.vpn.mainModeSALifetimeSeconds = Self.planned(IKEv2Baseline.mmSALifeTimeSeconds)
            server.vpn.saDataSizeKilobytes = Self.planned(IKEv2Baseline.saDataSizeForRenegotiationKilobytes)
        }
        server.vpn.ports = server.vpn.ports.map { port in
            var port = port
            if port.tunnel == .pptp || port.tunnel == .l2tp { port.remoteAccessEnabled = false }
            return port
        }
        if let protocols = userAuthProtocols {
            server.vpn.userAuthProtocolsAccepted = Self.planned(protocols)
            if let ppp = server.vpn.pppAuthTypes {
                server.vpn.pppAuthTypes = Fact(
                    ppp.value.filter { !Self.weakPPP.contains($0.uppercased()) }, Self.plannedEvidence)
            }
        }
        let ikev2Key = ServerRegistry.remoteAccessIkev2
        let ikeextKey = ServerRegistry.ikeextParameters
        if fragmentation {
            server.registry.exportedKeys.insert(ikev2Key)
            server.registry.enableServerFragmentation = Self.planned(1)
        }
        if crlCheck {
            server.registry.exportedKeys.insert(ikev2Key)
            server.registry.certAuthFlags = Self.planned(4)
        }
        if let limit = initialQueryLimit {
            server.registry.exportedKeys.insert(ikeextKey)
            server.registry.ikeNumEstablishedForInitialQuery = Self.planned(limit)
        }
        if let rootThumbprint, userAuthProtocols?.contains("Certificate") == true {
            server.vpn.rootCertificateToAccept = Self.planned(rootThumbprint)
        }
        if let tlsCertificate {
            server.registry.sstpCertificateSHA1 = Self.planned(tlsCertificate.thumbprint)
            server.registry.sstpCertificateSHA256 = tlsCertificate.sha256.map { Self.planned($0) }
        }
        return server
    }

    /// PPP authentication types the script removes (netsh ras delete authtype).
    static let weakPPP: Set<String> = ["PAP", "SPAP", "CHAP", "MD5CHAP", "MSCHAP", "MSCHAPV2"]
    static let plannedEvidence = Evidence(file: "plan", location: "server script", value: "planned")
    static func planned<T>(_ value: T) -> Fact<T> { Fact(value, plannedEvidence) }
}
