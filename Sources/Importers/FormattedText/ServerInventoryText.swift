import EstateModel
import Foundation
import InputErrors

/// The RasData files about the machine around the role, each recognised by its exact view
/// (columns or property set) and read into ``ServerInventory``:
/// `Get-WindowsFeature` (table), `Get-RemoteAccessAccounting` (list), `Get-RemoteAccessHealth`
/// (table), `Get-RemoteAccessConnectionStatistics | Measure-Object` (list), `Win32_Processor`
/// (list), `Get-NetAdapterBinding | Format-Table -GroupBy Name`, `Get-NetRoute | Select-Object
/// ifIndex, DestinationPrefix, NextHop, ifMetric, Protocol` (table), `Get-NetConnectionProfile`
/// and `Get-NetFirewallProfile` (lists, appended to one file), and `nltest /dsgetsite`.
enum ServerInventoryText {
    enum View: Equatable {
        case features, accounting, health, measure, processors, bindings, routes, profiles, site
    }

    static let featureColumns = ["Display Name", "Name", "Install State"]
    static let healthColumns = ["Component", "RemoteAccessServer", "HealthState", "TimeStamp"]
    static let routeColumns = ["ifIndex", "DestinationPrefix", "NextHop", "ifMetric", "Protocol"]
    static let bindingColumns = ["Name", "DisplayName", "ComponentID", "Enabled"]
    static let measureNames = ["Count", "Average", "Sum", "Maximum", "Minimum", "Property"]
    static let siteConfirmation = "The command completed successfully"

    /// The view of a file whose first non-blank lines are `lines`, or nil.
    static func view(of lines: [String], head: String) -> View? {
        guard let first = lines.first else { return nil }
        let words = first.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if lines.count > 1, lines[1].allSatisfy({ $0 == "-" || $0 == " " }), lines[1].contains("-") {
            let header = first
            if header.hasPrefix("Display Name") && header.contains(" Name ") && header.hasSuffix("Install State") {
                return .features
            }
            if healthColumns.allSatisfy({ header.contains($0) }) && words.first == "Component" { return .health }
            if words == routeColumns { return .routes }
        }
        if first.hasPrefix("Name: "), head.contains("ComponentID"), head.contains("DisplayName") { return .bindings }
        if first.hasPrefix("RadiusAccountingStatus ") && head.contains("\nInboxAccountingStatus ") {
            return .accounting
        }
        if first.hasPrefix("Count ") && first.contains(" :") && head.contains("\nProperty ")
            && head.contains("\nMinimum ")
        {
            return .measure
        }
        if first.hasPrefix("Name ") && first.contains(" : ") && head.contains("\nNumberOfLogicalProcessors ") {
            return .processors
        }
        if first.hasPrefix("Name ") && first.contains(" : ")
            && (head.contains("\nNetworkCategory ") || head.contains("\nDefaultInboundAction "))
        {
            return .profiles
        }
        if lines.count == 2, lines[1] == siteConfirmation, words.count == 1 { return .site }
        return nil
    }

    /// Reads `lines` (the whole file) as `view` into the inventory of the file's server.
    static func read(_ view: View, lines: [Substring], file: ImportedFile) throws -> (ServerInventory, [String: Int]) {
        var inventory = ServerInventory()
        let path = file.path
        func evidence(_ line: Int, _ what: String, _ value: String) -> Evidence {
            Evidence(file: path, location: "line \(line), \(what)", value: value)
        }
        switch view {
        case .features:
            let table = try table(lines, path: path)
            let installed = table.rows.filter { $0.cells.count == 3 && $0.cells[2] == "Installed" }
            // The table cuts a name longer than its column to `...`: such a name is not a feature name.
            let names = installed.map { $0.cells[1] }.filter { !$0.hasSuffix("...") }
            inventory.installedFeatures = Fact(
                names,
                evidence(
                    table.headerLine, "Get-WindowsFeature",
                    "\(installed.count) installed"
                        + (names.count < installed.count
                            ? ", \(installed.count - names.count) with a name cut by the table" : "")))
            return (inventory, ["Windows features installed": installed.count])
        case .health:
            let table = try table(lines, path: path)
            guard let component = table.columns.firstIndex(of: "Component"),
                let state = table.columns.firstIndex(of: "HealthState")
            else { throw InputError(file: path, line: table.headerLine, message: "no Component or HealthState column") }
            for row in table.rows where row.cells.count > max(component, state) {
                let health = row.cells[state]
                guard !["OK", "Disabled"].contains(health) else { continue }
                inventory.unhealthyComponents.append(
                    Fact(
                        "\(row.cells[component]): \(health)",
                        evidence(row.line, "RemoteAccessHealth.\(row.cells[component])", health)))
            }
            return (inventory, ["Remote Access health monitors": table.rows.count])
        case .routes:
            let table = try table(lines, path: path)
            for row in table.rows where row.cells.count == 5 {
                guard Int(row.cells[0]) != nil else {
                    throw InputError(file: path, line: row.line, message: "ifIndex '\(row.cells[0])' is not a number")
                }
                if row.cells[1] == "0.0.0.0/0" || row.cells[1] == "::/0" {
                    inventory.defaultRoutes.append(
                        Fact(
                            "\(row.cells[2]) (ifIndex \(row.cells[0]))",
                            evidence(row.line, "route \(row.cells[1])", row.cells[2])))
                }
            }
            inventory.routeCount = table.rows.count
            return (inventory, ["routes": table.rows.count])
        case .bindings:
            var groups = 0
            var count = 0
            let texts = lines.map(String.init)
            let starts = texts.indices.filter { texts[$0].trimmingCharacters(in: .whitespaces).hasPrefix("Name: ") }
            for (index, groupStart) in starts.enumerated() {
                let start = groupStart + 1
                let end = index + 1 < starts.count ? starts[index + 1] : lines.count
                let slice = Array(lines[start..<end])
                guard let table = FormattedText.table(slice), table.columns == bindingColumns else {
                    throw InputError(
                        file: path, line: groupStart + 1, message: "an adapter group without its binding table")
                }
                groups += 1
                for row in table.rows where row.cells.count == 4 {
                    count += 1
                    if row.cells[3] == "False" {
                        inventory.disabledBindings.append(
                            Fact(
                                "\(row.cells[0]): \(row.cells[2])",
                                evidence(start + row.line, "binding \(row.cells[2])", row.cells[1])))
                    }
                }
            }
            return (inventory, ["network adapters (bindings)": groups, "adapter bindings": count])
        case .accounting, .measure, .processors, .profiles:
            let records = FormattedText.list(lines)
            return try readLists(view, records: records, file: file, into: &inventory, evidence: evidence)
        case .site:
            let texts = lines.enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            guard let site = texts.first else { throw InputError(file: path, line: 1, message: "no site name") }
            let name = site.element.trimmingCharacters(in: .whitespaces)
            inventory.activeDirectorySite = Fact(name, evidence(site.offset + 1, "nltest /dsgetsite", name))
            return (inventory, ["Active Directory site": 1])
        }
    }

