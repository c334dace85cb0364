#!/usr/bin/env python3
"""Writes Examples/contoso: a synthetic two-server DirectAccess + RRAS export of the fictitious
Contoso, in the formats and encodings Windows really writes (see Docs/formats/). Synthetic: no
real estate was captured; shapes follow MS-PSRP CLIXML, the RAMgmtPSProv class definitions,
regedit's .reg syntax and netsh ras dump."""
import os, sys
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Examples", "contoso")
NS = "http://schemas.microsoft.com/powershell/2004/04"
RA_NS = "root/Microsoft/Windows/RemoteAccess"
DNS_NS = "root/Microsoft/Windows/DNS"

class Clixml:
    def __init__(self):
        self.ref = 0
        self.tn = {}
        self.out = []

    def next_ref(self):
        r = str(self.ref); self.ref += 1; return r

    def tn_xml(self, names):
        # Numbered in document order by document(), which also turns repeats into <TNRef>.
        return '<TN RefId="?">%s</TN>' % "".join("<T>%s</T>" % escape(n) for n in names)

    def cim(self, cls, props, ns=RA_NS, name=None, embedded=False, computer=None):
        names = []
        if not embedded:
            names.append("Microsoft.Management.Infrastructure.CimInstance#%s/%s" % (ns, cls))
        names += ["Microsoft.Management.Infrastructure.CimInstance#%s" % cls,
                  "Microsoft.Management.Infrastructure.CimInstance", "System.Object"]
        attr = ' N="%s"' % name if name else ""
        body = "".join(self.value(k, v) for k, v in props)
        body += self.value("PSComputerName", computer) if not embedded else ""
        return '<Obj%s RefId="%s">%s<ToString>%s</ToString><Props>%s</Props></Obj>' % (
            attr, self.next_ref(), self.tn_xml(names), cls, body)

    def enum(self, name, type_name, text, number):
        names = [type_name, "System.Enum", "System.ValueType", "System.Object"]
        return '<Obj N="%s" RefId="%s">%s<ToString>%s</ToString><I32>%d</I32></Obj>' % (
            name, self.next_ref(), self.tn_xml(names), text, number)

    def value(self, name, v):
        n = ' N="%s"' % name
        if v is None:
            return "<Nil%s />" % n
        if isinstance(v, bool):
            return "<B%s>%s</B>" % (n, "true" if v else "false")
        if isinstance(v, int):
            return "<U32%s>%d</U32>" % (n, v)
        if isinstance(v, list):
            items = "".join("<S>%s</S>" % escape(x) if isinstance(x, str) else x for x in v)
            return '<Obj%s RefId="%s">%s<LST>%s</LST></Obj>' % (
                n, self.next_ref(), self.tn_xml(["System.String[]", "System.Array", "System.Object"]), items)
        if isinstance(v, Raw):
            return v.xml
        return "<S%s>%s</S>" % (n, escape(v))

    def document(self, objects):
        # Export-Clixml indents two spaces per level, one element per line, CRLF, no declaration.
        import xml.dom.minidom
        flat = '<Objs Version="1.1.0.1" xmlns="%s">%s</Objs>' % (NS, "".join(objects))
        root = xml.dom.minidom.parseString(flat).documentElement
        seen, objects = {}, 0
        def walk(node):
            nonlocal objects
            for child in list(node.childNodes):
                if child.nodeType != child.ELEMENT_NODE:
                    continue
                if child.tagName == "Obj":
                    child.setAttribute("RefId", str(objects)); objects += 1
                if child.tagName == "TN":
                    key = tuple(t.firstChild.data for t in child.getElementsByTagName("T"))
                    if key in seen:
                        ref = root.ownerDocument.createElement("TNRef")
                        ref.setAttribute("RefId", seen[key])
                        node.replaceChild(ref, child)
                        continue
                    seen[key] = str(len(seen))
                    child.setAttribute("RefId", seen[key])
                walk(child)
        walk(root)
        pretty = root.toprettyxml(indent="  ")
        return "\r\n".join(line for line in pretty.splitlines() if line.strip())

class Raw:
    def __init__(self, xml): self.xml = xml

def write(path, text, encoding):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    data = {"utf-16le-bom": b"\xff\xfe" + text.encode("utf-16-le"),
            "utf-8": text.encode("utf-8"),
            "cp1252": text.encode("cp1252")}[encoding]
    with open(full, "wb") as f:
        f.write(data)

