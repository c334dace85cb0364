import EstateModel
import Foundation
import InputErrors
import RuleAPI
import SettingsYAML
import Yams

/// Reads a plan file (YAML). Unknown keys and wrong value types are errors naming the file, the
/// line and the nearest valid key, so a typo never silently becomes a plan gap.
public enum PlanFile {
    static let topLevelKeys = [
        "version", "profileName", "vpnServers", "rrasServers", "dnsServers", "dnsSuffix",
        "trustedNetworkSuffix", "routes", "routing", "userAuthentication", "ikev2Baseline",
        "deviceTunnel", "certificates", "expectedConnections", "certificateWindowDays",
    ]
    static let deviceTunnelKeys = ["enabled", "routes"]
    static let certificateKeys = ["rootCAThumbprint", "npsServers", "userTemplate", "deviceTemplate"]

    /// Reads the plan file at `path`.
    public static func load(path: String) throws -> PlanSettings {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputError(
                file: path, line: 0, message: "cannot read the plan file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, line: 0, message: "the plan file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses plan file text.
    public static func parse(_ text: String, file: String) throws -> PlanSettings {
        let reader = YAMLReader(file: file)
        let root = try reader.compose(text)
        var settings = PlanSettings()
        guard let root else { return settings }
        let mapping = try reader.mapping(root, "the plan", keys: topLevelKeys)
        for (keyNode, value) in mapping where !YAMLReader.isEmpty(value) {
            let key = keyNode.string ?? ""
            switch key {
            case "version":
                let version = try reader.int(value, key)
                guard version == 1 else {
                    throw reader.error(value, "version \(version) is not supported (this tool reads version 1)")
                }
            case "profileName": settings.profileName = try reader.string(value, key)
            case "vpnServers": settings.vpnServers = try reader.strings(value, key)
            case "rrasServers": settings.rrasServers = try reader.strings(value, key)
            case "dnsServers": settings.dnsServers = try reader.strings(value, key)
            case "dnsSuffix": settings.dnsSuffix = try reader.strings(value, key)
            case "trustedNetworkSuffix": settings.trustedNetworkSuffix = try reader.string(value, key)
            case "routes": settings.routes = try reader.prefixes(value, key)
            case "routing": settings.routing = try reader.choice(value, key, PlanSettings.Routing.self)
            case "userAuthentication":
                settings.userAuthentication = try reader.choice(value, key, PlanSettings.UserAuthentication.self)
            case "ikev2Baseline": settings.ikev2Baseline = try reader.choice(value, key, IKEv2Baseline.self)
            case "expectedConnections": settings.expectedConnections = try reader.int(value, key)
            case "certificateWindowDays":
                let days = try reader.int(value, key)
                guard (1...3650).contains(days) else {
                    throw reader.error(value, "certificateWindowDays must be between 1 and 3650 days")
                }
                settings.certificateWindowDays = days
            case "deviceTunnel":
                var device = PlanSettings.DeviceTunnelSettings(enabled: false)
                for (inner, innerValue) in try reader.mapping(value, key, keys: deviceTunnelKeys)
                where !YAMLReader.isEmpty(innerValue) {
                    switch inner.string ?? "" {
                    case "enabled": device.enabled = try reader.bool(innerValue, "deviceTunnel.enabled")
                    default: device.routes = try reader.prefixes(innerValue, "deviceTunnel.routes")
                    }
                }
                settings.deviceTunnel = device
            case "certificates":
                for (inner, innerValue) in try reader.mapping(value, key, keys: certificateKeys)
                where !YAMLReader.isEmpty(innerValue) {
                    let name = inner.string ?? ""
                    switch name {
                    case "rootCAThumbprint":
                        let thumbprint = try reader.string(innerValue, "certificates.rootCAThumbprint")
                            .replacingOccurrences(of: " ", with: "").uppercased()
                        guard thumbprint.count == 40, thumbprint.allSatisfy(\.isHexDigit) else {
                            throw reader.error(
                                innerValue,
                                "certificates.rootCAThumbprint must be a SHA-1 thumbprint (40 hexadecimal digits)")
                        }
                        settings.certificates.rootCAThumbprint = thumbprint
                    case "npsServers":
                        settings.certificates.npsServers = try reader.strings(innerValue, "certificates.npsServers")
                    case "userTemplate":
                        settings.certificates.userTemplate = try reader.string(innerValue, "certificates.userTemplate")
                    default:
                        settings.certificates.deviceTemplate = try reader.string(
                            innerValue, "certificates.deviceTemplate")
                    }
                }
            default:
                break  // unreachable: mapping(_:keys:) refuses unknown keys
            }
        }
        return settings
    }
}

extension YAMLReader {
    /// IPv4 or IPv6 prefixes written `address/length`.
    func prefixes(_ node: Node, _ key: String) throws -> [String] {
        let values = try strings(node, key)
        for value in values where IPPrefix(value) == nil {
            throw error(node, "\(key): '\(value)' is not an address/prefix-length such as 10.0.0.0/8")
        }
        return values
    }
}

/// An IP prefix `address/length` (IPv4 or IPv6), as a plan file and ProfileXML Route write it.
public struct IPPrefix: Sendable, Equatable {
    public var address: String
    public var length: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let length = Int(parts[1]) else { return nil }
        let address = String(parts[0])
        if address.contains(":") {
            guard length >= 0, length <= 128, address.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return nil }
        } else {
            let octets = address.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }), length >= 0, length <= 32 else {
                return nil
            }
        }
        self.address = address
        self.length = length
    }
}
