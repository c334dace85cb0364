import BundledRulePacks
import Foundation
import InputErrors
import RuleAPI
import RulePacks
import SettingsYAML

/// The declarative rules of an assessment: the bundled packs, the chosen IKEv2 baseline pack and
/// the packs of every `--rules DIR`.
public enum RulePackSet {
    /// Loads the bundled packs, the baseline (standard, enhanced, cnsa) if any, and `directories`.
    public static func load(directories: [String] = [], baseline: String? = nil) throws -> [RulePack] {
        var loader = RulePackLoader(reservedIds: Set(RuleRegistry.all.map { $0.description.id }))
        var packs: [RulePack] = []
        func add(_ loaded: [RulePack]) {
            for pack in loaded { loader.reservedIds.formUnion(pack.rules.map(\.id)) }
            packs += loaded
        }
        if let bundled = BundledRulePacks.packsDirectory { add(try loader.loadDirectory(bundled.path)) }
        if let baseline {
            guard BundledRulePacks.baselines.contains(baseline), let url = BundledRulePacks.baseline(baseline) else {
                let hint =
                    NearestName.nearest(to: baseline, in: BundledRulePacks.baselines).map { " (did you mean '\($0)'?)" }
                    ?? ""
                throw InputError(
                    file: "--baseline", line: 0,
                    message:
                        "no baseline '\(baseline)'\(hint); the baselines are \(BundledRulePacks.baselines.joined(separator: ", "))"
                )
            }
            add([try loader.load(file: url.path)])
        }
        for directory in directories { add(try loader.loadDirectory(directory)) }
        return packs
    }

    /// Every bundled pack file, baselines included (each baseline loaded on its own: they share a rule id).
    public static func bundled() throws -> [RulePack] {
        let loader = RulePackLoader(reservedIds: Set(RuleRegistry.all.map { $0.description.id }))
        var packs = try BundledRulePacks.packsDirectory.map { try loader.loadDirectory($0.path) } ?? []
        for name in BundledRulePacks.baselines {
            if let url = BundledRulePacks.baseline(name) { packs.append(try loader.load(file: url.path)) }
        }
        return packs
    }
}

extension RulePackSet {
    /// Loads every pack of a directory (or one pack file) on its own, beside the built-in rules, so
    /// that a mistake names its file and line (`rules check`, `rules test`).
    public static func load(path: String) throws -> [RulePack] {
        let loader = RulePackLoader(reservedIds: Set(RuleRegistry.all.map { $0.description.id }))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, line: 0, message: "does not exist")
        }
        return isDirectory.boolValue ? try loader.loadDirectory(path) : [try loader.load(file: path)]
    }
}
