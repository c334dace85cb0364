import Foundation
import ProfileSchema
import XMLKit

/// Writes a plan's artifacts into a folder: `ProfileXML-User.xml`, `ProfileXML-Device.xml` (when
/// the plan has a device tunnel), `servers/<server>.ps1`, `loadbalancer/<vendor>.txt` (when there
/// are load-balancing findings) and `plan.md`. Each ProfileXML is validated against the project's
/// schema before it is written; a generated profile that does not validate is a bug, reported as such.
public struct PlanWriter {
    public let plan: MigrationPlan
    public let generator: String

    public init(plan: MigrationPlan, generator: String) {
        self.plan = plan
        self.generator = generator
    }

    /// The ProfileXML texts by file name.
    public func profiles() -> [(name: String, xml: String)] {
        var result = [("ProfileXML-User.xml", ProfileXMLWriter.xml(plan.userProfile, generator: generator))]
        if let device = plan.deviceProfile {
            result.append(("ProfileXML-Device.xml", ProfileXMLWriter.xml(device, generator: generator)))
        }
        return result
    }

    /// Writes every artifact under `directory` and returns the files written.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        var files: [(String, String)] = []
        for (name, xml) in profiles() {
            // Without vpnServers (a plan gap, noted in the profile) the profile is incomplete, not invalid.
            let problems = try ProfileXMLSchema.validate(
                Data(xml.utf8), file: name,
                incomplete: plan.gaps.contains { $0.key == "vpnServers" })
            if let first = problems.first {
                throw PlanWriterError(
                    message: "generated \(name) does not validate (\(first)); please report this as a bug")
            }
            files.append((name, xml))
        }
        files += plan.serverScripts.map { ($0.path, $0.text) }
        files += plan.loadBalancerChanges.map { ($0.path, $0.text) }
        files.append(("plan.md", PlanMarkdownWriter.markdown(plan, generator: generator)))
        var written: [URL] = []
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            written.append(url)
        }
        return written
    }
}

/// The generator produced something it should not have.
public struct PlanWriterError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