def nrpt_rule(c, name, namespaces, dns, embedded=True):
    return c.cim("DnsClientNrptRule", [
        ("Version", 2), ("Namespace", namespaces), ("Name", name), ("DisplayName", ""), ("Comment", ""),
        ("DnsSecEnabled", False), ("DnsSecValidationRequired", False), ("DnsSecQueryIPsecRequired", False),
        ("DnsSecQueryIPsecEncryption", ""), ("DirectAccessEnabled", bool(dns)), ("IPsecCARestriction", ""),
        ("DirectAccessDnsServers", dns), ("DirectAccessQueryIPsecRequired", False),
        ("DirectAccessQueryIPsecEncryption", ""), ("DirectAccessProxyType", "UseDefault" if not dns else "NoProxy"),
        ("DirectAccessProxyName", ""), ("NameServers", []), ("NameEncoding", "Utf8WithoutMapping"),
    ], ns=DNS_NS, embedded=embedded)

def da01():
    c = Clixml()
    server_cfg = Raw(c.cim("DAServerConfiguration", [
        ("DAInstallType", "FullInstall"), ("InternalIPv6Prefix", ["fd2c:1b0a:7c3e:1::/64"]),
        ("ClientIPv6Prefix", "fd2c:1b0a:7c3e:1000::/64"), ("ConnectToAddress", "da.contoso.com"),
        ("UserAuthentication", "UserPasswd"), ("IPsecRootCertificate", None), ("IntermediateRootCertificate", False),
        ("GpoName", "contoso.com\\DirectAccess Server Settings"), ("ComputerCertAuthentication", "Enabled"),
        ("TeredoState", "Enabled"), ("IsNatDeployed", True), ("IsSingleNic", False), ("HealthCheck", "Enabled"),
    ], name="ServerConfiguration", embedded=True))
    client_settings = Raw(c.cim("DAClientSettings", [
        ("ForceTunnel", "Enabled"), ("ForceTunnelingNrptEntry", None), ("OnlyRemoteComputers", "Disabled"),
        ("Downlevel", "Enabled"),
    ], name="ClientSettings", embedded=True))
    entrypoint = Raw(c.cim("DAClientEntrypoint", [
        ("DownlevelSecurityGroupNameList", ["CONTOSO\\DA Windows 7 Clients"]),
        ("DownlevelGpoName", ["contoso.com\\DirectAccess Client Settings - Windows 7"]), ("EntrypointName", ""),
    ], name="ClientEntrypoint", embedded=True))
    client = Raw(c.cim("DAClient", [
        ("SecurityGroupNameList", ["CONTOSO\\DirectAccess Clients"]),
        ("GpoName", ["contoso.com\\DirectAccess Client Settings"]),
        ("ClientSettings", client_settings), ("ClientEntrypoint", entrypoint),
    ], name="ClientPolicy", embedded=True))
    nls = Raw(c.cim("DANetworkLocationServer", [
        ("NlsLocation", "DirectAccessServer"), ("Url", "https://DirectAccess-NLS.contoso.com:62000/insideoutside"),
        ("Certificate", None), ("Reachability", False),
    ], name="NetworkLocationServerPolicy", embedded=True))
    rules = [nrpt_rule(c, "DA-{1A1C3E0D-7A52-4B39-9F0C-3C1B2B7E6F10}", [".corp.contoso.com"], ["fd2c:1b0a:7c3e:3333::1"]),
             nrpt_rule(c, "DA-{8E0A6A7B-21C1-4F5D-8B6B-0AB2F1E3C4D5}", ["DirectAccess-NLS.corp.contoso.com"], []),
             nrpt_rule(c, "DA-{5B6C7D8E-9F00-4A1B-8C2D-3E4F5A6B7C8D}", ["da.contoso.com"], [])]
    globals_ = Raw(c.cim("DnsClientNrptGlobal", [
        ("EnableDAForAllNetworks", "EnableOnNetworkId"), ("QueryPolicy", "QueryIPv6Only"),
        ("SecureNameQueryFallback", "FallbackPrivate"),
    ], name="NrptGlobalSettings", embedded=True))
    dns = Raw(c.cim("DAClientDnsConfiguration", [
        ("NrptEntry", Raw('<Obj N="NrptEntry" RefId="%s">%s<LST>%s</LST></Obj>' % (
            c.next_ref(), c.tn_xml(["Microsoft.Management.Infrastructure.CimInstance[]", "System.Array", "System.Object"]),
            "".join(rules)))),
        ("NrptGlobalSettings", globals_),
    ], name="ClientDnsConfiguration", embedded=True))
    da_config = Raw(c.cim("DirectAccessConfiguration", [
        ("AppServerPolicy", None), ("ClientPolicy", client), ("ServerConfiguration", server_cfg),
        ("NetworkLocationServerPolicy", nls), ("ClientDnsConfiguration", dns),
        ("MgmtServer", ["sccm01.corp.contoso.com", "fd2c:1b0a:7c3e:1::10"]),
    ], name="DAConfiguration", embedded=True))
    remote_access = c.cim("RemoteAccess", [
        ("InternetInterface", "Internet"), ("InternalInterface", "Corpnet"), ("SslCertificate", None),
        ("DAStatus", "Installed"), ("VpnStatus", "Installed"), ("VpnS2SStatus", "Uninstalled"),
        ("LoadBalancing", "NotConfigured"), ("SstpProxyStatus", "Uninstalled"), ("RoutingStatus", "Uninstalled"),
        ("UseHttp", False), ("DAConfiguration", da_config), ("VpnConfiguration", None),
    ], computer="DA01")
    write("DA01/Get-RemoteAccess.xml", c.document([remote_access]), "utf-16le-bom")

    c = Clixml()
    vpn = c.cim("VpnServerIPsecCustomConfiguration", [
        ("IdleDisconnect", 300), ("SALifeTime", 28800), ("MMSALifeTime", 86400), ("SADataSizeForRenegotiation", 102400),
        ("Ikev2Ports", 128), ("L2tpPorts", 128), ("SstpPorts", 128), ("GrePorts", 0), ("TunnelType", 7),
        ("CustomPolicy", True),
        ("EncryptionMethod", Raw(c.enum("EncryptionMethod", "Microsoft.PowerShell.Cmdletization.GeneratedTypes.VpnServerIPsecConfiguration.EncryptionMethod", "DES3", 1))),
        ("IntegrityCheckMethod", Raw(c.enum("IntegrityCheckMethod", "Microsoft.PowerShell.Cmdletization.GeneratedTypes.VpnServerIPsecConfiguration.IntegrityCheckMethod", "SHA1", 1))),
        ("CipherTransformConstants", Raw(c.enum("CipherTransformConstants", "Microsoft.PowerShell.Cmdletization.GeneratedTypes.VpnServerIPsecConfiguration.CipherTransformConstants", "GCMAES128", 5))),
        ("AuthenticationTransformConstants", Raw(c.enum("AuthenticationTransformConstants", "Microsoft.PowerShell.Cmdletization.GeneratedTypes.VpnServerIPsecConfiguration.AuthenticationTransformConstants", "SHA256128", 2))),
        ("DHGroup", Raw(c.enum("DHGroup", "Microsoft.PowerShell.Cmdletization.GeneratedTypes.VpnServerIPsecConfiguration.DHGroup", "Group2", 2))),
        ("PfsGroup", Raw(c.enum("PfsGroup", "Microsoft.PowerShell.Cmdletization.GeneratedTypes.VpnServerIPsecConfiguration.PfsGroup", "None", 0))),
    ], computer="DA01.corp.contoso.com")
    write("DA01/Get-VpnServerConfiguration.xml", c.document([vpn]), "utf-16le-bom")

    c = Clixml()
    auth = c.cim("VpnAuthProtocol", [
        ("UserAuthProtocolAccepted", ["EAP", "MsChapv2"]), ("TunnelAuthProtocolsAdvertised", "Certificates"),
        ("RootCertificateNameToAccept", None), ("CertificateAdvertised", None), ("CertificateEKUsToAccept", []),
    ], computer=None)
    write("DA01/Get-VpnAuthProtocol.xml", c.document([auth]), "utf-8")  # PowerShell 7: UTF-8, no BOM

    c = Clixml()
    otp = c.cim("DAOtpAuthentication", [
        ("OtpStatus", "Enabled"), ("RadiusServer", ["10.10.0.25"]), ("UserSecurityGroupName", "CONTOSO\\DA OTP Users"),
        ("CAServers", ["CA01.corp.contoso.com\\Contoso Issuing CA"]), ("CertificateTemplateName", "DAOTPLogon"),
        ("SigningCertificateTemplateName", "DAOTPRASigning"),
    ], computer="DA01")
    write("DA01/Get-DAOtpAuthentication.xml", c.document([otp]), "utf-16le-bom")

    c = Clixml()
    iphttps = c.cim("MSFT_NetIPHttpsConfiguration", [
        ("ConfigurationType", 0), ("Type", 2), ("State", 0), ("AuthMode", 0),
        ("ServerURL", "https://da.contoso.com:443/IPHTTPS"), ("Profile", "Public"), ("ProfileActivated", True),
        ("StrongCRLRequired", False), ("PolicyStore", "ActiveStore"),
    ], ns="ROOT/StandardCimv2", computer="DA01")
    write("DA01/Get-NetIPHttpsConfiguration.xml", c.document([iphttps]), "utf-16le-bom")

