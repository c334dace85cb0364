import BundledRulePacks
import EstateModel
import Foundation
import Reporting
import RuleAPI
import Yams

extension Advisor {
    /// The bundled table of error and reason codes (`Rules/diagnosis/error-codes.yml`).
    public static func errorCodeTable() throws -> ErrorCodeTable {
        guard let url = BundledRulePacks.diagnosisTable else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Rules/diagnosis/error-codes.yml"])
        }
        return try YAMLDecoder().decode(ErrorCodeTable.self, from: try String(contentsOf: url, encoding: .utf8))
    }

    /// The failed connections among the environment's imported events, explained by the latest
    /// assessment's findings.
    public func diagnose(environment: String) throws -> Diagnosis {
        guard let id = try store.environmentId(named: environment) else {
            throw AdvisorError.unknownEnvironment(environment)
        }
        let estate = try store.estate(environmentId: id)
        let findings = try latestFindings(environment: environment)
        return Diagnosis(
            events: estate.events, userCounts: estate.eventUserCounts, findings: findings,
            table: try Self.errorCodeTable())
    }
}
