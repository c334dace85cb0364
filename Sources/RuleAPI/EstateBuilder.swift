import EstateModel
import Foundation

/// Small helpers for writing rule examples: an estate with one or two servers.
public enum ExampleEstate {
    /// Evidence for example values.
    public static func evidence(_ value: String, _ location: String = "example") -> Evidence {
        Evidence(file: "example", location: location, value: value)
    }

    /// A fact with example evidence.
    public static func fact<T>(_ value: T, _ raw: String? = nil) -> Fact<T> {
        Fact(value, evidence(raw ?? "\(value)"))
    }

    /// An estate holding one server, shaped by `configure`.
    public static func server(
        _ name: String = "rras01", roles: Set<ServerRole> = [.vpn],
        _ configure: (inout Server) -> Void = { _ in }
    ) -> Estate {
        var server = Server(name: name, roles: roles)
        configure(&server)
        return Estate(servers: [server])
    }
}

extension ExampleEstate {
    /// WAN port allocations as netsh would report them (`rasinonly = enabled`).
    public static func ports(_ counts: [(TunnelProtocol, Int)]) -> [WanPortAllocation] {
        counts.map {
            WanPortAllocation(
                tunnel: $0.0, maxPorts: $0.1, remoteAccessEnabled: true,
                evidence: evidence("maxports = \($0.1)"))
        }
    }

    /// A custom IKEv2 policy from the six PowerShell values, in Set-VpnServerConfiguration order:
    /// AuthenticationTransformConstants, CipherTransformConstants, DHGroup, EncryptionMethod,
    /// IntegrityCheckMethod, PfsGroup.
    public static func customPolicy(
        auth: String, cipher: String, dh: String, encryption: String,
        integrity: String, pfs: String
    ) -> IKEv2Policy {
        var policy = IKEv2Policy(isCustom: fact(true))
        policy.authenticationTransformConstants = fact(auth)
        policy.cipherTransformConstants = fact(cipher)
        policy.dhGroup = fact(dh)
        policy.encryptionMethod = fact(encryption)
        policy.integrityCheckMethod = fact(integrity)
        policy.pfsGroup = fact(pfs)
        return policy
    }

    /// Hicks' standard baseline: SHA256128 / AES128 / Group14 / AES128 / SHA256 / PFS2048.
    public static var standardPolicy: IKEv2Policy {
        customPolicy(
            auth: "SHA256128", cipher: "AES128", dh: "Group14", encryption: "AES128", integrity: "SHA256",
            pfs: "PFS2048")
    }
}

extension ExampleEstate {
    /// An estate holding one ProfileXML client profile, shaped by `configure`, beside `servers`.
    public static func profile(
        _ name: String = "Contoso VPN", servers: [Server] = [],
        _ configure: (inout ClientProfile) -> Void = { _ in }
    ) -> Estate {
        var profile = ClientProfile(
            name: name, source: .profileXML, evidence: evidence("VPNProfile", "line 1, VPNProfile"))
        profile.routes = []
        configure(&profile)
        return Estate(servers: servers, clientProfiles: [profile])
    }

    /// A client CryptographySuite from the six ProfileXML values, in CSP order: Authentication,
    /// Cipher, PfsGroup, DHGroup, IntegrityCheckMethod, EncryptionMethod.
    public static func suite(
        auth: String, cipher: String, pfs: String, dh: String, integrity: String,
        encryption: String
    ) -> CryptographySuite {
        let values = [auth, cipher, pfs, dh, integrity, encryption]
        var suite = CryptographySuite(evidence: evidence("CryptographySuite", "line 20, CryptographySuite"))
        for (transform, value) in zip(IKEv2Transform.allCases, values) {
            suite.values[transform] = fact(value)
        }
        return suite
    }
}

extension ExampleEstate {
    /// A certificate for examples: a server certificate of `host` in `LocalMachine\My`, valid
    /// from 30 days ago until `daysLeft` days from now, RSA 2048 / SHA-256, shaped by `configure`.
    public static func certificate(
        host: String? = "rras01", names: [String] = ["vpn.example.com"],
        usages: [String]? = [MachineCertificate.serverAuthentication, MachineCertificate.ikeIntermediate],
        daysLeft: Double = 335, _ configure: (inout MachineCertificate) -> Void = { _ in }
    ) -> MachineCertificate {
        let now = Date()
        var certificate = MachineCertificate(
            host: host, store: "LocalMachine\\My", thumbprint: String(repeating: "AB", count: 20),
            subject: "CN=\(names.first ?? "example")", commonName: names.first, issuer: "CN=Example Issuing CA",
            dnsNames: names, enhancedKeyUsages: usages, isCertificateAuthority: false, keyAlgorithm: "RSA",
            keyBits: 2048, signatureAlgorithm: "sha256WithRSAEncryption",
            notBefore: now.addingTimeInterval(-30 * 86_400),
            notAfter: now.addingTimeInterval(daysLeft * 86_400), crlDistributionPoints: [],
            evidence: evidence(String(repeating: "AB", count: 20), "certificate"))
        configure(&certificate)
        return certificate
    }

    /// ``certificate(host:names:usages:daysLeft:_:)`` as a text listing of the store shows it:
    /// no key, signature, CA flag or CRL points.
    public static func listedCertificate(host: String? = "rras01") -> MachineCertificate {
        certificate(host: host) {
            $0.isCertificateAuthority = nil
            $0.keyAlgorithm = nil
            $0.keyBits = nil
            $0.signatureAlgorithm = nil
            $0.crlDistributionPoints = nil
            $0.hasPrivateKey = true
        }
    }

    /// `estate` with `certificates` added.
    public static func with(_ certificates: [MachineCertificate], _ estate: Estate) -> Estate {
        var estate = estate
        estate.certificates += certificates
        return estate
    }
}
