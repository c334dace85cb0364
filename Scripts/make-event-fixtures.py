#!/usr/bin/env python3
"""Writes Windows event exports in the shape wevtutil writes them (events back to back, no root,
no declaration; single-quoted attributes; RasClient's insertion strings unnamed, the Security log's
named): the test fixtures in Tests/AdvisorTests/Fixtures/events (one failure per code the
diagnosis table knows, in UTF-8 as `wevtutil qe ... /f:xml > file` writes from cmd, and in
UTF-16LE with BOM and /f:RenderedXml as a PowerShell redirection writes), and the pilot events of
Examples/contoso/events. Fictitious hosts and users. Run from the repository root; deterministic."""
import pathlib

NS = "http://schemas.microsoft.com/win/2004/08/events/event"
CODES = [809, 13868, 800, 13801, 13806, 13825, 812, 691, 720, 829, 868]
MESSAGES = {
    20221: "CoId={coid}: The user {user} has started dialing a VPN connection using a all-user connection profile named {conn}.",
    20225: "CoId={coid}: The link to the Remote Access Server has been established by user {user}.",
    20227: "CoId={coid}: The user {user} dialed a connection named {conn} which has failed. The error code returned on failure is {code}.",
}


def rasclient(record, event_id, time, computer, coid, user, conn, code=None, rendered=False):
    level = 2 if event_id == 20227 else 4
    data = {
        20221: [coid, user, conn, "Vpn", "All users", "AutoLogon = No"],
        20225: [coid, user, conn],
        20227: [coid, user, conn, str(code)],
    }[event_id]
    body = "".join(f"<Data>{d}</Data>" for d in data)
    rendering = ""
    if rendered:
        message = MESSAGES[event_id].format(coid=coid, user=user, conn=conn, code=code)
        rendering = (f"<RenderingInfo Culture='en-US'><Message>{message}</Message>"
                     f"<Level>{'Error' if level == 2 else 'Information'}</Level><Task></Task><Opcode>Info</Opcode>"
                     "<Channel>Application</Channel><Provider></Provider><Keywords><Keyword>Classic</Keyword></Keywords>"
                     "</RenderingInfo>")
    return (f"<Event xmlns='{NS}'><System><Provider Name='RasClient'/><EventID Qualifiers='0'>{event_id}</EventID>"
            f"<Version>0</Version><Level>{level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords>"
            f"<TimeCreated SystemTime='{time}'/><EventRecordID>{record}</EventRecordID><Correlation/>"
            f"<Execution ProcessID='4' ThreadID='1120'/><Channel>Application</Channel><Computer>{computer}</Computer>"
            f"<Security UserID='S-1-5-18'/></System><EventData>{body}</EventData>{rendering}</Event>")


def nps(record, event_id, time, user, reason_code, reason, policy):
    fields = [
        ("SubjectUserSid", "S-1-5-21-1004336348-1177238915-682003330-1201"), ("SubjectUserName", user),
        ("SubjectDomainName", "CONTOSO"), ("FullyQualifiedSubjectUserName", user),
        ("CalledStationID", "203.0.113.10"), ("CallingStationID", "198.51.100.23"),
        ("NASIPv4Address", "10.10.1.21"), ("NASIdentifier", "DA01"), ("NASPortType", "Virtual"),
        ("ClientName", "DA01"), ("ClientIPAddress", "10.10.1.21"),
        ("ProxyPolicyName", "Use Windows authentication for all users"), ("NetworkPolicyName", policy),
        ("AuthenticationProvider", "Windows"), ("AuthenticationServer", "NPS01.corp.contoso.com"),
        ("AuthenticationType", "EAP"), ("EAPType", "Microsoft: Smart Card or other certificate"),
        ("ReasonCode", str(reason_code)), ("Reason", reason),
    ]
    body = "".join(f"<Data Name='{name}'>{value}</Data>" for name, value in fields)
    keywords = "0x8010000000000000" if event_id == 6273 else "0x8020000000000000"
    return (f"<Event xmlns='{NS}'><System><Provider Name='Microsoft-Windows-Security-Auditing' "
            "Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>"
            f"<EventID>{event_id}</EventID><Version>2</Version><Level>0</Level><Task>12552</Task><Opcode>0</Opcode>"
            f"<Keywords>{keywords}</Keywords><TimeCreated SystemTime='{time}'/><EventRecordID>{record}</EventRecordID>"
            "<Correlation/><Execution ProcessID='636' ThreadID='2416'/><Channel>Security</Channel>"
            f"<Computer>NPS01.corp.contoso.com</Computer><Security/></System><EventData>{body}</EventData></Event>")