def da02():
    c = Clixml()
    server = c.cim("DAServer", [
        ("InternetInterface", "Internet"), ("InternalInterface", "Corpnet"), ("SslCertificate", None),
        ("ServerConfiguration", Raw(c.cim("DAServerConfiguration", [
            ("DAInstallType", "FullInstall"), ("InternalIPv6Prefix", ["fd2c:1b0a:7c3e:1::/64"]),
            ("ClientIPv6Prefix", "fd2c:1b0a:7c3e:1000::/64"), ("ConnectToAddress", "da.contoso.com"),
            ("UserAuthentication", "UserPasswd"), ("ComputerCertAuthentication", "Enabled"),
            ("TeredoState", "Enabled"), ("IsNatDeployed", True), ("IsSingleNic", False), ("HealthCheck", "Enabled"),
        ], name="ServerConfiguration", embedded=True))),
    ], computer="DA02.corp.contoso.com")
    write("DA02/Get-DAServer.xml", c.document([server]), "utf-16le-bom")

    c = Clixml()
    client = c.cim("DAClient", [
        ("SecurityGroupNameList", ["CONTOSO\\DirectAccess Clients"]),
        ("GpoName", ["contoso.com\\DirectAccess Client Settings"]),
        ("ClientSettings", Raw(c.cim("DAClientSettings", [
            ("ForceTunnel", "Enabled"), ("OnlyRemoteComputers", "Disabled"), ("Downlevel", "Enabled")],
            name="ClientSettings", embedded=True))),
    ], computer="DA02.corp.contoso.com")
    nls = c.cim("DANetworkLocationServer", [
        ("NlsLocation", "DirectAccessServer"), ("Url", "https://DirectAccess-NLS.contoso.com:62000/insideoutside"),
        ("Certificate", None), ("Reachability", False)], computer="DA02.corp.contoso.com")
    write("DA02/Get-DAClient-and-NLS.xml", c.document([client, nls]), "utf-16le-bom")

    c = Clixml()
    vpn = c.cim("VpnServerIPsecDefaultConfiguration", [
        ("IdleDisconnect", 300), ("SALifeTime", 28800), ("MMSALifeTime", 86400), ("SADataSizeForRenegotiation", 102400),
        ("Ikev2Ports", 128), ("L2tpPorts", 128), ("SstpPorts", 128), ("GrePorts", 0), ("TunnelType", 7),
        ("CustomPolicy", False),
    ], computer="DA02.corp.contoso.com")
    write("DA02/Get-VpnServerConfiguration.xml", c.document([vpn]), "utf-16le-bom")

