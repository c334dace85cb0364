import EstateModel

/// What each rule module needs from an export to be assessed at all. A rule that reports nothing
/// on an estate without its module's input has not passed: the engine records it as *not
/// assessed* with this reason, so no module shows "ready" on input it never saw.
public enum ModuleInput {
    /// The reason `module` cannot be assessed on `estate`, or nil when its input is there.
    public static func missing(_ module: String, in estate: Estate) -> String? {
        switch module {
        case "protocols", "ikev2-baseline":
            estate.vpnServers.isEmpty
                ? "the export shows no RRAS VPN server (Get-VpnServerConfiguration, Get-RemoteAccess or netsh ras dump)"
                : nil
        case "directaccess":
            estate.directAccessServers.isEmpty
                ? "the export shows no DirectAccess server (Get-RemoteAccess, Get-DAServer, Get-DAClient)" : nil
        case "load-balancing":
            if estate.loadBalancers.isEmpty {
                "the export has no load balancer configuration"
            } else if !estate.loadBalancers.flatMap(\.listeners).contains(where: {
                $0.accepts(udpPort: 500) || $0.accepts(udpPort: 4500)
            }) {
                "the load balancer configuration has no virtual server for UDP 500 or 4500 (IKEv2)"
            } else {
                nil
            }
        case "certificates":
            estate.certificates.isEmpty
                ? "the export has no certificates (Get-ChildItem Cert:\\LocalMachine\\My | Export-Clixml, or .cer files)"
                : nil
        case "nps":
            estate.npsConfigurations.isEmpty
                ? "the export has no NPS configuration (Export-NpsConfiguration on the RADIUS servers)" : nil
        case "group-policy":
            estate.groupPolicyObjects.isEmpty
                ? "the export has no GPO (Backup-GPO or Get-GPOReport of the DirectAccess GPOs)" : nil
        case "client-profiles":
            estate.clientProfiles.isEmpty ? "the export has no client profile (ProfileXML or Get-VpnConnection)" : nil
        default:
            nil
        }
    }

    /// `results` with a not-assessed entry for every rule of `descriptions` that reported nothing
    /// although its module's input is missing.
    public static func completing(
        _ results: [Finding], rules descriptions: [(id: String, module: String, severity: Severity, title: String)],
        estate: Estate
    ) -> [Finding] {
        let reported = Set(results.map(\.ruleId))
        var completed = results
        for rule in descriptions where !reported.contains(rule.id) {
            guard let reason = missing(rule.module, in: estate) else { continue }
            completed.append(
                Finding(
                    ruleId: rule.id, module: rule.module, severity: rule.severity, server: nil, title: rule.title,
                    message: reason, evidence: [], remediation: "", outcome: .notAssessed))
        }
        return completed
    }
}
