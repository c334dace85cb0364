#!/usr/bin/env python3
"""Writes Examples/contoso/gpo: GPMC backups (Backup-GPO) of the fictitious Contoso DirectAccess
GPOs, in the real formats: bkupInfo.xml (the backup manifest), gpreport.xml (UTF-16LE with BOM,
GroupPolicy/Settings namespace) and DomainSysvol/GPO/Machine/registry.pol (PReg v1). The client
GPO carries the DirectAccess NRPT rules (the same as DA01's policy export), the NLS exemption,
IPv6 transition settings and the two IPsec tunnel rules; the server GPO its mirror tunnel rules.
Run from the repository root; the output is deterministic."""
import pathlib
import struct

ROOT = pathlib.Path("Examples/contoso/gpo")
NRPT = "Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig"
CONSEC = "Software\\Policies\\Microsoft\\WindowsFirewall\\ConSecRules"
V6 = "Software\\Policies\\Microsoft\\Windows\\TCPIP\\v6Transition"


def u16(text):
    return text.encode("utf-16-le")


def sz(text):
    return (1, u16(text) + b"\0\0")


def multi(items):
    return (7, b"".join(u16(i) + b"\0\0" for i in items) + b"\0\0")


def dword(value):
    return (4, struct.pack("<I", value))


def pol(records):
    out = b"PReg" + struct.pack("<I", 1)
    for key, name, (kind, data) in records:
        out += u16("[") + u16(key) + b"\0\0" + u16(";") + u16(name) + b"\0\0" + u16(";")
        out += struct.pack("<I", kind) + u16(";") + struct.pack("<I", len(data)) + u16(";") + data + u16("]")
    return out


def manifest(backup_id, guid, name):
    return (
        '<BackupInst xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest">'
        f"<GPOGuid><![CDATA[{guid}]]></GPOGuid><GPODomain><![CDATA[corp.contoso.com]]></GPODomain>"
        "<GPODomainGuid><![CDATA[{3c1f5b0e-8d2a-4e7b-9a61-52c0d4e8f713}]]></GPODomainGuid>"
        "<GPODomainController><![CDATA[DC01.corp.contoso.com]]></GPODomainController>"
        "<BackupTime><![CDATA[2026-11-20T10:12:41]]></BackupTime>"
        f"<ID><![CDATA[{backup_id}]]></ID><Comment><![CDATA[]]></Comment>"
        f"<GPODisplayName><![CDATA[{name}]]></GPODisplayName></BackupInst>\n"
    ).encode("utf-8")


def report(guid, name, group, group_sid, link, version, extensions=""):
    trustees = [
        ("S-1-5-21-1004336348-1177238915-682003330-512", "CONTOSO\\Domain Admins", "Edit, delete, modify security"),
        (group_sid, group, "Apply Group Policy"),
        ("S-1-5-11", "NT AUTHORITY\\Authenticated Users", "Read"),
    ]
    permissions = "".join(
        f"""      <TrusteePermissions>
        <Trustee>
          <SID xmlns="http://www.microsoft.com/GroupPolicy/Types">{sid}</SID>
          <Name xmlns="http://www.microsoft.com/GroupPolicy/Types">{who}</Name>
        </Trustee>
        <Type xsi:type="PermissionType">
          <PermissionType>Allow</PermissionType>
        </Type>
        <Inherited>false</Inherited>
        <Applicability>
          <ToSelf>true</ToSelf>
          <ToDescendantObjects>false</ToDescendantObjects>
          <ToDescendantContainers>true</ToDescendantContainers>
          <ToDirectDescendantsOnly>false</ToDirectDescendantsOnly>
        </Applicability>
        <Standard>
          <GPOGroupedAccessEnum>{access}</GPOGroupedAccessEnum>
        </Standard>
        <AccessMask>0</AccessMask>
      </TrusteePermissions>
"""
        for sid, who, access in trustees
    )
    text = f"""<?xml version="1.0" encoding="utf-16"?>
<GPO xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.microsoft.com/GroupPolicy/Settings">
  <Identifier>
    <Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">{guid}</Identifier>
    <Domain xmlns="http://www.microsoft.com/GroupPolicy/Types">corp.contoso.com</Domain>
  </Identifier>
  <Name>{name}</Name>
  <IncludeComments>true</IncludeComments>
  <CreatedTime>2019-03-04T09:21:07</CreatedTime>
  <ModifiedTime>2026-06-11T14:02:55</ModifiedTime>
  <ReadTime>2026-11-20T10:12:44.1234567Z</ReadTime>
  <SecurityDescriptor>
    <PermissionsPresent xmlns="http://www.microsoft.com/GroupPolicy/Types/Security">true</PermissionsPresent>
    <Permissions xmlns="http://www.microsoft.com/GroupPolicy/Types/Security">
      <InheritsFromParent>false</InheritsFromParent>
{permissions}    </Permissions>
    <AuditingPresent xmlns="http://www.microsoft.com/GroupPolicy/Types/Security">false</AuditingPresent>
  </SecurityDescriptor>
  <FilterDataAvailable>true</FilterDataAvailable>
  <Computer>
    <VersionDirectory>{version}</VersionDirectory>
    <VersionSysvol>{version}</VersionSysvol>
    <Enabled>true</Enabled>
{extensions}  </Computer>
  <User>
    <VersionDirectory>0</VersionDirectory>
    <VersionSysvol>0</VersionSysvol>
    <Enabled>false</Enabled>
  </User>
  <LinksTo>
    <SOMName>{link.split('/')[-1]}</SOMName>
    <SOMPath>{link}</SOMPath>
    <Enabled>true</Enabled>
    <NoOverride>false</NoOverride>
  </LinksTo>
</GPO>"""
    return b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")


