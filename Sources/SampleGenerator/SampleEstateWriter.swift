import Foundation

/// Writes a large, realistic estate export in the real formats and encodings, for benchmarks:
/// per server a `Get-VpnServerConfiguration` CLIXML (UTF-16LE with BOM), a `netsh ras dump` and an
/// IKEv2 `.reg`; for the estate a `Get-DnsClientNrptRule` CLIXML and an NRPT policy `.reg`
/// (UTF-16LE), grown to the requested sizes. Output is streamed: memory does not grow with size.
public struct SampleEstateWriter: Sendable {
    public var servers: Int
    public var nrptRules: Int
    /// Minimum size of the NRPT CLIXML, in MiB (rules are added beyond `nrptRules` to reach it).
    public var cliXmlMegabytes: Int
    /// Minimum size of the NRPT `.reg`, in MiB.
    public var regMegabytes: Int

    public init(servers: Int = 200, nrptRules: Int = 20_000, cliXmlMegabytes: Int = 0, regMegabytes: Int = 0) {
        self.servers = servers
        self.nrptRules = nrptRules
        self.cliXmlMegabytes = cliXmlMegabytes
        self.regMegabytes = regMegabytes
    }

    /// Writes the bundle into `directory` (created if needed).
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for index in 1...max(1, servers) {
            let name = String(format: "RRAS%03d", index)
            let folder = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try writeUTF16(
                folder.appendingPathComponent("Get-VpnServerConfiguration.xml"), [vpnConfiguration(name, index)])
            try writeUTF16(folder.appendingPathComponent("netsh-ras-dump.txt"), [netshDump(index)])
            try writeUTF16(folder.appendingPathComponent("ikev2.reg"), [ikev2Registry(index)])
        }
        // The DirectAccess server whose client policy carries the NRPT.
        let shared = directory.appendingPathComponent("DA001")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try writeUTF16(shared.appendingPathComponent("Get-DAServer.xml"), [directAccessServer()])
        try writeNrptCliXml(shared.appendingPathComponent("Get-DnsClientNrptRule.xml"))
        try writeNrptRegistry(shared.appendingPathComponent("nrpt-policy.reg"))
    }

    // MARK: - Streaming output

    private final class UTF16Stream {
        let handle: FileHandle
        var buffer = Data()
        var written = 0
        init(_ url: URL) throws {
            _ = FileManager.default.createFile(atPath: url.path, contents: Data([0xFF, 0xFE]))
            handle = try FileHandle(forWritingTo: url)
            handle.seekToEndOfFile()
            written = 2
        }
        func write(_ text: String) throws {
            buffer.append(text.data(using: .utf16LittleEndian)!)
            if buffer.count > 1 << 20 { try flush() }
        }
        func flush() throws {
            try handle.write(contentsOf: buffer)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        func close() throws {
            try flush()
            try handle.close()
        }
    }

    private func writeUTF16(_ url: URL, _ parts: [String]) throws {
        let stream = try UTF16Stream(url)
        for part in parts { try stream.write(part) }
        try stream.close()
    }

    private func writeNrptCliXml(_ url: URL) throws {
        let stream = try UTF16Stream(url)
        try stream.write("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\r\n")
        var index = 0
        var refId = 0
        while index < nrptRules || stream.written + stream.buffer.count < cliXmlMegabytes << 20 {
            try stream.write(nrptRuleObject(index, refId: &refId))
            index += 1
        }
        try stream.write("</Objs>")
        try stream.close()
    }

    private func writeNrptRegistry(_ url: URL) throws {
        let stream = try UTF16Stream(url)
        try stream.write(
            "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig]\r\n\r\n"
        )
        var index = 0
        while index < nrptRules || stream.written + stream.buffer.count < regMegabytes << 20 {
            try stream.write(nrptRegistryKey(index))
            index += 1
        }
        try stream.close()
    }

    // MARK: - Content

    private func nrptRuleObject(_ index: Int, refId: inout Int) -> String {
        let object = refId
        let list = refId + 1
        let servers = refId + 2
        refId += 3
        let typeNames =
            index == 0
            ? "<TN RefId=\"0\">\r\n      <T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DNS/DnsClientNrptRule</T>\r\n      <T>Microsoft.Management.Infrastructure.CimInstance#DnsClientNrptRule</T>\r\n      <T>Microsoft.Management.Infrastructure.CimInstance</T>\r\n      <T>System.Object</T>\r\n    </TN>"
            : "<TNRef RefId=\"0\" />"
        let arrayType =
            index == 0
            ? "<TN RefId=\"1\">\r\n          <T>System.String[]</T>\r\n          <T>System.Array</T>\r\n          <T>System.Object</T>\r\n        </TN>"
            : "<TNRef RefId=\"1\" />"
        let guid = String(format: "%08X-7A52-4B39-9F0C-%012X", index, index &* 2_654_435_761 & 0xFFFF_FFFF_FFFF)
        return """
              <Obj RefId="\(object)">
                \(typeNames)
                <ToString>DnsClientNrptRule</ToString>
                <Props>
                  <U32 N="Version">2</U32>
                  <Obj N="Namespace" RefId="\(list)">
                    \(arrayType)
                    <LST>
                      <S>.site\(index).corp.example.com</S>
                    </LST>
                  </Obj>
                  <S N="Name">DA-{\(guid)}</S>
                  <S N="DisplayName"></S>
                  <S N="Comment">Generated rule \(index)_x000D__x000A_for benchmarks</S>
                  <B N="DnsSecEnabled">false</B>
                  <B N="DirectAccessEnabled">true</B>
                  <Obj N="DirectAccessDnsServers" RefId="\(servers)">
                    <TNRef RefId="1" />
                    <LST>
                      <S>fd2c:1b0a:7c3e:3333::1</S>
                    </LST>
                  </Obj>
                  <S N="DirectAccessProxyType">NoProxy</S>
                  <Nil N="NameServers" />
                  <S N="NameEncoding">Utf8WithoutMapping</S>
                  <Nil N="PSComputerName" />
                </Props>
              </Obj>\r\n
            """.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "\r\r\n", with: "\r\n")
    }

    private func nrptRegistryKey(_ index: Int) -> String {
        let name = ".site\(index).corp.example.com"
        var bytes =
            Array(name.utf16).flatMap { [String(format: "%02x", $0 & 0xFF), String(format: "%02x", $0 >> 8)] } + [
                "00", "00", "00", "00",
            ]
        var lines: [String] = []
        var line = "\"Name\"=hex(7):"
        while !bytes.isEmpty {
            let byte = bytes.removeFirst()
            if line.count + 3 > 78 {
                lines.append(line + "\\")
                line = "  "
            }
            line += byte + (bytes.isEmpty ? "" : ",")
        }
        lines.append(line)
        return
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\\DA-{\(index)}]\r\n"
            + "\"Version\"=dword:00000001\r\n" + lines.joined(separator: "\r\n") + "\r\n"
            + "\"ConfigOptions\"=dword:00000004\r\n\"DirectAccessDNSServers\"=\"fd2c:1b0a:7c3e:3333::1\"\r\n\"IPSECCARestriction\"=\"\"\r\n\r\n"
    }

    private func vpnConfiguration(_ name: String, _ index: Int) -> String {
        let dh = index % 7 == 0 ? "Group2" : "ECP256"
        return """
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
              <Obj RefId="0">
                <TN RefId="0">
                  <T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/VpnServerIPsecCustomConfiguration</T>
                  <T>Microsoft.Management.Infrastructure.CimInstance</T>
                  <T>System.Object</T>
                </TN>
                <Props>
                  <U32 N="SALifeTime">28800</U32>
                  <U32 N="MMSALifeTime">86400</U32>
                  <U32 N="Ikev2Ports">\(128 + index % 3)</U32>
                  <U32 N="SstpPorts">128</U32>
                  <U32 N="L2tpPorts">0</U32>
                  <B N="CustomPolicy">true</B>
                  <S N="EncryptionMethod">GCMAES128</S>
                  <S N="IntegrityCheckMethod">SHA256</S>
                  <S N="CipherTransformConstants">GCMAES128</S>
                  <S N="AuthenticationTransformConstants">GCMAES128</S>
                  <S N="DHGroup">\(dh)</S>
                  <S N="PfsGroup">ECP256</S>
                  <S N="PSComputerName">\(name).corp.example.com</S>
                </Props>
              </Obj>
            </Objs>
            """.replacingOccurrences(of: "\n", with: "\r\n")
    }

    private func directAccessServer() -> String {
        """
        <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
          <Obj RefId="0">
            <TN RefId="0">
              <T>Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/RemoteAccess/DAServer</T>
              <T>Microsoft.Management.Infrastructure.CimInstance</T>
              <T>System.Object</T>
            </TN>
            <Props>
              <Obj N="ServerConfiguration" RefId="1">
                <TN RefId="1">
                  <T>Microsoft.Management.Infrastructure.CimInstance#DAServerConfiguration</T>
                  <T>System.Object</T>
                </TN>
                <Props>
                  <S N="ConnectToAddress">da.example.com</S>
                  <S N="TeredoState">Disabled</S>
                  <S N="ClientIPv6Prefix">fd2c:1b0a:7c3e:1000::/64</S>
                </Props>
              </Obj>
              <S N="PSComputerName">DA001.corp.example.com</S>
            </Props>
          </Obj>
        </Objs>
        """.replacingOccurrences(of: "\n", with: "\r\n")
    }

    private func netshDump(_ index: Int) -> String {
        """
        pushd ras
        add authtype type = EAP
        \(index % 5 == 0 ? "add authtype type = MSCHAPv2\n" : "")set wanports device = "WAN Miniport (SSTP)" rasinonly = enabled ddinout = disabled ddoutonly = disabled maxports = 128
        set wanports device = "WAN Miniport (IKEv2)" rasinonly = enabled ddinout = disabled ddoutonly = disabled maxports = 128
        set wanports device = "WAN Miniport (PPTP)" rasinonly = \(index % 11 == 0 ? "enabled" : "disabled") ddinout = disabled ddoutonly = disabled maxports = \(index % 11 == 0 ? 2 : 0)
        set ikev2connection idletimeout = 5 nwoutagetime = 30
        popd
        """.replacingOccurrences(of: "\n", with: "\r\n")
    }

    private func ikev2Registry(_ index: Int) -> String {
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2]\r\n"
            + "\"EnableServerFragmentation\"=dword:0000000\(index % 4 == 0 ? 0 : 1)\r\n\"CertAuthFlags\"=dword:00000004\r\n\r\n"
    }
}
