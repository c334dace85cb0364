#!/usr/bin/env python3
"""Writes the collector fixtures of Tests/AdvisorTests/Fixtures/collector/DA01: one file for each
item of Export-AovpnEstate.ps1 that had no file of its exact shape in the repository, named as the
script names it and encoded as Windows PowerShell 5.1 writes it (Export-Clixml and
`Set-Content -Encoding Unicode`: UTF-16LE with BOM, CRLF; wevtutil through Set-Content likewise).

The CLIXML layout (type-name chains, <ToString>, Props with PSComputerName last, and the
__ClassMetadata member set CIM instances carry) follows real public exports of CIM instances; class
and property names follow the RAMgmtPSProvider and NLB class references on Microsoft Learn (URLs in
SOURCES.txt). Values are fictitious (contoso, RFC 5737 addresses). Deterministic: run from the
repository root."""
import pathlib
from xml.sax.saxutils import escape

ROOT = pathlib.Path("Tests/AdvisorTests/Fixtures/collector/DA01")
RA = "root/Microsoft/Windows/RemoteAccess"
HOST = "DA01"
MARKER = "(redacted by Export-AovpnEstate)"


class Writer:
    """Builds one CLIXML document, numbering RefIds as the serializer does (objects and type-name
    lists counted separately) and referring back to a type-name list already written."""

    def __init__(self):
        self.obj = 0
        self.tn = 0
        self.chains = {}
        self.lines = ['<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">']

    def type_names(self, names, indent):
        key = tuple(names)
        if key in self.chains:
            return [f'{indent}<TNRef RefId="{self.chains[key]}" />']
        ref = self.tn
        self.tn += 1
        self.chains[key] = ref
        return [f'{indent}<TN RefId="{ref}">'] + [f"{indent}  <T>{escape(n)}</T>" for n in names] + [f"{indent}</TN>"]

    def next_obj(self):
        ref = self.obj
        self.obj += 1
        return ref

    def cim(self, namespace, cls, props, indent="  ", name=None, computer=HOST, derived=None):
        """A CIM instance: `props` is a list of (kind, name, value) where kind is S, B, U32, I32,
        Nil, list (a string array), cim (an embedded instance) or cims (an array of them)."""
        names = []
        for c in ([derived] if derived else []) + [cls]:
            names.append(f"Microsoft.Management.Infrastructure.CimInstance#{namespace}/{c}")
        for c in ([derived] if derived else []) + [cls]:
            names.append(f"Microsoft.Management.Infrastructure.CimInstance#{c}")
        names += ["Microsoft.Management.Infrastructure.CimInstance", "System.Object"]
        attr = f' N="{name}"' if name else ""
        out = [f'{indent}<Obj{attr} RefId="{self.next_obj()}">']
        out += self.type_names(names, indent + "  ")
        out.append(f"{indent}  <ToString>{derived or cls}</ToString>")
        out.append(f"{indent}  <Props>")
        for kind, key, value in props:
            out += self.value(kind, key, value, indent + "    ")
        if computer is None:
            out.append(f'{indent}    <Nil N="PSComputerName" />')
        else:
            out.append(f'{indent}    <S N="PSComputerName">{computer}</S>')
        out.append(f"{indent}  </Props>")
        out += self.class_metadata(namespace, derived or cls, props, indent + "  ")
        out.append(f"{indent}</Obj>")
        return out

    def class_metadata(self, namespace, cls, props, indent):
        types = {"S": "string", "B": "boolean", "U32": "uint32", "I32": "sint32", "list": "string",
                 "Nil": "string", "cim": "instance", "cims": "instance"}
        mixml = f'<CLASS NAME="{cls}">' + "".join(
            f'<PROPERTY{".ARRAY" if k in ("list", "cims") else ""} NAME="{n}" TYPE="{types[k]}">'
            f'</PROPERTY{".ARRAY" if k in ("list", "cims") else ""}>' for k, n, _ in props) + "</CLASS>"
        out = [f"{indent}<MS>", f'{indent}  <Obj N="__ClassMetadata" RefId="{self.next_obj()}">']
        out += self.type_names(["System.Collections.ArrayList", "System.Object"], indent + "    ")
        out += [f"{indent}    <LST>", f'{indent}      <Obj RefId="{self.next_obj()}">', f"{indent}        <MS>",
                f'{indent}          <S N="ClassName">{cls}</S>',
                f'{indent}          <S N="Namespace">{namespace}</S>',
                f'{indent}          <S N="ServerName">{HOST}</S>',
                f'{indent}          <I32 N="Hash">{sum(map(ord, cls)) * 7919 % 2147483647}</I32>',
                f'{indent}          <S N="MiXml">{escape(mixml)}</S>',
                f"{indent}        </MS>", f"{indent}      </Obj>", f"{indent}    </LST>", f"{indent}  </Obj>",
                f"{indent}</MS>"]
        return out

    def value(self, kind, key, value, indent):
        if kind == "Nil":
            return [f'{indent}<Nil N="{key}" />']
        if kind == "B":
            return [f'{indent}<B N="{key}">{"true" if value else "false"}</B>']
        if kind in ("S", "U32", "I32"):
            return [f'{indent}<{kind} N="{key}">{escape(str(value))}</{kind}>']
        if kind == "list":
            out = [f'{indent}<Obj N="{key}" RefId="{self.next_obj()}">']
            out += self.type_names(["System.String[]", "System.Array", "System.Object"], indent + "  ")
            out += [f"{indent}  <LST>"] + [f"{indent}    <S>{escape(v)}</S>" for v in value] + [f"{indent}  </LST>"]
            return out + [f"{indent}</Obj>"]
        if kind == "cim":
            namespace, cls, props = value
            return self.cim(namespace, cls, props, indent, name=key, computer=None)
        if kind == "cims":
            out = [f'{indent}<Obj N="{key}" RefId="{self.next_obj()}">']
            out += self.type_names(
                ["Microsoft.Management.Infrastructure.CimInstance[]", "System.Array", "System.Object"], indent + "  ")
            out.append(f"{indent}  <LST>")
            for namespace, cls, props in value:
                out += self.cim(namespace, cls, props, indent + "    ", computer=None)
            return out + [f"{indent}  </LST>", f"{indent}</Obj>"]
        if kind == "enum":
            type_name, text, number = value
            out = [f'{indent}<Obj N="{key}" RefId="{self.next_obj()}">']
            out += self.type_names([type_name, "System.Enum", "System.ValueType", "System.Object"], indent + "  ")
            return out + [f"{indent}  <ToString>{text}</ToString>", f"{indent}  <I32>{number}</I32>", f"{indent}</Obj>"]
        raise ValueError(kind)

    def add(self, lines):
        self.lines += lines

    def bytes(self):
        return utf16("\r\n".join(self.lines + ["</Objs>"]))