NETSH = r"""
#========================
# Remote Access configuration
#========================
pushd ras

set authmode mode = standard
delete authtype type = PAP
delete authtype type = MD5CHAP
delete authtype type = MSCHAPv2
delete authtype type = EAP
delete authtype type = CERT
add authtype type = MSCHAPv2
add authtype type = EAP
{extra_auth}delete link type = SWC
delete link type = LCP
add link type = SWC
add link type = LCP
delete multilink type = MULTI
add multilink type = MULTI
set conf confstate = enabled
set type ipv4rtrtype = lananddd ipv6rtrtype = lananddd rastype = ipv4
set wanports device = "WAN Miniport (SSTP)" rasinonly = enabled ddinout = disabled ddoutonly = disabled maxports = 128
set wanports device = "WAN Miniport (IKEv2)" rasinonly = enabled ddinout = disabled ddoutonly = disabled maxports = 128
set wanports device = "WAN Miniport (PPTP)" rasinonly = enabled ddinout = disabled ddoutonly = disabled maxports = 128
set wanports device = "WAN Miniport (L2TP)" rasinonly = enabled ddinout = disabled ddoutonly = disabled maxports = 128
set wanports device = "WAN Miniport (PPPOE)" ddoutonly = enabled

set ikev2connection idletimeout = 5 nwoutagetime = 30
set ikev2saexpiry saexpirytime = 480 sadatasizelimit = 100

popd

# End of Remote Access configuration.

#========================
# Remote Access IP configuration
#========================
pushd ras ip

delete pool
set negotiation mode = allow
set access mode = all
set addrreq mode = deny
set broadcastnameresolution mode = enabled
set addrassign method = pool
add range from = {pool_from} to = {pool_to}

popd

# End of Remote Access IP configuration.

#========================
# Remote Access AAAA configuration
#========================
pushd ras aaaa

set authentication provider = radius
set accounting provider = radius

delete authserver name = *
delete acctserver name = *

add authserver name = "nps01.corp.contoso.com" secret = "Contoso-RADIUS-Shared-Secret-1" init-score = 30 port = 1812 timeout = 5 signature = disabled
add acctserver name = "nps01.corp.contoso.com" secret = "Contoso-RADIUS-Shared-Secret-1" init-score = 30 port = 1813 timeout = 5 messages = disabled
set ipsecpolicy psk = enabled secret = "Contoso-L2TP-PSK-2019"

popd

# End of Remote Access AAAA configuration.
"""

