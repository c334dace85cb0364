import EstateModel
import RuleAPI

/// The phased migration (Microsoft's side-by-side guidance,
/// https://learn.microsoft.com/en-us/windows-server/remote/remote-access/da-always-on-vpn-migration/da-always-on-migration-deploy):
/// each step names the findings of the latest assessment it resolves and the artifacts it uses.
/// The server-script and load balancer steps claim only what ``ServerPlan`` and
/// ``LoadBalancerPlan`` say their artifacts change, on the servers they configure; the plan
/// closure test proves those claims.
struct PhasePlanner {
    let estate: Estate
    let findings: [Finding]
    let settings: PlanSettings
    let userArtifacts: [String]
    let deviceArtifacts: [String]
    let serverArtifacts: [String]
    let loadBalancerArtifacts: [String]
    let serverPlans: [ServerPlan]

    /// Present findings that satisfy `match`, each once.
    private func resolved(_ match: (Finding) -> Bool) -> [ResolvedFinding] {
        var seen = Set<ResolvedFinding>()
        return findings.filter(match).map { ResolvedFinding(ruleId: $0.ruleId, scope: $0.server) }.filter {
            seen.insert($0).inserted
        }
    }

    /// The findings the server scripts resolve: on a scripted server, of a rule its plan answers.
    private func resolvedByScripts() -> [ResolvedFinding] {
        resolved { finding in
            guard let server = finding.server else { return false }
            let identity = Server.identity(of: server)
            return serverPlans.contains {
                Server.identity(of: $0.name) == identity && $0.resolvedRuleIds.contains(finding.ruleId)
            }
        }
    }

    /// What the server certificate template must give that the assessed certificates lack, from
    /// the certificate findings (each named with the rule that shows it).
    func certificateRequirements() -> String {
        let present = Set(findings.filter { $0.outcome == .finding }.map(\.ruleId))
        let requirements: [(String, String)] = [
            ("cert-ikev2-eku-missing", "both EKUs (the servers' certificates lack IP security IKE intermediate)"),
            ("cert-name-mismatch", "the name clients dial as subject and DNS SAN"),
            ("cert-differs-across-farm", "the same names and issuing CA on every server behind one name"),
            (
                "cert-weak-key",
                "RSA 2048 bits or more (or ECDSA P-256/P-384; P-384 or RSA 3072 for CNSA) and a SHA-256 or stronger signature"
            ),
            ("cert-expiring", "a validity that outlasts the migration (renew before the window starts)"),
            (
                "cert-sstp-revocation-unreachable",
                "an HTTP CRL distribution point or OCSP responder reachable from the Internet (SSTP)"
            ),
        ].filter { present.contains($0.0) }
        guard !requirements.isEmpty else { return "" }
        return " The assessed server certificates show what the template must add: "
            + requirements.map { "\($0.1) (\($0.0))" }.joined(separator: "; ") + "."
    }

