#!/usr/bin/env python3
"""aovpn-advisor external plugin (protocol 1): redundancy checks an organisation might add.

  redundancy.py describe   prints the plugin and its rules
  redundancy.py assess     reads the estate (JSON, Docs/model.md) on stdin, prints findings

Rules:
  org-single-vpn-server     only one RRAS VPN server in the export: no redundancy
  org-single-radius-server  a VPN server with fewer than two RADIUS authentication servers
"""
import json
import sys

PLUGIN = {
    "protocol": 1,
    "name": "redundancy",
    "version": "1.0.0",
    "rules": [
        {"id": "org-single-vpn-server", "module": "org-redundancy", "severity": "medium",
         "title": "Only One VPN Server"},
        {"id": "org-single-radius-server", "module": "org-redundancy", "severity": "medium",
         "title": "Fewer Than Two RADIUS Authentication Servers"},
    ],
}


def display_name(server):
    return server.get("fqdn") or server["name"]


def assess(estate):
    findings = []
    vpn_servers = [s for s in estate.get("servers", []) if "RRAS VPN" in s.get("roles", [])]
    if len(vpn_servers) == 1:
        server = vpn_servers[0]
        findings.append({
            "ruleId": "org-single-vpn-server",
            "server": display_name(server),
            "message": "The export has one RRAS VPN server: a failure or patch night leaves every user offline.",
            "evidence": [],
            "remediation": "Build a second RRAS server behind the load balancer before the pilot.",
        })
    for server in vpn_servers:
        radius = [r for r in server.get("vpn", {}).get("radiusServers", [])
                  if r.get("purpose", "").lower() == "authentication"]
        if 0 < len(radius) < 2:
            findings.append({
                "ruleId": "org-single-radius-server",
                "server": display_name(server),
                "message": "Only one RADIUS authentication server (%s): NPS maintenance stops every VPN logon." % radius[0]["address"],
                "evidence": [radius[0]["evidence"]],
                "remediation": "Add a second NPS server: netsh ras add authserver or Add-RemoteAccessRadius.",
            })
    return findings


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "describe":
        json.dump(PLUGIN, sys.stdout)
    elif command == "assess":
        estate = json.load(sys.stdin)
        if estate.get("protocol") != 1:
            print("unsupported protocol %r" % estate.get("protocol"), file=sys.stderr)
            return 2
        json.dump({"findings": assess(estate)}, sys.stdout)
    else:
        print("usage: redundancy.py describe|assess", file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main())