REG_IKEV2 = "\r\n".join([
    "Windows Registry Editor Version 5.00", "",
    r"[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\IKEEXT\Parameters]",
    '"ServiceDll"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,74,\\',
    "  00,25,00,5c,00,53,00,79,00,73,00,74,00,65,00,6d,00,33,00,32,00,5c,00,69,00,\\",
    "  6b,00,65,00,65,00,78,00,74,00,2e,00,64,00,6c,00,6c,00,00,00",
    '"ServiceDllUnloadOnStop"=dword:00000001', "",
    r"[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\RemoteAccess\Parameters\Ikev2]",
    '"CertAuthFlags"=dword:00000002', "",
    r"[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SstpSvc\Parameters]",
    "{sstp_hashes}",
    '"ListenerPort"=dword:000001bb', "", ""])

def reg_hex(name, data):
    """A REG_BINARY value as regedit writes it: hex bytes, lines wrapped before column 80 with a
    trailing backslash, continuation lines indented by two spaces."""
    tokens = ["%02x" % b for b in data]
    lines, line = [], '"%s"=hex:' % name
    for i, token in enumerate(tokens):
        piece = token + ("," if i < len(tokens) - 1 else "")
        if len(line) + len(piece) > 77:
            lines.append(line + "\\")
            line = "  "
        line += piece
    lines.append(line)
    return "\r\n".join(lines)

REG_NRPT = "\r\n".join([
    "Windows Registry Editor Version 5.00", "",
    r"[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient\DnsPolicyConfig]", "",
    r"[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient\DnsPolicyConfig\DA-{1A1C3E0D-7A52-4B39-9F0C-3C1B2B7E6F10}]",
    '"Version"=dword:00000001',
    '"Name"=hex(7):2e,00,63,00,6f,00,72,00,70,00,2e,00,63,00,6f,00,6e,00,74,00,6f,00,\\',
    "  73,00,6f,00,2e,00,63,00,6f,00,6d,00,00,00,00,00",
    '"ConfigOptions"=dword:00000004',
    '"DirectAccessDNSServers"="fd2c:1b0a:7c3e:3333::1"',
    '"DirectAccessQueryIPSECRequired"=dword:00000000',
    '"DirectAccessQueryIPSECEncryption"=dword:00000000',
    '"DirectAccessProxyType"=dword:00000000',
    '"IPSECCARestriction"=""', "",
    r"[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient\DnsPolicyConfig\DA-{8E0A6A7B-21C1-4F5D-8B6B-0AB2F1E3C4D5}]",
    '"Version"=dword:00000001',
    '"Name"=hex(7):44,00,69,00,72,00,65,00,63,00,74,00,41,00,63,00,63,00,65,00,73,00,\\',
    "  73,00,2d,00,4e,00,4c,00,53,00,2e,00,63,00,6f,00,72,00,70,00,2e,00,63,00,6f,\\",
    "  00,6e,00,74,00,6f,00,73,00,6f,00,2e,00,63,00,6f,00,6d,00,00,00,00,00",
    '"ConfigOptions"=dword:00000004',
    '"DirectAccessDNSServers"=""',
    '"DirectAccessProxyType"=dword:00000001',
    '"IPSECCARestriction"=""', "",
    r"[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\TCPIP\v6Transition]",
    '"Teredo_State"="Enterprise Client"',
    '"6to4_State"="Disabled"', "",
    r"[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\TCPIP\v6Transition\IPHTTPS\IPHTTPSInterface]",
    '"IPHTTPS_ClientState"=dword:00000002',
    '"IPHTTPS_ClientUrl"="https://da.contoso.com:443/IPHTTPS"', "", ""])

