/// The Windows version of a server, from `Get-CimInstance Win32_OperatingSystem | Export-Clixml`
/// (`Caption`, `Version`, `BuildNumber`) or a `.reg` export of
/// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion` (`ProductName`, `CurrentBuild`).
/// Build-dependent rules and script steps read ``build``; without it they are not assessed.
public struct OperatingSystemInfo: Codable, Hashable, Sendable {
    /// `Microsoft Windows Server 2019 Datacenter` (Caption) or `Windows Server 2019 Datacenter` (ProductName).
    public var caption: Fact<String>?
    /// The build number (`17763`).
    public var build: Fact<Int>?

    public init(caption: Fact<String>? = nil, build: Fact<Int>? = nil) {
        self.caption = caption
        self.build = build
    }

    mutating func merge(_ other: OperatingSystemInfo) {
        caption = other.caption ?? caption
        build = other.build ?? build
    }
}