def utf16(text):
    return b"\xff\xfe" + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-16-le")


def write(path, data):
    target = ROOT / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def nrpt_rule(namespace, servers):
    return (RA, "DnsClientNrptRule", [
        ("S", "Name", "{" + f"{sum(map(ord, namespace)):08X}-0000-4000-8000-00000000DA01" + "}"),
        ("list", "Namespace", [namespace]),
        ("list", "DirectAccessDnsServers", servers), ("B", "DirectAccessEnabled", bool(servers)),
        ("Nil", "DirectAccessProxyName", None), ("S", "DirectAccessProxyType", "NoProxy"),
        ("S", "DisplayName", ""), ("B", "DnsSecEnabled", False), ("S", "NameEncoding", "Disable"),
    ])


def client_dns_configuration():
    w = Writer()
    w.add(w.cim(RA, "DAClientDnsConfiguration", [
        ("cims", "NrptEntry", [
            nrpt_rule(".corp.contoso.com", ["2001:db8:1:1::5"]),
            nrpt_rule("da01.corp.contoso.com", []),
            nrpt_rule("nls.corp.contoso.com", []),
        ]),
        ("cim", "NrptGlobalSettings", (RA, "DnsClientNrptGlobal", [
            ("S", "EnableDAForAllNetworks", "Disable"), ("S", "QueryPolicy", "Disable"),
            ("S", "SecureNameQueryFallback", "FallbackPrivate"),
        ])),
    ]))
    write("Get-DAClientDnsConfiguration.xml", w.bytes())


def entry_point(name, servers, gslb):
    return (RA, "DAEntryPointBase", [("S", "EntryPointName", name), ("S", "GslbIp", gslb), ("list", "Servers", servers)])