REG_DA02 = "\r\n".join([
    "REGEDIT4", "",
    r"[HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\RemoteAccess\Parameters\Ikev2]",
    '"EnableServerFragmentation"=dword:00000001',
    '"CertAuthFlags"=dword:00000004', "",
    r"[HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\IKEEXT\Parameters]",
    '"IkeNumEstablishedForInitialQuery"=dword:0000c350', "", ""])

def ip_addresses(server, internal, external):
    c = Clixml()
    objects = []
    for alias, address, prefix in [("Corpnet", internal, 24), ("Internet", external, 24), ("Loopback Pseudo-Interface 1", "127.0.0.1", 8)]:
        objects.append(c.cim("MSFT_NetIPAddress", [
            ("IPAddress", address), ("InterfaceAlias", alias), ("AddressFamily", "IPv4"), ("PrefixLength", prefix),
            ("PrefixOrigin", "Manual"), ("AddressState", "Preferred"),
        ], ns="ROOT/StandardCimv2", computer=server))
    write("%s/Get-NetIPAddress.xml" % server, c.document(objects), "utf-16le-bom")

def operating_system(server, caption, build):
    # Get-CimInstance Win32_OperatingSystem | Export-Clixml: a local CIM query leaves PSComputerName
    # empty; CSName names the computer. BuildNumber and Version are strings in the CIM class.
    c = Clixml()
    obj = c.cim("Win32_OperatingSystem", [
        ("Caption", caption), ("Version", "10.0.%d" % build), ("BuildNumber", str(build)),
        ("CSName", server), ("OSArchitecture", "64-bit"), ("ProductType", 3),
    ], ns="root/cimv2", computer=None)
    write("%s/Get-CimInstance-Win32_OperatingSystem.xml" % server, c.document([obj]), "utf-16le-bom")

BIGIP = """#TMSH-VERSION: 16.1.3

ltm node /Common/DA01 {
    address 10.0.10.11
}
ltm node /Common/DA02 {
    address 10.0.10.12
}
ltm persistence source-addr /Common/persist_da_ike {
    app-service none
    defaults-from /Common/source_addr
    timeout 120
}
ltm pool /Common/pool_vpn_ike500 {
    members {
        /Common/DA01:isakmp {
            address 10.0.10.11
        }
        /Common/DA02:isakmp {
            address 10.0.10.12
        }
    }
    monitor /Common/gateway_icmp
}
ltm pool /Common/pool_vpn_ike4500 {
    members {
        /Common/DA01:ipsec-nat-t {
            address 10.0.10.11
        }
        /Common/DA02:ipsec-nat-t {
            address 10.0.10.12
        }
    }
    monitor /Common/gateway_icmp
}
ltm pool /Common/pool_da_iphttps {
    members {
        /Common/DA01:https {
            address 10.0.10.11
        }
        /Common/DA02:https {
            address 10.0.10.12
        }
    }
    monitor /Common/https
}
ltm virtual /Common/vs_vpn_ike500 {
    destination /Common/203.0.113.10:isakmp
    ip-protocol udp
    mask 255.255.255.255
    persist {
        /Common/persist_da_ike {
            default yes
        }
    }
    pool /Common/pool_vpn_ike500
    profiles {
        /Common/udp { }
    }
    source 0.0.0.0/0
    source-address-translation {
        type automap
    }
    translate-address enabled
    translate-port enabled
}
ltm virtual /Common/vs_vpn_ike4500 {
    destination /Common/203.0.113.10:ipsec-nat-t
    ip-protocol udp
    mask 255.255.255.255
    persist {
        /Common/persist_da_ike {
            default yes
        }
    }
    pool /Common/pool_vpn_ike4500
    profiles {
        /Common/udp { }
    }
    source 0.0.0.0/0
    source-address-translation {
        type automap
    }
    translate-address enabled
    translate-port enabled
}
ltm virtual /Common/vs_da_iphttps {
    destination /Common/203.0.113.10:https
    ip-protocol tcp
    mask 255.255.255.255
    pool /Common/pool_da_iphttps
    profiles {
        /Common/tcp { }
    }
    source 0.0.0.0/0
    source-address-translation {
        type automap
    }
}
"""

