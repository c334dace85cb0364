/// One thing the collector script (`Scripts/Export-AovpnEstate.ps1`) collects: the PowerShell that
/// writes it, the file it writes (under the server's folder), the import format that reads it, and
/// a file of that exact shape among the project's examples or fixtures. The list is the single
/// source the script is generated from, so the script cannot drift from what the importers read.
public struct CollectorItem: Sendable, Equatable {
    public enum Scope: String, Sendable {
        /// Always collected on every server.
        case server
        /// With `-IncludeClientPolicy` (a DirectAccess client's policy, VPN profiles).
        case clientPolicy
        /// With `-IncludeGpo` (when the GroupPolicy module is present).
        case gpo
        /// With `-IncludeEvents` (the last `-Days` days).
        case events
    }

    /// Stable id, also the manifest's item id.
    public var id: String
    public var scope: Scope
    /// The command as people read it (the manifest's `command`).
    public var command: String
    /// The path written, relative to the server's folder.
    public var file: String
    /// The import format that reads the file (``Importers/ExportFormat`` raw value).
    public var format: String
    /// PowerShell that writes `$Path` (a script block body with `param($Path, $Days)`).
    public var script: String
    /// Why a failure is expected on some servers (said in the summary and the manifest).
    public var expectedFailure: String?
    /// A file of this exact shape in the repository (a test imports it as `format`).
    public var fixture: String

    /// Redacts RADIUS shared secrets and pre-shared keys from a `netsh` dump before it is written.
    static let redactNetsh =
        #"$text = $text -replace '(?im)((?:secret|psk|presharedkey|sharedsecret)\s*=\s*)("[^"]*"|\S+)', '$1"(redacted by Export-AovpnEstate)"'"#

    /// `cmdlet | Export-Clixml -Depth 5`; `redacting` names a string property that can hold a
    /// secret (a RADIUS shared secret): its value is replaced by the marker before the file is
    /// written, on the server (the importer records the marker as "a secret is present").
    static func clixml(
        _ id: String, _ cmdlet: String, file: String? = nil, expected: String? = nil, redacting: String? = nil,
        fixture: String
    ) -> CollectorItem {
        let pipeline =
            redacting.map {
                "\(cmdlet) | ForEach-Object { if ($_.\($0)) { $_.\($0) = '(redacted by Export-AovpnEstate)' }; $_ }"
            } ?? cmdlet
        return CollectorItem(
            id: id, scope: .server,
            command: "\(cmdlet) | Export-Clixml -Depth 5\(redacting.map { " (\($0) redacted)" } ?? "")",
            file: file ?? "\(id).xml", format: "clixml",
            script: "param($Path, $Days) \(pipeline) | Export-Clixml -Path $Path -Depth 5",
            expectedFailure: expected, fixture: fixture)
    }

    static func regExport(_ id: String, _ key: String, fixture: String) -> CollectorItem {
        CollectorItem(
            id: id, scope: .server, command: "reg export \"\(key)\"", file: "\(id).reg", format: "reg",
            script:
                "param($Path, $Days) $null = & reg.exe export \"\(key)\" $Path /y; if ($LASTEXITCODE -ne 0) { throw \"reg export failed ($LASTEXITCODE): \(key) is not on this server\" }",
            expectedFailure: "the key exists only when the role has been configured", fixture: fixture)
    }

    static func text(_ id: String, _ command: String, file: String, format: String, fixture: String) -> CollectorItem {
        CollectorItem(
            id: id, scope: .server, command: command, file: file, format: format,
            script:
                "param($Path, $Days) $text = \(command) | Out-String -Width 4096; Set-Content -Path $Path -Value $text -Encoding Unicode",
            expectedFailure: nil, fixture: fixture)
    }

    /// The events of `log` matching `query` of the last `$Days` days, as `wevtutil /f:xml` writes them.
    static func events(
        _ id: String, log: String, query: String, file: String, expected: String?, fixture: String
    ) -> CollectorItem {
        CollectorItem(
            id: id, scope: .events,
            command: "wevtutil qe \(log) /q:\"*[System[\(query)]]\" /f:xml (last -Days days)",
            file: "events/\(file)", format: "windows-event-xml",
            script:
                "param($Path, $Days) $ms = [int64]$Days * 86400000; $text = & wevtutil.exe qe \(log) \"/q:*[System[\(query) and TimeCreated[timediff(@SystemTime) <= $ms]]]\" /f:xml | Out-String; Set-Content -Path $Path -Value $text -Encoding Unicode",
            expectedFailure: expected, fixture: fixture)
    }