def multisite_and_entry_points():
    w = Writer()
    w.add(w.cim(RA, "DAMultiSite", [
        ("S", "EnterpriseName", "Contoso Enterprise"), ("S", "GslbFqdn", "da.contoso.com"),
        ("S", "ManualEntryPointSelectionAllowed", "Enabled"),
        ("cims", "DAEntryPoints", [
            entry_point("Europe", ["DA01.corp.contoso.com", "DA02.corp.contoso.com"], "203.0.113.20"),
            entry_point("North America", ["DA11.corp.contoso.com"], "198.51.100.20"),
        ]),
    ]))
    write("Get-DAMultiSite.xml", w.bytes())
    w = Writer()
    w.add(w.cim(RA, "DAEntryPoint", [
        ("S", "EntryPointName", "Europe"), ("S", "GslbIp", "203.0.113.20"),
        ("list", "Servers", ["DA01.corp.contoso.com", "DA02.corp.contoso.com"]),
    ], derived=None))
    w.add(w.cim(RA, "DAEntryPoint", [
        ("S", "EntryPointName", "North America"), ("S", "GslbIp", "198.51.100.20"),
        ("list", "Servers", ["DA11.corp.contoso.com"]),
    ]))
    write("Get-DAEntryPoint.xml", w.bytes())


def load_balancer():
    node = lambda host, status: (RA, "RemoteAccessLoadBalancerNode", [  # noqa: E731
        ("S", "HostName", host), ("S", "Status", status), ("Nil", "VpnIPv4AddressRange", None),
    ])
    w = Writer()
    w.add(w.cim(RA, "RemoteAccessLoadBalancer", [
        ("cims", "NlbNodeStatus", [node("DA01.corp.contoso.com", "Converged"), node("DA02.corp.contoso.com", "Converged")]),
        ("S", "ThirdPartyLoadBalancer", "Disabled"),
        ("list", "InternetVirtualIPAddress", ["203.0.113.20/255.255.255.0"]),
        ("list", "InternalVirtualIPAddress", ["10.10.1.20/255.255.255.0"]),
    ]))
    write("Get-RemoteAccessLoadBalancer.xml", w.bytes())


def radius():
    def server(name, purpose, port, secret):
        return [
            ("cim", "ServerPurpose", (RA, "RemoteAccessRadiusServerPurpose", [
                ("S", "ServerName", name), ("S", "Purpose", purpose)])),
            ("U32", "Score", 30), ("U32", "Timeout", 5), ("U32", "Port", port),
            ("S" if secret else "Nil", "SharedSecret", MARKER if secret else None),
            ("S", "AccountingOnOffMsg", "Disabled"), ("S", "MsgAuthenticator", "Enabled"),
        ]
    w = Writer()
    w.add(w.cim(RA, "RemoteAccessRadiusServer", server("10.10.0.25", "Otp", 1812, True)))
    w.add(w.cim(RA, "RemoteAccessRadiusServer", server("10.10.0.26", "Accounting", 1813, True)))
    write("Get-RemoteAccessRadius.xml", w.bytes())


def nlb_port_rules():
    """Get-NlbClusterPortRule returns .NET objects (not CIM): type
    Microsoft.NetworkLoadBalancingClusters.PowerShell.PortRule, enums serialized with their
    ToString and value."""
    w = Writer()
    ns = "Microsoft.NetworkLoadBalancingClusters.PowerShell."
    for start, end, protocol, number in [(443, 443, "Tcp", 1), (500, 500, "Udp", 2), (4500, 4500, "Udp", 2)]:
        ref = w.next_obj()
        lines = [f'  <Obj RefId="{ref}">']
        lines += w.type_names([ns + "PortRule", "System.Object"], "    ")
        lines.append(f"    <ToString>{ns}PortRule</ToString>")
        lines.append("    <Props>")
        lines += w.value("S", "Cluster", "da.contoso.com", "      ")
        lines += w.value("S", "IPAddress", "203.0.113.20", "      ")
        lines += w.value("enum", "State", (ns + "PortRuleState", "Enabled", 0), "      ")
        lines += w.value("I32", "StartPort", start, "      ")
        lines += w.value("I32", "EndPort", end, "      ")
        lines += w.value("enum", "Protocol", (ns + "PortRuleProtocol", protocol, number), "      ")
        lines += w.value("enum", "Mode", (ns + "PortRuleFilteringMode", "Multiple", 1), "      ")
        lines += w.value("enum", "Affinity", (ns + "PortRuleAffinity", "Single", 1), "      ")
        lines += w.value("U32", "Timeout", 0, "      ")
        lines += ["    </Props>", "  </Obj>"]
        w.add(lines)
    write("Get-NlbClusterPortRule.xml", w.bytes())