def utf16(text):
    return b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")


fixtures = pathlib.Path("Tests/AdvisorTests/Fixtures/events")
fixtures.mkdir(parents=True, exist_ok=True)
events = []
for index, code in enumerate(CODES):
    coid = "{%08X-1C2D-4E3F-8A9B-0C1D2E3F4A5B}" % (0x5A000000 + index)
    computer = f"LAPTOP{index % 3 + 1:02d}.corp.contoso.com"
    user = ["CONTOSO\\alice", "CONTOSO\\bob", "CONTOSO\\carol"][index % 3]
    time = f"2026-11-{10 + index % 5:02d}T0{index % 9}:1{index % 6}:0{index % 7}.1234567Z"
    events.append((code, coid, computer, user, time, 4100 + index * 3))
plain = "".join(
    rasclient(rec, 20221, t, c, coid, u, "Contoso VPN") + rasclient(rec + 1, 20227, t, c, coid, u, "Contoso VPN", code)
    for code, coid, c, u, t, rec in events)
(fixtures / "rasclient-failures.xml").write_bytes(plain.encode("utf-8"))
rendered = "\n".join(
    rasclient(rec + 1, 20227, t, c, coid, u, "Contoso VPN", code, rendered=True)
    for code, coid, c, u, t, rec in events) + "\n"
(fixtures / "rasclient-failures-utf16.xml").write_bytes(utf16(rendered))
(fixtures / "nps-decisions.xml").write_bytes("".join([
    nps(88001, 6273, "2026-11-12T08:01:02.5000000Z", "CONTOSO\\bob", 66,
        "The user attempted to use an authentication method that is not enabled on the matching network policy.",
        "Always On VPN"),
    nps(88002, 6273, "2026-11-12T08:03:40.5000000Z", "CONTOSO\\bob", 66,
        "The user attempted to use an authentication method that is not enabled on the matching network policy.",
        "Always On VPN"),
    nps(88003, 6272, "2026-11-12T09:00:00.5000000Z", "CONTOSO\\alice", 0, "", "Always On VPN"),
]).encode("utf-8"))

# The example's pilot: two laptops fail with 809 behind the F5 (its source NAT and port affinity
# findings explain it), one with 13868, one with 868; one connects.
example = pathlib.Path("Examples/contoso/events")
example.mkdir(parents=True, exist_ok=True)
pilot = [
    (5001, 20221, "2026-11-18T07:58:10.1000000Z", "PILOT01.corp.contoso.com", "CONTOSO\\dana", None),
    (5002, 20227, "2026-11-18T07:58:41.2000000Z", "PILOT01.corp.contoso.com", "CONTOSO\\dana", 809),
    (5003, 20227, "2026-11-18T08:12:03.9000000Z", "PILOT02.corp.contoso.com", "CONTOSO\\erik", 809),
    (5004, 20227, "2026-11-19T07:45:16.4000000Z", "PILOT01.corp.contoso.com", "CONTOSO\\dana", 809),
    (5005, 20227, "2026-11-19T09:30:55.0000000Z", "PILOT03.corp.contoso.com", "CONTOSO\\fay", 13868),
    (5006, 20227, "2026-11-20T18:02:11.7000000Z", "PILOT02.corp.contoso.com", "CONTOSO\\erik", 868),
    (5007, 20225, "2026-11-20T08:05:30.3000000Z", "PILOT03.corp.contoso.com", "CONTOSO\\fay", None),
]
text = "\n".join(
    rasclient(rec, eid, t, c, "{6B1C2D3E-%04d-4F5A-8B6C-7D8E9F0A1B2C}" % rec, u, "Contoso VPN", code, rendered=True)
    for rec, eid, t, c, u, code in pilot) + "\n"