def certificates():
    """Get-ChildItem Cert:\\LocalMachine\\My (and \\CA, \\Root) | Export-Clixml on each server: PowerShell
    serialises an X509Certificate2 as its RawData (Base64 DER) with the provider's note properties.
    Real certificates made with the `cryptography` package (new keys each run), with deliberate
    problems: DA01's only server certificate is the IP-HTTPS one (Server Authentication without the
    IKE intermediate EKU: cert-ikev2-eku-missing), beside an expired one (cert-expiring); DA02's
    carries both EKUs but an RSA 1024-bit key (cert-weak-key); the two servers behind da.contoso.com
    therefore present different certificates (cert-differs-across-farm)."""
    import datetime
    from cryptography import x509
    from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID, ObjectIdentifier
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa, ec
    IKE = ObjectIdentifier("1.3.6.1.5.5.8.2.2")
    now = datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)
    # Encoded O then CN, as CAs issue them (Windows and RFC 4514 show them reversed: CN=..., O=Contoso).
    def name(cn): return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Contoso"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    def build(subject, issuer, key, issuer_key, start, days, ca=False, ekus=None, sans=None, crl=True):
        b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
             .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(start + datetime.timedelta(days=days))
             .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if ekus: b = b.add_extension(x509.ExtendedKeyUsage(ekus), critical=False)
        if sans: b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in sans]), critical=False)
        if crl: b = b.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier("http://pki.contoso.com/crl/Contoso%20Issuing%20CA.crl")],
            relative_name=None, reasons=None, crl_issuer=None)]), critical=False)
        return b.sign(issuer_key, hashes.SHA256())
    root_key = ec.generate_private_key(ec.SECP384R1())
    root = build(name("Contoso Root CA"), name("Contoso Root CA"), root_key, root_key, now - datetime.timedelta(days=2000), 7300, ca=True, crl=False)
    issuing_key = ec.generate_private_key(ec.SECP384R1())
    issuing = build(name("Contoso Issuing CA"), root.subject, issuing_key, root_key, now - datetime.timedelta(days=1500), 3650, ca=True)
    server_auth, client_auth = ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH
    da01_iphttps = build(name("da.contoso.com"), issuing.subject, rsa.generate_private_key(65537, 2048), issuing_key,
                         now - datetime.timedelta(days=200), 730, ekus=[server_auth], sans=["da.contoso.com"])
    da01_old = build(name("da.contoso.com"), issuing.subject, rsa.generate_private_key(65537, 2048), issuing_key,
                     datetime.datetime(2023, 3, 1, tzinfo=datetime.timezone.utc), 730, ekus=[server_auth], sans=["da.contoso.com"])
    da01_machine = build(name("DA01.corp.contoso.com"), issuing.subject, rsa.generate_private_key(65537, 2048), issuing_key,
                         now - datetime.timedelta(days=100), 365 * 3, ekus=[client_auth, server_auth], sans=["DA01.corp.contoso.com"])
    da02_vpn = build(name("da.contoso.com"), issuing.subject, rsa.generate_private_key(65537, 1024), issuing_key,
                     now - datetime.timedelta(days=100), 365 * 3, ekus=[server_auth, IKE], sans=["da.contoso.com", "vpn.contoso.com"])
    def export(server, store, certs):
        c = Clixml()
        objects = []
        for cert in certs:
            der = cert.public_bytes(serialization.Encoding.DER)
            thumb = cert.fingerprint(hashes.SHA1()).hex().upper()
            to_string = "[Subject]\r\n  %s\r\n\r\n[Issuer]\r\n  %s\r\n\r\n[Thumbprint]\r\n  %s\r\n" % (
                cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(), thumb)
            import base64
            names = ["System.Security.Cryptography.X509Certificates.X509Certificate2",
                     "System.Security.Cryptography.X509Certificates.X509Certificate", "System.Object"]
            provider = "Microsoft.PowerShell.Security\\Certificate::%s" % store
            objects.append('<Obj RefId="%s">%s<ToString>%s</ToString><Props><BA N="RawData">%s</BA></Props><MS>'
                           '<S N="PSPath">%s\\%s</S><S N="PSParentPath">%s</S><S N="PSChildName">%s</S>'
                           '<B N="PSIsContainer">false</B></MS></Obj>' % (
                c.next_ref(), c.tn_xml(names), escape(to_string).replace("\r", "_x000D_").replace("\n", "_x000A_"),
                base64.b64encode(der).decode(), provider, thumb, provider, thumb))
        write("%s/Get-ChildItem-Cert-%s.xml" % (server, store.split("\\")[-1]), c.document(objects), "utf-16le-bom")
    export("DA01", "LocalMachine\\My", [da01_iphttps, da01_old, da01_machine])
    export("DA01", "LocalMachine\\CA", [issuing])
    export("DA01", "LocalMachine\\Root", [root])
    export("DA02", "LocalMachine\\My", [da02_vpn])
    # DA01's SSTP listener is still bound to the expired certificate (renewed for IP-HTTPS, never
    # rebound for SSTP): SstpSvc\\Parameters holds its SHA-1 and SHA-256 hashes.
    der_old = da01_old.public_bytes(serialization.Encoding.DER)
    import hashlib
    global REG_IKEV2
    REG_IKEV2 = REG_IKEV2.replace("{sstp_hashes}", reg_hex("SHA1CertificateHash", hashlib.sha1(der_old).digest())
                                  + "\r\n" + reg_hex("SHA256CertificateHash", hashlib.sha256(der_old).digest()))
    # A DER .cer as Export-Certificate -Type CERT writes it.
    with open(os.path.join(ROOT, "DA02", "Contoso-Issuing-CA.cer"), "wb") as f:
        f.write(issuing.public_bytes(serialization.Encoding.DER))