    private static func readLists(
        _ view: View, records: [[FormattedText.Property]], file: ImportedFile, into inventory: inout ServerInventory,
        evidence: (Int, String, String) -> Evidence
    ) throws -> (ServerInventory, [String: Int]) {
        func value(_ record: [FormattedText.Property], _ name: String) -> FormattedText.Property? {
            record.first { $0.name == name }
        }
        switch view {
        case .accounting:
            let record = records.first ?? []
            inventory.radiusAccounting = value(record, "RadiusAccountingStatus").map {
                Fact($0.value, evidence($0.line, "RemoteAccessAccounting.RadiusAccountingStatus", $0.value))
            }
            inventory.inboxAccounting = value(record, "InboxAccountingStatus").map {
                Fact($0.value, evidence($0.line, "RemoteAccessAccounting.InboxAccountingStatus", $0.value))
            }
            return (inventory, ["RemoteAccessAccounting": 1])
        case .measure:
            let record = records.first ?? []
            guard let count = value(record, "Count") else { return (inventory, [:]) }
            guard let number = Int(count.value) else {
                throw InputError(file: file.path, line: count.line, message: "Count is '\(count.value)', not a number")
            }
            // Measure-Object says nothing of what it counted: the script's file name does.
            if file.path.lowercased().hasSuffix("_remoteaccessconnections.txt") {
                inventory.activeConnections = Fact(
                    number, evidence(count.line, "Get-RemoteAccessConnectionStatistics | Measure-Object", count.value))
                return (inventory, ["connections at export time": number])
            }
            return (inventory, ["Measure-Object results (not used)": 1])
        case .processors:
            var total = 0
            var first: FormattedText.Property?
            for record in records {
                guard let logical = value(record, "NumberOfLogicalProcessors") else { continue }
                guard let number = Int(logical.value) else {
                    throw InputError(
                        file: file.path, line: logical.line,
                        message: "NumberOfLogicalProcessors is '\(logical.value)', not a number")
                }
                total += number
                first = first ?? logical
            }
            if let first {
                inventory.logicalProcessors = Fact(
                    total, evidence(first.line, "Win32_Processor.NumberOfLogicalProcessors", "\(total)"))
            }
            return (inventory, ["processors": records.count])
        default:  // .profiles
            for record in records {
                guard let name = value(record, "Name") else { continue }
                if let category = value(record, "NetworkCategory") {
                    let alias = value(record, "InterfaceAlias")?.value ?? name.value
                    inventory.networkCategories.append(
                        Fact(
                            "\(alias): \(category.value)",
                            evidence(category.line, "NetConnectionProfile.NetworkCategory", category.value)))
                } else if let enabled = value(record, "Enabled") {
                    inventory.firewallProfiles.append(
                        Fact(
                            "\(name.value): \(enabled.value)",
                            evidence(enabled.line, "NetFirewallProfile.\(name.value).Enabled", enabled.value)))
                }
            }
            return (
                inventory,
                [
                    "network connection profiles": inventory.networkCategories.count,
                    "firewall profiles": inventory.firewallProfiles.count,
                ]
            )
        }
    }

    private static func table(_ lines: [Substring], path: String) throws -> (
        columns: [String], rows: [(cells: [String], line: Int)], headerLine: Int
    ) {
        guard let table = FormattedText.table(lines) else {
            throw InputError(file: path, line: 1, message: "a table without its header and dashes")
        }
        return table
    }
}