def backup(backup_id, guid, name, records, group, group_sid, link, version, extensions=""):
    folder = ROOT / backup_id
    machine = folder / "DomainSysvol" / "GPO" / "Machine"
    machine.mkdir(parents=True, exist_ok=True)
    (folder / "bkupInfo.xml").write_bytes(manifest(backup_id, guid, name))
    (folder / "gpreport.xml").write_bytes(report(guid, name, group, group_sid, link, version, extensions))
    (machine / "registry.pol").write_bytes(pol(records))


client_rule = "DA-{1A1C3E0D-7A52-4B39-9F0C-3C1B2B7E6F10}"
nls_rule = "DA-{8E0A6A7B-21C1-4F5D-8B6B-0AB2F1E3C4D5}"
FW = "Software\\Policies\\Microsoft\\WindowsFirewall"
P1_CERT = "{A3E2C1B0-1111-4D2E-9F3A-5B6C7D8E9F01}"
P2_NTLM = "{A3E2C1B0-2222-4D2E-9F3A-5B6C7D8E9F02}"
P2_KERB = "{A3E2C1B0-3333-4D2E-9F3A-5B6C7D8E9F03}"
QM = "{A3E2C1B0-4444-4D2E-9F3A-5B6C7D8E9F04}"
CA = "DC=com, DC=contoso, DC=corp, CN=Contoso Issuing CA"
tunnel = "v2.10|Action=Secure|Active=TRUE|Profile=Public|Profile=Private|RTunnel6=fd2c:1b0a:7c3e:1000::1|"
# The intranet tunnel reaches the intranet's networks with the user's Kerberos; the infrastructure
# tunnel reaches the named infrastructure servers (domain controller, DNS) with NTLMv2.
CLIENT_TUNNELS = [
    ("{C1A2B3D4-0001-4E5F-8A9B-1C2D3E4F5A61}", "DirectAccess Policy-ClientToCorp", P2_KERB,
     ["fd2c:1b0a:7c3e::/48"]),
    ("{C1A2B3D4-0002-4E5F-8A9B-1C2D3E4F5A62}", "DirectAccess Policy-ClientToInfra", P2_NTLM,
     ["fd2c:1b0a:7c3e:1::10", "fd2c:1b0a:7c3e:1::11"]),
]


def tunnel_rule(name, auth2, remote):
    return (tunnel + f"Auth1Set={P1_CERT}|Auth2Set={auth2}|Crypto2Set={QM}|Name={name}|"
            + "".join(f"EP2_6={address}|" for address in remote))


IPSEC_SETS = [
    (f"{FW}\\Phase1AuthenticationSets\\{P1_CERT}", "Name", sz("DirectAccess computer certificate")),
    (f"{FW}\\Phase1AuthenticationSets\\{P1_CERT}\\0000", "Method", sz("MachineCert")),
    (f"{FW}\\Phase1AuthenticationSets\\{P1_CERT}\\0000", "CAName", sz(CA)),
    (f"{FW}\\Phase2AuthenticationSets\\{P2_NTLM}", "Name", sz("DirectAccess infrastructure tunnel user")),
    (f"{FW}\\Phase2AuthenticationSets\\{P2_NTLM}\\0000", "Method", sz("UserNtlm")),
    (f"{FW}\\Phase2AuthenticationSets\\{P2_KERB}", "Name", sz("DirectAccess intranet tunnel user")),
    (f"{FW}\\Phase2AuthenticationSets\\{P2_KERB}\\0000", "Method", sz("UserKerb")),
    (f"{FW}\\Phase2CryptoSets\\{QM}", "Name", sz("DirectAccess quick mode")),
    (f"{FW}\\Phase2CryptoSets\\{QM}\\0000", "Protocol", sz("ESP")),
    (f"{FW}\\Phase2CryptoSets\\{QM}\\0000", "Encryption", sz("AES-192")),
    (f"{FW}\\Phase2CryptoSets\\{QM}\\0000", "EspHash", sz("SHA1")),
    (f"{FW}\\Phase2CryptoSets\\{QM}\\0001", "Protocol", sz("ESP")),
    (f"{FW}\\Phase2CryptoSets\\{QM}\\0001", "Encryption", sz("AES-128")),
    (f"{FW}\\Phase2CryptoSets\\{QM}\\0001", "EspHash", sz("SHA1")),
]