def vpn_connection():
    w = Writer()
    client = "root/Microsoft/Windows/RemoteAccess/Client"
    w.add(w.cim(client, "VpnConnection", [
        ("S", "Name", "Contoso Device Tunnel"), ("S", "ServerAddress", "vpn.contoso.com"),
        ("B", "AllUserConnection", True), ("S", "Guid", "{6D1C2B9A-4E3F-4A5B-9C8D-7E6F5A4B3C2D}"),
        ("S", "TunnelType", "Ikev2"), ("list", "AuthenticationMethod", ["MachineCertificate"]),
        ("S", "EncryptionLevel", "Required"), ("Nil", "L2tpIPsecAuth", None),
        ("B", "UseWinlogonCredential", False), ("Nil", "EapConfigXmlStream", None),
        ("S", "ConnectionStatus", "Disconnected"), ("B", "RememberCredential", False),
        ("B", "SplitTunneling", True), ("S", "DnsSuffix", "corp.contoso.com"),
        ("U32", "IdleDisconnectSeconds", 0),
        ("cims", "IPSecCustomPolicy", [(client, "VpnConnectionIPsecConfiguration", [
            ("S", "AuthenticationTransformConstants", "GCMAES128"), ("S", "CipherTransformConstants", "GCMAES128"),
            ("S", "DHGroup", "ECP256"), ("S", "EncryptionMethod", "GCMAES128"),
            ("S", "IntegrityCheckMethod", "SHA256"), ("S", "PfsGroup", "ECP256"),
        ])]),
    ], computer=None))
    write("client/Get-VpnConnection.xml", w.bytes())


def remoteaccess_events():
    """The RemoteAccess provider in the System log (classic provider, unnamed insertion strings),
    as `wevtutil qe System /q:"*[System[Provider[@Name='RemoteAccess']]]" /f:xml` writes it:
    events back to back, no root element, single-quoted attributes."""
    ns = "http://schemas.microsoft.com/win/2004/08/events/event"

    def event(record, event_id, level, time, data):
        body = "".join(f"<Data>{escape(d)}</Data>" for d in data)
        return (f"<Event xmlns='{ns}'><System><Provider Name='RemoteAccess'/><EventID Qualifiers='0'>{event_id}</EventID>"
                f"<Version>0</Version><Level>{level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords>"
                f"<TimeCreated SystemTime='{time}'/><EventRecordID>{record}</EventRecordID><Correlation/>"
                "<Execution ProcessID='3120' ThreadID='4412'/><Channel>System</Channel>"
                f"<Computer>DA01.corp.contoso.com</Computer><Security/></System><EventData>{body}</EventData></Event>")

    text = "".join([
        event(48211, 20271, 3, "2026-11-30T08:12:44.1234567Z", [
            "{0E4B6C2A-1D3F-4E5A-8B7C-9D0E1F2A3B4C}", "CONTOSO\\alice", "198.51.100.23",
            "The remote connection was denied because the user name and password combination you provided is not "
            "recognized, or the selected authentication protocol is not permitted on the remote access server."]),
        event(48240, 20272, 4, "2026-11-30T09:47:02.7654321Z", [
            "{7A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}", "CONTOSO\\bob", "VPN2-127", "11/30/2026", "8:15:10 AM",
            "11/30/2026", "9:47:02 AM", "91", "52", "18233044", "96512311", "User request", "WAN Miniport (IKEv2)",
            ""]),
    ])
    write("events/remoteaccess.xml", utf16(text + "\r\n"))


if __name__ == "__main__":
    client_dns_configuration()
    multisite_and_entry_points()
    load_balancer()
    radius()
    nlb_port_rules()
    vpn_connection()
    remoteaccess_events()