(example / "pilot-rasclient.xml").write_bytes(utf16(text))
def clixml_records(records):
    """Get-WinEvent ... | Export-Clixml, as Windows PowerShell 5.1 writes it (UTF-16LE with BOM, CRLF):
    EventLogRecord objects with their typed properties and the insertion strings as EventProperty
    objects in Properties, the layout of a real export (see Docs/formats/windows-events.md)."""
    out = ['<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">']
    ref = 0
    for index, (record, event_id, time, computer, strings) in enumerate(records):
        base = 1000 * (index + 1)
        first = index == 0
        out.append(f'  <Obj RefId="{base}">')
        if first:
            out += ['    <TN RefId="0">', '      <T>System.Diagnostics.Eventing.Reader.EventLogRecord</T>',
                    '      <T>System.Diagnostics.Eventing.Reader.EventRecord</T>', '      <T>System.Object</T>', '    </TN>']
        else:
            out.append('    <TNRef RefId="0" />')
        out += ['    <ToString>System.Diagnostics.Eventing.Reader.EventLogRecord</ToString>', '    <Props>',
                f'      <I32 N="Id">{event_id}</I32>', '      <By N="Version">0</By>', '      <I32 N="Qualifiers">0</I32>',
                f'      <By N="Level">{2 if event_id == 20227 else 4}</By>', '      <I32 N="Task">0</I32>', '      <I16 N="Opcode">0</I16>',
                '      <I64 N="Keywords">36028797018963968</I64>', f'      <I64 N="RecordId">{record}</I64>',
                '      <S N="ProviderName">RasClient</S>', '      <Nil N="ProviderId" />', '      <S N="LogName">Application</S>',
                '      <I32 N="ProcessId">4</I32>', '      <I32 N="ThreadId">1120</I32>', f'      <S N="MachineName">{computer}</S>',
                '      <Nil N="UserId" />', f'      <DT N="TimeCreated">{time}</DT>', '      <Nil N="ActivityId" />',
                '      <Nil N="RelatedActivityId" />', '      <S N="ContainerLog">application</S>',
                f'      <Obj N="Properties" RefId="{base + 1}">']
        if first:
            out += ['        <TN RefId="1">',
                    '          <T>System.Collections.Generic.List`1[[System.Diagnostics.Eventing.Reader.EventProperty, System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]</T>',
                    '          <T>System.Object</T>', '        </TN>']
        else:
            out.append('        <TNRef RefId="1" />')
        out.append('        <LST>')
        for position, value in enumerate(strings):
            out.append(f'          <Obj RefId="{base + 2 + position}">')
            if first and position == 0:
                out += ['            <TN RefId="2">', '              <T>System.Diagnostics.Eventing.Reader.EventProperty</T>',
                        '              <T>System.Object</T>', '            </TN>']
            else:
                out.append('            <TNRef RefId="2" />')
            out += ['            <ToString>System.Diagnostics.Eventing.Reader.EventProperty</ToString>',
                    f'            <Props>', f'              <S N="Value">{value}</S>', '            </Props>', '          </Obj>']
        out += ['        </LST>', '      </Obj>', '    </Props>', '  </Obj>']
    out.append('</Objs>')
    return "\n".join(out)


clixml = clixml_records([
    (rec + 1, 20227, t.replace("Z", "+00:00"), c, [coid, u, "Contoso VPN", str(code)])
    for code, coid, c, u, t, rec in events])
(fixtures / "rasclient-failures-clixml.xml").write_bytes(utf16(clixml + "\n"))

print("wrote", fixtures, "and", example)