    /// Everything the importers read, in the order the script collects it.
    public static let all: [CollectorItem] = [
        clixml("Get-RemoteAccess", "Get-RemoteAccess", fixture: "Examples/contoso/DA01/Get-RemoteAccess.xml"),
        clixml(
            "Get-DAServer", "Get-DAServer", expected: "DirectAccess is not configured on this server",
            fixture: "Examples/contoso/DA02/Get-DAServer.xml"),
        clixml(
            "Get-DAClient", "Get-DAClient", expected: "DirectAccess is not configured on this server",
            fixture: "Examples/contoso/DA02/Get-DAClient-and-NLS.xml"),
        clixml(
            "Get-DANetworkLocationServer", "Get-DANetworkLocationServer",
            expected: "DirectAccess is not configured on this server",
            fixture: "Examples/contoso/DA02/Get-DAClient-and-NLS.xml"),
        clixml(
            "Get-DAClientDnsConfiguration", "Get-DAClientDnsConfiguration",
            expected: "DirectAccess is not configured on this server",
            fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/Get-DAClientDnsConfiguration.xml"),
        clixml(
            "Get-DAMultiSite", "Get-DAMultiSite", expected: "multisite is not enabled (a single-site deployment)",
            fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/Get-DAMultiSite.xml"),
        clixml(
            "Get-DAEntryPoint", "Get-DAEntryPoint", expected: "multisite is not enabled (a single-site deployment)",
            fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/Get-DAEntryPoint.xml"),
        clixml(
            "Get-DAOtpAuthentication", "Get-DAOtpAuthentication", expected: "DirectAccess is not configured",
            fixture: "Examples/contoso/DA01/Get-DAOtpAuthentication.xml"),
        clixml(
            "Get-RemoteAccessLoadBalancer", "Get-RemoteAccessLoadBalancer",
            expected: "load balancing is not enabled",
            fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/Get-RemoteAccessLoadBalancer.xml"),
        clixml(
            "Get-VpnServerConfiguration", "Get-VpnServerConfiguration", expected: "the VPN role is not installed",
            fixture: "Examples/contoso/DA01/Get-VpnServerConfiguration.xml"),
        clixml(
            "Get-VpnAuthProtocol", "Get-VpnAuthProtocol", expected: "the VPN role is not installed",
            fixture: "Examples/contoso/DA01/Get-VpnAuthProtocol.xml"),
        clixml(
            "Get-RemoteAccessRadius", "Get-RemoteAccessRadius", expected: "RADIUS authentication is not configured",
            redacting: "SharedSecret",
            fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/Get-RemoteAccessRadius.xml"),
        clixml(
            "Get-NetIPHttpsConfiguration", "Get-NetIPHttpsConfiguration", expected: "IP-HTTPS is not configured",
            fixture: "Examples/contoso/DA01/Get-NetIPHttpsConfiguration.xml"),
        clixml("Get-NetIPAddress", "Get-NetIPAddress", fixture: "Examples/contoso/DA01/Get-NetIPAddress.xml"),
        clixml(
            "Get-CimInstance-Win32_OperatingSystem", "Get-CimInstance -ClassName Win32_OperatingSystem",
            fixture: "Examples/contoso/DA01/Get-CimInstance-Win32_OperatingSystem.xml"),
        clixml(
            "Get-NlbClusterPortRule", "Get-NlbClusterPortRule", expected: "Windows NLB is not installed",
            fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/Get-NlbClusterPortRule.xml"),
        clixml(
            "Get-ChildItem-Cert-My", "Get-ChildItem -Path Cert:\\LocalMachine\\My",
            fixture: "Examples/contoso/DA01/Get-ChildItem-Cert-My.xml"),
        clixml(
            "Get-ChildItem-Cert-Root", "Get-ChildItem -Path Cert:\\LocalMachine\\Root",
            fixture: "Examples/contoso/DA01/Get-ChildItem-Cert-Root.xml"),
        clixml(
            "Get-ChildItem-Cert-CA", "Get-ChildItem -Path Cert:\\LocalMachine\\CA",
            fixture: "Examples/contoso/DA01/Get-ChildItem-Cert-CA.xml"),
        CollectorItem(
            id: "netsh-ras-dump", scope: .server, command: "netsh ras dump (secrets redacted)",
            file: "netsh-ras-dump.txt", format: "netsh-ras-dump",
            script:
                "param($Path, $Days) $text = & netsh.exe ras dump | Out-String -Width 4096; if ($LASTEXITCODE -ne 0) { throw \"netsh ras dump failed ($LASTEXITCODE)\" }; \(redactNetsh); Set-Content -Path $Path -Value $text -Encoding Unicode",
            expectedFailure: "Routing and Remote Access is not installed",
            fixture: "Examples/contoso/DA01/netsh-ras-dump.txt"),
        regExport(
            "ikeext-parameters", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters",
            fixture: "Examples/contoso/DA01/ikev2-registry.reg"),
        regExport(
            "remoteaccess-ikev2", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2",
            fixture: "Examples/contoso/DA01/ikev2-registry.reg"),
        regExport(
            "sstpsvc-parameters", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters",
            fixture: "Examples/contoso/DA01/ikev2-registry.reg"),
        text(
            "netsh-http-sslcert", "& netsh.exe http show sslcert", file: "netsh-http-sslcert.txt",
            format: "netsh-http-sslcert", fixture: "Tests/AdvisorTests/Fixtures/certificates/netsh-http-sslcert.txt"),
        text(
            "systeminfo", "& systeminfo.exe", file: "systeminfo.txt", format: "systeminfo",
            fixture: "Tests/AdvisorTests/Fixtures/rasdata/RasData/rras01_systemconfig.txt"),
        text(
            "ipconfig", "& ipconfig.exe /all", file: "ipconfig.txt", format: "ipconfig",
            fixture: "Tests/AdvisorTests/Fixtures/rasdata/RasData/rras01_ipconfig.txt"),
        CollectorItem(
            id: "Export-NpsConfiguration", scope: .server, command: "Export-NpsConfiguration (secrets redacted)",
            file: "nps-configuration.xml", format: "nps-xml",
            script:
                "param($Path, $Days) Export-NpsConfiguration -Path $Path; $xml = Get-Content -Path $Path -Raw; $xml = $xml -replace '(<[^>/]*Secret[^>]*>)[^<]*(</)', '$1(redacted by Export-AovpnEstate)$2'; Set-Content -Path $Path -Value $xml -Encoding UTF8",
            expectedFailure: "the NPS role is not installed on this server",
            fixture: "Tests/AdvisorTests/Fixtures/rasdata/RasData/rras01_npsconfig.txt"),
        CollectorItem(
            id: "Get-VpnConnection", scope: .clientPolicy,
            command: "Get-VpnConnection -AllUserConnection | Export-Clixml -Depth 5",
            file: "client/Get-VpnConnection.xml", format: "clixml",
            script: "param($Path, $Days) Get-VpnConnection -AllUserConnection | Export-Clixml -Path $Path -Depth 5",
            expectedFailure: "no all-user VPN connection on this computer",
            fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/client/Get-VpnConnection.xml"),
        CollectorItem(
            id: "nrpt-policy", scope: .clientPolicy,
            command: "reg export \"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\"",
            file: "client/nrpt-policy.reg", format: "reg",
            script:
                "param($Path, $Days) $null = & reg.exe export \"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\" $Path /y; if ($LASTEXITCODE -ne 0) { throw 'no NRPT policy on this computer' }",
            expectedFailure: "the computer applies no NRPT policy",
            fixture: "Examples/contoso/DA01/DirectAccess-Client-NRPT.reg"),
        CollectorItem(
            id: "Get-GPOReport", scope: .gpo, command: "Get-GPOReport -All -ReportType Xml",
            file: "gpo/all-gpos.xml", format: "gpreport-xml",
            script: "param($Path, $Days) Import-Module GroupPolicy; Get-GPOReport -All -ReportType Xml -Path $Path",
            expectedFailure: "the GroupPolicy module (GPMC) is not installed on this server",
            fixture: "Examples/contoso/gpo/{5B0C1E2D-3F4A-4B6C-8D9E-0F1A2B3C4D5E}/gpreport.xml"),
        events(
            "events-remoteaccess", log: "System", query: "Provider[@Name='RemoteAccess']", file: "remoteaccess.xml",
            expected: nil, fixture: "Tests/AdvisorTests/Fixtures/collector/DA01/events/remoteaccess.xml"),
        events(
            "events-nps", log: "Security", query: "(EventID=6272 or EventID=6273)", file: "nps.xml",
            expected: "the Security log needs an elevated prompt, and NPS auditing must be on",
            fixture: "Tests/AdvisorTests/Fixtures/events/nps-decisions.xml"),
        events(
            "events-rasclient", log: "Application", query: "Provider[@Name='RasClient']", file: "rasclient.xml",
            expected: nil, fixture: "Tests/AdvisorTests/Fixtures/events/rasclient-failures-utf16.xml"),
    ]
}
