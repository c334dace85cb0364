/// What Windows applies when an export leaves a setting out: one place, each value with its
/// source, so that no rule guesses a default of its own.
public enum WindowsDefaults {
    /// `NativeProfile/RoutingPolicyType` absent: Windows force tunnels (VPNv2 CSP, "ForceTunnel"
    /// is the default; https://learn.microsoft.com/en-us/windows/client-management/mdm/vpnv2-csp).
    /// Hicks' `ProfileXML_LockDown.xml` relies on it.
    public static let routingPolicyType = "ForceTunnel"
}

extension ClientProfile {
    /// The routing policy as Windows applies it: the profile's, else ``WindowsDefaults/routingPolicyType``.
    /// `Get-VpnConnection` exports always say (`SplitTunneling`).
    public var effectiveRoutingPolicyType: String { routingPolicyType?.value ?? WindowsDefaults.routingPolicyType }
}
