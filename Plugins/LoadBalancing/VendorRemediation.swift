import EstateModel

/// How to fix each load-balancing finding on each product: the UI path and the CLI equivalent,
/// as Hicks gives them (https://directaccess.richardhicks.com/tag/external-load-balancer/ and the Kemp post, https://directaccess.richardhicks.com/2018/09/17/always-on-vpn-ikev2-load-balancing-with-kemp-loadmaster/).
enum VendorRemediation {
    static func text(_ rule: String, _ vendor: LoadBalancerVendor) -> String? {
        table[rule]?[vendor]
    }

    private static let table: [String: [LoadBalancerVendor: String]] = [
        "lb-source-nat": [
            .f5:
                "F5: on the Properties > Configuration page of the UDP 500 and the UDP 4500 virtual servers choose None for Source Address Translation (tmsh modify ltm virtual VS_NAME source-address-translation { type none }); remove any iRule that calls snat. Route the VPN servers back through the BIG-IP's floating self-IP.",
            .citrix:
                "Citrix ADC: System > Settings > Configure Modes, Use Subnet IP; then Traffic Management > Load Balancing > Service Groups, edit both the UDP 500 and UDP 4500 service groups and select Use Client IP (set serviceGroup SG_NAME -usip YES). Route the VPN servers back through a SNIP.",
            .kemp:
                "Kemp: Virtual Services > View/Modify Services > Modify each of the UDP 500 and UDP 4500 virtual services > Standard Options > Transparency (modvs ... transparent=1). The LoadMaster must be the VPN servers' gateway.",
            .nginx:
                "NGINX: in both stream server blocks add 'proxy_bind $remote_addr transparent;' (the workers need CAP_NET_RAW, and return traffic must be routed back through NGINX).",
            .windowsNLB: "Windows NLB does not translate the source address; check the device in front of it.",
        ],
        "lb-port-affinity-missing": [
            .f5:
                "F5: create one source-address persistence profile with match-across-services enabled (tmsh create ltm persistence source-addr persist_aovpn_ike defaults-from source_addr match-across-services enabled timeout 3600) and make it the default persistence of both the UDP 500 and UDP 4500 virtual servers.",
            .citrix:
                "Citrix ADC: put both vservers in one persistency group: add lb group GRP -persistenceType SOURCEIP -timeout 60; bind lb group GRP VS_500; bind lb group GRP VS_4500.",
            .kemp:
                "Kemp: set Persistence Mode Source IP on both virtual services and, on the UDP 4500 service, Port Following to the UDP 500 service (modvs ... followvsid=INDEX_OF_500).",
            .nginx:
                "NGINX: use the same plain 'hash $remote_addr;' (not consistent) in both upstreams, with the same servers in the same order and weights.",
            .windowsNLB:
                "Windows NLB: use one port rule for 500-4500 with affinity Single (Add-NlbClusterPortRule -StartPort 500 -EndPort 4500 -Protocol Udp -Mode Multiple -Affinity Single).",
        ],
        "lb-persistence-not-source-ip": [
            .f5:
                "F5: use a source-address persistence profile (defaults-from source_addr) as the default persistence of both virtual servers.",
            .citrix: "Citrix ADC: persistence type SOURCEIP, preferably on an lb group over both vservers.",
            .kemp: "Kemp: Persistence Mode Source IP Address (persist=src) on both virtual services.",
            .nginx: "NGINX: 'hash $remote_addr;' in both upstreams.",
            .windowsNLB: "Windows NLB: affinity Single (Set-NlbClusterPortRule -NewAffinity Single).",
        ],
        "lb-persistence-timeout-short": [
            .f5:
                "F5: raise the persistence profile's timeout to 3600 (tmsh modify ltm persistence source-addr PROFILE timeout 3600).",
            .citrix:
                "Citrix ADC: raise the group or vserver persistence timeout (minutes), e.g. set lb group GRP -timeout 60.",
            .kemp: "Kemp: raise the Persistence Timeout to at least 1 hour (persisttimeout=3600).",
        ],
        "lb-per-datagram-balancing": [
            .f5:
                "F5: disable datagram load balancing in the UDP profile of the IKE virtual servers (tmsh modify ltm profile udp PROFILE datagram-load-balancing disabled)."
        ],
        "lb-no-health-monitor": [
            .f5:
                "F5: assign a monitor to the pools (tmsh modify ltm pool POOL monitor gateway_icmp), or the SSTP check (HEAD /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ expecting 401).",
            .citrix: "Citrix ADC: bind a PING monitor to both service groups (bind serviceGroup SG -monitorName ping).",
            .kemp: "Kemp: set the real server check to ICMP Ping (checktype=icmp).",
        ],
    ]
}