    func phases() -> [PlanPhase] {
        let da = estate.directAccessServers.map(\.directAccess)
        let groups = orderedUnique(da.flatMap(\.client.securityGroups).map(\.value))
        let daGpos = estate.groupPolicyObjects.filter(\.isDirectAccess)
        // The GPO names Get-DAClient gives, then those of the exported DirectAccess GPOs.
        let gpos = orderedUnique(
            da.flatMap(\.client.gpoNames).map(\.value).map { String($0.split(separator: "\\").last ?? Substring($0)) }
                + daGpos.map { $0.name ?? $0.id })
        // The client GPOs (their DirectAccess NRPT rules are what a device must lose first).
        let gpoDetails = daGpos.filter(\.isDirectAccessClientPolicy).map { gpo in
            var parts: [String] = []
            if !gpo.links.isEmpty { parts.append("linked to \(gpo.links.map(\.path).joined(separator: ", "))") }
            if !gpo.securityFiltering.isEmpty {
                parts.append("applying to \(gpo.securityFiltering.map(\.value).joined(separator: ", "))")
            }
            return "\(gpo.name ?? gpo.id)\(parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))")"
        }
        let device = settings.deviceTunnel?.enabled == true
        return [
            PlanPhase(
                title: "1. Prerequisites",
                steps: [
                    PlanStep(
                        text:
                            "Publish certificate templates: a user VPN certificate\(settings.certificates.userTemplate.map { " (\($0))" } ?? "") for the user tunnel\(device ? ", a device certificate\(settings.certificates.deviceTemplate.map { " (\($0))" } ?? "") for the device tunnel" : ""), and server certificates for the RRAS servers (IKEv2 and SSTP: Server Authentication 1.3.6.1.5.5.7.3.1 and IP security IKE intermediate 1.3.6.1.5.5.8.2.2, subject or SAN the VPN name\(settings.vpnServers.isEmpty ? "" : " \(settings.vpnServers.joined(separator: ", "))")) and the NPS servers; enable auto-enrolment for the VPN Users group.\(certificateRequirements())",
                        resolves: [], artifacts: []),
                    PlanStep(
                        text:
                            "Build NPS: a network policy for VPN Users with \(settings.userAuthentication?.rawValue.uppercased() ?? "the chosen EAP method (plan gap: userAuthentication)"), RADIUS clients for every RRAS server\(resolved { $0.ruleId == "da-otp-in-use" }.isEmpty ? "" : ", and the MFA extension that replaces DirectAccess OTP").",
                        resolves: resolved { $0.ruleId == "da-otp-in-use" }, artifacts: []),
                    PlanStep(
                        text:
                            "Check the clients: Windows 10/11\(device ? "; the device tunnel needs Enterprise or Education, domain-joined" : ""). Windows 7 and 8.x clients cannot run Always On VPN and stay on DirectAccess until replaced.",
                        resolves: resolved { $0.ruleId == "da-downlevel-clients" }, artifacts: []),
                ]),
            PlanPhase(
                title: "2. Build RRAS beside DirectAccess",
                steps: [
                    PlanStep(
                        text:
                            "Install RRAS on servers separate from DirectAccess (the two must not share a server during coexistence), then review and run each server script: IKEv2 policy of the chosen baseline, only IKEv2 and SSTP accepting clients, registry settings the findings call for, certificate root restriction.",
                        resolves: resolvedByScripts(), artifacts: serverArtifacts),
                    PlanStep(
                        text:
                            "Publish the VPN name in public DNS and configure the load balancer for UDP 500/4500 (both ports to the same pool members, source-address persistence shared across both ports, a monitor that is not ICMP alone) and TCP 443 for SSTP. Remove source NAT only once the VPN servers route replies back through the load balancer; until then the server scripts raise IkeNumEstablishedForInitialQuery.",
                        resolves: loadBalancerArtifacts.isEmpty
                            ? [] : resolved { LoadBalancerPlan.resolvedRuleIds.contains($0.ruleId) },
                        artifacts: loadBalancerArtifacts),
                ]),
            PlanPhase(
                title: "3. Pilot rings",
                steps: [
                    PlanStep(
                        text:
                            "Deploy the profiles (Intune custom OMA-URI ./User/Vendor/MSFT/VPNv2/<name>/ProfileXML\(device ? " and ./Device/Vendor/MSFT/VPNv2/<name>/ProfileXML" : ""), or the MDM_VPNv2_01 WMI bridge) to a first ring that mixes office and remote workers of every department; grow the rings (e.g. 10 → 100 → 1,000 → everyone), leadership late.",
                        resolves: resolved { $0.module == "client-profiles" && $0.ruleId != "da-vpn-fqdn-in-nrpt" }
                            + resolved { $0.ruleId == "da-multisite" || $0.ruleId == "da-force-tunnel" },
                        artifacts: userArtifacts + deviceArtifacts),
                    PlanStep(
                        text:
                            "Target deployment at a \"VPN Deployment Ready\" group of users holding a valid VPN certificate (GetUsersWithCert.ps1 on a schedule), so no client receives a profile it cannot use.",
                        resolves: [], artifacts: []),
                ]),
            PlanPhase(
                title: "4. Coexistence checks",
                steps: [
                    PlanStep(
                        text: coexistenceWarning()
                            + "Check on a pilot client outside: the VPN name resolves outside the DirectAccess NRPT namespaces (or has an exemption), the VPN connects while DirectAccess is up, and the network location server is reachable through the VPN so DirectAccess stands down.",
                        resolves: resolved { ["da-vpn-fqdn-in-nrpt", "da-nls", "da-nrpt-dns64"].contains($0.ruleId) },
                        artifacts: userArtifacts)
                ]),
            PlanPhase(
                title: "5. Move devices out of DirectAccess",
                steps: [
                    PlanStep(
                        text:
                            "As each device's Always On VPN works, remove it from the DirectAccess client group\(groups.isEmpty ? "" : " (\(groups.joined(separator: ", ")))") so the DirectAccess GPO no longer applies\(gpoDetails.isEmpty ? "" : " (\(gpoDetails.joined(separator: "; ")))"); run gpupdate and check that its DA- NRPT rules are gone (Get-DnsClientNrptPolicy) before relying on the profile's name resolution.",
                        resolves: resolved { $0.ruleId == "da-desktops-included" }, artifacts: [])
                ]),
            PlanPhase(
                title: "6. Decommission DirectAccess",
                steps: [
                    PlanStep(
                        text:
                            "When the groups are empty: Remote Access console, Remove Configuration Settings (deletes the DirectAccess GPOs\(gpos.isEmpty ? "" : ": \(gpos.joined(separator: ", "))")\(daGpos.flatMap(\.links).isEmpty ? "" : ", and with them their links to \(orderedUnique(daGpos.flatMap(\.links).map(\.path)).joined(separator: ", "))")); delete the empty groups\(groups.isEmpty ? "" : " (\(groups.joined(separator: ", ")))"); remove the DirectAccess DNS records (\(orderedUnique(da.compactMap(\.connectToAddress).map(\.value)).joined(separator: ", ").ifEmpty("ConnectToAddress")), the NLS name); remove the role or the servers; unpublish the DirectAccess computer certificate templates.",
                        resolves: resolved { ["da-transition-technologies"].contains($0.ruleId) }, artifacts: [])
                ]),
        ]
    }
}

extension PhasePlanner {
    /// The plan's VPN names that fall inside a DirectAccess NRPT namespace without an exemption
    /// (the check of da-vpn-fqdn-in-nrpt, applied to the plan before any profile exists).
    func coexistenceWarning() -> String {
        // Iterated, never copied: the rules may be read a page at a time from the store.
        let rules = estate.directAccessServers.lazy.flatMap(\.directAccess.nrptRules)
        let conflicts = settings.vpnServers.filter { name in
            !rules.contains { $0.isExemption && $0.covers(name) }
                && rules.contains { !$0.isExemption && $0.covers(name) }
        }
        guard !conflicts.isEmpty else { return "" }
        return
            "First add a DirectAccess NRPT exemption for \(conflicts.joined(separator: ", ")): the name falls inside a DirectAccess namespace, so DirectAccess clients cannot reach the VPN. "
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