if __name__ == "__main__":
    da01()
    da02()
    ip_addresses("DA01", "10.0.10.11", "203.0.113.21")
    ip_addresses("DA02", "10.0.10.12", "203.0.113.22")
    operating_system("DA01", "Microsoft Windows Server 2016 Standard", 14393)
    operating_system("DA02", "Microsoft Windows Server 2019 Standard", 17763)
    certificates()
    write("loadbalancer/bigip.conf", BIGIP, "utf-8")
    write("DA01/netsh-ras-dump.txt", NETSH.format(extra_auth="", pool_from="10.20.0.1", pool_to="10.20.3.254").replace("\n", "\r\n"), "utf-16le-bom")
    write("DA02/netsh-ras-dump.txt", NETSH.format(extra_auth="add authtype type = PAP\n", pool_from="10.20.4.1", pool_to="10.20.7.254").replace("\n", "\r\n"), "cp1252")
    write("DA01/ikev2-registry.reg", REG_IKEV2, "utf-16le-bom")
    write("DA01/DirectAccess-Client-NRPT.reg", REG_NRPT, "utf-16le-bom")
    write("DA02/ikev2-registry.reg", REG_DA02, "cp1252")
    write("README.md", """# Example: Contoso (synthetic)

A two-server DirectAccess + RRAS deployment (`DA01`, `DA02`, ConnectToAddress `da.contoso.com`)
behind an F5 BIG-IP (`loadbalancer/bigip.conf`, with source NAT and per-virtual persistence),
written by `Scripts/make-contoso-example.py` in the formats and encodings Windows writes:
CLIXML in UTF-16LE with BOM (Windows PowerShell 5.1) and UTF-8 without BOM (PowerShell 7),
`.reg` in UTF-16LE (version 5.00) and ANSI (`REGEDIT4`), and `netsh ras dump` output.
No real estate was captured: names, addresses and secrets are fictitious. The netsh dumps carry a
fictitious RADIUS shared secret and L2TP pre-shared key, so you can check that none of them reaches
the database or the reports. `DA01` runs Windows Server 2016 (build 14393) and `DA02` Windows
Server 2019 (build 17763), as their `Get-CimInstance Win32_OperatingSystem` exports say.

`clients/ProfileXML-Pilot.xml` is a hand-written pilot user tunnel profile (not produced by the
script) with deliberate mistakes: `NativeProtocolType Automatic` with a CryptographySuite (Windows
ignores the suite: `ikev2-cryptosuite-ignored`, error 800) and a VPN name inside the DirectAccess
NRPT namespace (`da-vpn-fqdn-in-nrpt`). Its suite also differs from DA01's policy, but the profile
connects to `vpn-pilot.corp.contoso.com`, which is not in the export, so no server is compared with it.
Each server's `Get-ChildItem-Cert-*.xml` is its certificate store (`Cert:\\LocalMachine\\My`, `\\CA`,
`\\Root`) exported with `Export-Clixml`, and `DA02/Contoso-Issuing-CA.cer` a DER certificate as
`Export-Certificate` writes it: real certificates (new keys each time the script runs, no private
key anywhere). DA01's only server certificate is its IP-HTTPS certificate, without the IKE
intermediate EKU (`cert-ikev2-eku-missing`), beside an expired one (`cert-expiring`); DA02's has
both EKUs but an RSA 1024-bit key (`cert-weak-key`), so the two servers behind `da.contoso.com`
present different certificates (`cert-differs-across-farm`).
`../contoso.plan.yml` is the plan file for this estate (`run Examples/contoso --plan Examples/contoso.plan.yml`).
""", "utf-8")
    print("wrote", ROOT)
