import EstateModel
import Foundation
import InputErrors
import XMLKit

/// Imports Kemp LoadMaster RESTful API output: `/access/listvs` or `/access/showvs`
/// (`<Response stat="200" code="ok"><Success><Data><VS>...`). Each `VS` is a listener with its
/// real servers (`Rs`) as its pool.
enum KempImporter: Importer {
    static let format = ExportFormat.kemp

    static func recognises(_ head: FileHead) -> Bool { head.isMarkup && recognises(String(head.start)) }

    static func importFile(_ file: ImportedFile, context: ImportContext) throws -> FileImport {
        try importFile(file)
    }

    static func recognises(_ head: String) -> Bool {
        head.contains("<Response") && (head.contains("<VS>") || head.contains("<VSAddress>") || head.contains("<Data>"))
    }

    /// What a virtual service does to the client's address, from the fields `listvs` documents:
    /// `Layer` (some versions), else `ForceL7` / `ForceL4`; a layer 4 service is always transparent,
    /// a layer 7 one only with `Transparent` Y, and otherwise originates from the LoadMaster's own
    /// (`SubnetOriginating` Y: subnet) address. A service whose layer cannot be told is unknown,
    /// never assumed transparent. Source: Progress Kemp, "List the Virtual Service Details", and
    /// https://directaccess.richardhicks.com/2018/09/17/always-on-vpn-ikev2-load-balancing-with-kemp-loadmaster/
    static func sourceTranslation(
        of service: XMLElement, field: (String) -> String?,
        evidence: (String) -> Evidence
    ) -> SourceTranslation {
        let transparent = field("Transparent")?.uppercased()
        let layer7: Bool?
        let layerTag: String
        if let layer = field("Layer") {
            layer7 = layer == "7"
            layerTag = "Layer"
        } else if let force = field("ForceL7")?.uppercased() {
            layer7 = force == "Y"
            layerTag = "ForceL7"
        } else if let force = field("ForceL4")?.uppercased() {
            layer7 = force == "N"
            layerTag = "ForceL4"
        } else {
            layer7 = nil
            layerTag = "Transparent"
        }
        switch (layer7, transparent) {
        case (false?, _): return SourceTranslation(.none, evidence(layerTag))
        case (_, "Y"?): return SourceTranslation(.none, evidence("Transparent"))
        case (true?, "N"?):
            return SourceTranslation(
                field("SubnetOriginating")?.uppercased() == "Y" ? .automap : .proxy, evidence("Transparent"))
        default: return SourceTranslation(.unknown, evidence(layerTag))
        }
    }

    static func importFile(_ file: ImportedFile) throws -> FileImport {
        let root = try XMLDocumentParser.parse(try file.contents(), file: file.path)
        guard root.name == "Response" else {
            throw InputError(
                file: file.path, line: root.line, message: "not a LoadMaster API response: root is <\(root.name)>")
        }
        if let stat = root.attributes["stat"], stat != "200" {
            throw InputError(
                file: file.path, line: root.line,
                message: "the LoadMaster API answered stat=\(stat) \(root.child("Error")?.text ?? "")")
        }
        var services: [XMLElement] = []
        // listvs wraps each service in <VS>; showvs puts one service's fields directly in <Data>.
        func collect(_ element: XMLElement) {
            for child in element.children {
                if child.name == "VS" || (child.name == "Data" && child.child("VSAddress") != nil) {
                    services.append(child)
                } else {
                    collect(child)
                }
            }
        }
        collect(root)
        func field(_ element: XMLElement, _ name: String) -> String? {
            element.child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let indexes = services.map { field($0, "Index") ?? "" }
        let followed = Set(services.compactMap { field($0, "FollowVSID") }.filter { $0 != "0" && !$0.isEmpty })
        var listeners: [Listener] = []
        var pools: [Pool] = []
        for (position, service) in services.enumerated() {
            let index = indexes[position]
            guard let address = field(service, "VSAddress"), let portText = field(service, "VSPort") else {
                throw InputError(file: file.path, line: service.line, message: "VS without VSAddress or VSPort")
            }
            let name = field(service, "NickName").flatMap { $0.isEmpty ? nil : $0 } ?? "VS \(index)"
            let evidence = Evidence(
                file: file.path, location: "line \(service.line)", value: "\(name) \(address):\(portText)")
            func fieldEvidence(_ tag: String) -> Evidence {
                let element = service.child(tag)
                return Evidence(
                    file: file.path, location: "line \(element?.line ?? service.line)",
                    value: "<\(tag)>\(element?.text ?? "")</\(tag)>")
            }
            let port = portText == "*" || portText == "0" ? nil : Int(portText)
            let protocolText = (field(service, "Protocol") ?? "tcp").lowercased()
            let translation = Self.sourceTranslation(
                of: service, field: { field(service, $0) }, evidence: fieldEvidence)
            var persistence: Persistence?
            let persist = (field(service, "Persist") ?? "none").lowercased()
            if persist != "none" && !persist.isEmpty {
                persistence = Persistence(
                    type: persist == "src" ? Persistence.sourceAddress : persist,
                    timeoutSeconds: field(service, "PersistTimeout").flatMap(Int.init),
                    evidence: fieldEvidence("Persist"))
            }
            var affinity: String?
            if let follow = field(service, "FollowVSID"), follow != "0", !follow.isEmpty {
                affinity = "kemp:follow:\(follow)"
            } else if followed.contains(index) {
                affinity = "kemp:follow:\(index)"
            }
            let members = service.children(named: "Rs").map { rs in
                PoolMember(address: field(rs, "Addr") ?? "", port: field(rs, "Port").flatMap(Int.init))
            }
            if affinity == nil, (field(service, "Schedule") ?? "").lowercased() == "sh" {
                affinity = "kemp:hash:" + members.map(\.address).sorted().joined(separator: ",")
                persistence =
                    persistence
                    ?? Persistence(type: "source-ip-hash", timeoutSeconds: nil, evidence: fieldEvidence("Schedule"))
            }
            let check = (field(service, "CheckType") ?? "icmp").lowercased()
            let poolName = "\(name) real servers"
            pools.append(
                Pool(
                    name: poolName, members: members, monitors: check == "none" ? [] : [check],
                    evidence: service.child("CheckType") != nil ? fieldEvidence("CheckType") : evidence))
            listeners.append(
                Listener(
                    name: name, address: address, portRange: port.map { $0...$0 },
                    transport: protocolText == "udp" ? .udp : .tcp, poolName: poolName,
                    sourceTranslation: translation, persistence: persistence, affinityGroup: affinity,
                    evidence: evidence))
        }
        var estate = Estate()
        estate.loadBalancers.append(
            LoadBalancer(
                vendor: .kemp, name: file.path, listeners: listeners, pools: pools,
                evidence: Evidence(file: file.path, location: "line \(root.line)", value: "listvs")))
        return FileImport(
            file: file, format: .kemp, estate: estate, objectCounts: ["Kemp virtual services": listeners.count])
    }
}
