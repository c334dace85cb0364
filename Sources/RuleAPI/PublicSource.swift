/// Public sources the rules cite: pages anyone can open. Every rule's `references` holds at least
/// one of these (or another public URL); a test enforces it, and none may point at files outside
/// the repository.
public enum PublicSource {
    // Microsoft Learn.
    public static let vpnv2CSP = "https://learn.microsoft.com/en-us/windows/client-management/mdm/vpnv2-csp"
    public static let profileXSD = "https://learn.microsoft.com/en-us/windows/client-management/mdm/vpnv2-profile-xsd"
    public static let deviceTunnel =
        "https://learn.microsoft.com/en-us/windows-server/remote/remote-access/vpn/vpn-device-tunnel-config"
    public static let advancedOptions =
        "https://learn.microsoft.com/en-us/windows-server/remote/remote-access/vpn/always-on-vpn/deploy/always-on-vpn-adv-options"
    public static let setVpnServerConfiguration =
        "https://learn.microsoft.com/en-us/powershell/module/remoteaccess/set-vpnserverconfiguration"
    public static let setVpnAuthProtocol =
        "https://learn.microsoft.com/en-us/powershell/module/remoteaccess/set-vpnauthprotocol"
    public static let setDAClient = "https://learn.microsoft.com/en-us/powershell/module/remoteaccess/set-daclient"
    public static let getDAClient = "https://learn.microsoft.com/en-us/powershell/module/remoteaccess/get-daclient"
    public static let getDAMultiSite =
        "https://learn.microsoft.com/en-us/powershell/module/remoteaccess/get-damultisite"
    public static let newNetFirewallRule =
        "https://learn.microsoft.com/en-us/powershell/module/netsecurity/new-netfirewallrule"
    public static let daMapping = "https://learn.microsoft.com/en-us/windows-server/remote/remote-access/vpn/vpn-map-da"
    public static let daMigrationPlanning =
        "https://learn.microsoft.com/en-us/windows-server/remote/remote-access/da-always-on-vpn-migration/da-always-on-migration-planning"
    public static let daMigrationDeploy =
        "https://learn.microsoft.com/en-us/windows-server/remote/remote-access/da-always-on-vpn-migration/da-always-on-migration-deploy"
    public static let troubleshoot =
        "https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/troubleshoot-always-on-vpn"
    // RFCs.
    public static let rfc8247 = "https://www.rfc-editor.org/rfc/rfc8247"
    public static let rfc8221 = "https://www.rfc-editor.org/rfc/rfc8221"
    public static let rfc7383 = "https://www.rfc-editor.org/rfc/rfc7383"
    public static let rfc7296 = "https://www.rfc-editor.org/rfc/rfc7296"
    // Richard Hicks' posts (the seed articles) and scripts.
    public static let hicksProtocols =
        "https://directaccess.richardhicks.com/2018/01/22/always-on-vpn-protocol-recommendations-for-windows-server-routing-and-remote-access-service-rras/"
    public static let hicksPolicyMismatch =
        "https://directaccess.richardhicks.com/2019/09/02/always-on-vpn-ikev2-policy-mismatch-error/"
    public static let hicksError809 =
        "https://directaccess.richardhicks.com/2019/02/14/troubleshooting-always-on-vpn-error-code-809/"
    public static let hicksLoadBalancingNat = "https://directaccess.richardhicks.com/tag/external-load-balancer/"
    public static let hicksKemp =
        "https://directaccess.richardhicks.com/2018/09/17/always-on-vpn-ikev2-load-balancing-with-kemp-loadmaster/"
    public static let hicksIKEv2Posts = "https://directaccess.richardhicks.com/tag/internet-key-exchange-version-2/"
    public static let hicksError800 = "https://github.com/richardhicks/aovpn/issues/10"
    public static let hicksBaselineScript =
        "https://github.com/richardhicks/aovpn/blob/master/Set-IKEv2VpnSecurityBaseline.ps1"
    public static let hicksFragmentationScript =
        "https://github.com/richardhicks/aovpn/blob/master/Enable-VpnServerIKEv2Fragmentation.ps1"
    public static let hicksCrlScript = "https://github.com/richardhicks/aovpn/blob/master/Enable-IKEv2CrlCheck.ps1"
    public static let hicksLoadBalancingScript =
        "https://github.com/richardhicks/aovpn/blob/master/Set-IKEv2LoadBalancingParameters.ps1"
    public static let hicksRootCertificateScript =
        "https://github.com/richardhicks/aovpn/blob/master/Set-IKEv2VpnRootCertificate.ps1"
    public static let hicksUserProfile = "https://github.com/richardhicks/aovpn/blob/master/ProfileXML_User.xml"
    public static let dpc = "https://github.com/ld0614/DPC"
}
