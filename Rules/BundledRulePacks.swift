import Foundation

/// The rule packs shipped with the tool: `Rules/packs/*.yml` (always loaded) and
/// `Rules/baselines/<name>.yml` (the IKEv2 baseline chosen with `--baseline`).
public enum BundledRulePacks {
    /// The directory of the always-loaded packs.
    public static var packsDirectory: URL? { Bundle.module.url(forResource: "packs", withExtension: nil) }

    /// The baseline pack file of `name` (standard, enhanced, cnsa), or nil.
    public static func baseline(_ name: String) -> URL? {
        Bundle.module.url(forResource: "baselines", withExtension: nil)?.appendingPathComponent("\(name).yml")
    }

    /// The diagnosis table: what a failed connection's code means and which findings explain it.
    public static var diagnosisTable: URL? {
        Bundle.module.url(forResource: "diagnosis", withExtension: nil)?.appendingPathComponent("error-codes.yml")
    }

    /// The baseline names shipped.
    public static let baselines = ["standard", "enhanced", "cnsa"]
}