def firewall_extension(rules, auth_sets):
    """The report's Windows Firewall extension: one ConnectionSecurityRules element per rule (children
    named like the rule string's tokens) and one Phase1/Phase2AuthenticationSets element per set, as
    GPOZaurr reads them from real reports."""
    out = ['      <Extension xmlns:q1="http://www.microsoft.com/GroupPolicy/Settings/WindowsFirewall" '
           'xsi:type="q1:WindowsFirewallSettings">']
    out.append("        <q1:GlobalSettings>\n          <q1:PolicyVersion>\n            <q1:Value>538</q1:Value>\n"
               "          </q1:PolicyVersion>\n        </q1:GlobalSettings>")
    for phase, guid, name, method, ca in auth_sets:
        out.append(f"        <q1:Phase{phase}AuthenticationSets>\n          <q1:Version>2.10</q1:Version>\n"
                   f"          <q1:GUID>{guid}</q1:GUID>\n          <q1:Name>{name}</q1:Name>\n"
                   f"          <q1:AuthenticationSuites>\n            <q1:Method>{method}</q1:Method>\n"
                   + (f"            <q1:CAName>{ca}</q1:CAName>\n" if ca else "")
                   + "          </q1:AuthenticationSuites>\n"
                   f"        </q1:Phase{phase}AuthenticationSets>")
    for rule in rules:
        fields = rule.strip("|").split("|")
        body = f"          <q1:Version>{fields[0][1:]}</q1:Version>\n"
        for field in fields[1:]:
            key, value = field.split("=", 1)
            body += f"          <q1:{key}>{value}</q1:{key}>\n"
        out.append(f"        <q1:ConnectionSecurityRules>\n{body}        </q1:ConnectionSecurityRules>")
    out.append("      </Extension>\n      <Name>Windows Firewall</Name>")
    return "    <ExtensionData>\n" + "\n".join(out) + "\n    </ExtensionData>\n"


client_rules = [tunnel_rule(name, auth2, remote) for _, name, auth2, remote in CLIENT_TUNNELS]
backup(
    "{5B0C1E2D-3F4A-4B6C-8D9E-0F1A2B3C4D5E}", "{0E3F6A1C-9B2D-4C7E-8F10-2A3B4C5D6E7F}",
    "DirectAccess Client Settings",
    [
        (NRPT, "", (1, b"")),
        (f"{NRPT}\\{client_rule}", "Version", dword(1)),
        (f"{NRPT}\\{client_rule}", "Name", multi([".corp.contoso.com"])),
        (f"{NRPT}\\{client_rule}", "ConfigOptions", dword(4)),
        (f"{NRPT}\\{client_rule}", "DirectAccessDNSServers", sz("fd2c:1b0a:7c3e:3333::1")),
        (f"{NRPT}\\{client_rule}", "IPSECCARestriction", sz("")),
        (f"{NRPT}\\{nls_rule}", "Version", dword(1)),
        (f"{NRPT}\\{nls_rule}", "Name", multi(["DirectAccess-NLS.corp.contoso.com"])),
        (f"{NRPT}\\{nls_rule}", "ConfigOptions", dword(4)),
        (f"{NRPT}\\{nls_rule}", "DirectAccessProxyType", dword(1)),
        (V6, "Teredo_State", sz("Enterprise Client")),
        (V6, "6to4_State", sz("Disabled")),
    ]
    + [(CONSEC, guid, sz(rule)) for (guid, *_), rule in zip(CLIENT_TUNNELS, client_rules)]
    + IPSEC_SETS,
    "CONTOSO\\DirectAccess Clients", "S-1-5-21-1004336348-1177238915-682003330-1108", "corp.contoso.com/Laptops", 14,
    extensions=firewall_extension(client_rules, [
        (1, P1_CERT, "DirectAccess computer certificate", "MachineCert", CA),
        (2, P2_NTLM, "DirectAccess infrastructure tunnel user", "UserNtlm", None),
        (2, P2_KERB, "DirectAccess intranet tunnel user", "UserKerb", None),
    ]),
)
backup(
    "{6C1D2F3E-4A5B-4C7D-9E0F-1A2B3C4D5E6F}", "{1F4A7B2D-0C3E-4D8F-9A21-3B4C5D6E7F80}",
    "DirectAccess Server Settings",
    [
        (CONSEC, "{D2B3C4E5-0003-4F6A-9BAC-2D3E4F5A6B73}",
         sz("v2.10|Action=Secure|Active=TRUE|LTunnel6=fd2c:1b0a:7c3e:1000::1|"
            f"Auth1Set={P1_CERT}|Auth2Set={P2_KERB}|Crypto2Set={QM}|"
            "Name=DirectAccess Policy-DaServerToCorp|EP1_6=::/0|")),
    ] + IPSEC_SETS,
    "CONTOSO\\DirectAccess Servers", "S-1-5-21-1004336348-1177238915-682003330-1109", "corp.contoso.com/Remote Access", 9,
)
print(f"wrote {ROOT}")
