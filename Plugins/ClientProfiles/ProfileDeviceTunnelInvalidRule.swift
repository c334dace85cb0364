import EstateModel
import RuleAPI

/// A device tunnel profile that breaks the device tunnel's requirements.
public struct ProfileDeviceTunnelInvalidRule: Rule {
    public init() {}
    public static let description = RuleDescription(
        id: "profile-device-tunnel-invalid", title: "Device Tunnel Profile Breaks Device Tunnel Requirements",
        module: ClientProfileRules.module, severity: .high,
        rationale:
            "The Always On VPN device tunnel supports only IKEv2 (no SSTP fallback), machine certificate authentication, split tunnelling (force tunnel is unsupported). Microsoft: \"If only a Device Tunnel is used on a system, you can configure a NRPT\"; when a user tunnel is used too, NRPT belongs on the user tunnel only, so DomainNameInformation on the device tunnel is flagged only when a user tunnel profile is imported or a plan (which always builds one) was given. A profile outside these limits fails to connect or is silently ignored.",
        remediation:
            "In the device tunnel profile set NativeProtocolType IKEv2, Authentication/MachineMethod Certificate (no UserMethod), RoutingPolicyType SplitTunnel with host routes to domain controllers and management servers, and, when a user tunnel also exists, move DomainNameInformation to the user tunnel.",
        references: [PublicSource.vpnv2CSP, PublicSource.deviceTunnel],
        triggeringExamples: [
            RuleExample("device tunnel over Automatic with force tunnel") {
                ExampleEstate.profile {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.nativeProtocolType = ExampleEstate.fact("Automatic")
                    $0.machineMethod = ExampleEstate.fact("Certificate")
                    $0.routingPolicyType = ExampleEstate.fact("ForceTunnel")
                }
            },
            RuleExample("device tunnel with user authentication") {
                ExampleEstate.profile {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.userMethod = ExampleEstate.fact("Eap")
                }
            },
            RuleExample("device tunnel with NRPT beside a user tunnel profile") {
                var estate = ExampleEstate.profile("Device") {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.machineMethod = ExampleEstate.fact("Certificate")
                    $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
                    $0.domainNameInformation = [
                        DomainNameInformation(
                            domainName: ".corp.example.com", dnsServers: ["10.0.0.10"],
                            evidence: ExampleEstate.evidence(".corp.example.com"))
                    ]
                }
                estate.clientProfiles +=
                    ExampleEstate.profile("User") { $0.nativeProtocolType = ExampleEstate.fact("IKEv2") }.clientProfiles
                return estate
            },
        ],
        nonTriggeringExamples: [
            RuleExample("Hicks' device tunnel shape") {
                ExampleEstate.profile {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.machineMethod = ExampleEstate.fact("Certificate")
                    $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
                }
            },
            RuleExample("a device-tunnel-only system may carry NRPT (Microsoft's device tunnel documentation)") {
                ExampleEstate.profile {
                    $0.deviceTunnel = ExampleEstate.fact(true)
                    $0.nativeProtocolType = ExampleEstate.fact("IKEv2")
                    $0.machineMethod = ExampleEstate.fact("Certificate")
                    $0.routingPolicyType = ExampleEstate.fact("SplitTunnel")
                    $0.domainNameInformation = [
                        DomainNameInformation(
                            domainName: ".corp.example.com", dnsServers: ["10.0.0.10"],
                            evidence: ExampleEstate.evidence(".corp.example.com"))
                    ]
                }
            },
            RuleExample("a user tunnel may force tunnel") {
                ExampleEstate.profile {
                    $0.nativeProtocolType = ExampleEstate.fact("Automatic")
                    $0.routingPolicyType = ExampleEstate.fact("ForceTunnel")
                }
            },
        ])

    public func assess(_ estate: Estate, report: inout RuleReport) {
        forEachProfile(estate, report: &report) { profile, report in
            guard let device = profile.deviceTunnel, device.value else { return }
            var problems: [String] = []
            var evidence: [Evidence] = [device.evidence]
            if !profile.isIKEv2Only {
                problems.append("NativeProtocolType is \(profile.nativeProtocolType?.value ?? "not set"), not IKEv2")
                evidence += [profile.nativeProtocolType?.evidence].compactMap { $0 }
            }
            if profile.source == .profileXML, profile.machineMethod?.value.lowercased() != "certificate" {
                problems.append("MachineMethod is \(profile.machineMethod?.value ?? "not set"), not Certificate")
                evidence += [profile.machineMethod?.evidence].compactMap { $0 }
            }
            if let user = profile.userMethod {
                problems.append("UserMethod \(user.value) is set")
                evidence.append(user.evidence)
            }
            if let routing = profile.routingPolicyType, routing.value.lowercased() == "forcetunnel" {
                problems.append("RoutingPolicyType is ForceTunnel")
                evidence.append(routing.evidence)
            }
            let userTunnel = estate.clientProfiles.first { !$0.isDeviceTunnel }
            if !profile.domainNameInformation.isEmpty, userTunnel != nil || report.context.plansUserTunnel {
                let beside =
                    userTunnel.map { "the user tunnel profile \($0.name) also exists" }
                    ?? "the plan builds a user tunnel"
                problems.append(
                    "it carries \(profile.domainNameInformation.count) DomainNameInformation (NRPT) rule(s) while \(beside)"
                )
                evidence += profile.domainNameInformation.map(\.evidence)
            }
            if !problems.isEmpty {
                report.finding(
                    scope: profile.scope, "Device tunnel profile: \(problems.joined(separator: "; ")).",
                    evidence: evidence)
            }
        }
    }
}
