import EstateModel
import Foundation

/// What an assessment knows besides the estate: the choices the organisation made (the IKEv2
/// baseline, the plan's connection count, whether a user tunnel is planned). Rules read it from
/// ``RuleReport/context`` so that their remediation says the same as the plan's artifacts.
public struct AssessmentContext: Sendable, Hashable, Codable {
    /// The chosen IKEv2 baseline (`--baseline`, or the plan's `ikev2Baseline`); nil when none was chosen.
    public var baseline: IKEv2Baseline?
    /// Expected concurrent connections per server (the plan's `expectedConnections`).
    public var expectedConnections: Int?
    /// True when a plan (which always builds a user tunnel) was given to the assessment.
    public var plansUserTunnel: Bool
    /// When the assessment runs: certificate validity is judged at this time.
    public var assessedAt: Date
    /// A certificate that expires within this many days of ``assessedAt`` expires during the
    /// migration (the plan's `certificateWindowDays`, 90 by default).
    public var certificateWindowDays: Int

    /// The migration window certificates must outlive when no plan says otherwise.
    public static let defaultCertificateWindowDays = 90

    public init(
        baseline: IKEv2Baseline? = nil, expectedConnections: Int? = nil, plansUserTunnel: Bool = false,
        assessedAt: Date = Date(), certificateWindowDays: Int = AssessmentContext.defaultCertificateWindowDays
    ) {
        self.baseline = baseline
        self.expectedConnections = expectedConnections
        self.plansUserTunnel = plansUserTunnel
        self.assessedAt = assessedAt
        self.certificateWindowDays = certificateWindowDays
    }

    /// The IkeNumEstablishedForInitialQuery value a server behind source NAT needs: twice the
    /// expected concurrent connections, or 50,000 when the number is not known (Hicks'
    /// `Set-IKEv2LoadBalancingParameters.ps1`). The rule and the server script both read it.
    public var ikeNumEstablishedForInitialQuery: Int {
        IKEEXTSettings.initialQueryLimit(expectedConnections: expectedConnections)
    }

    /// The IKEv2 remediation of a server: the chosen baseline's values, or every baseline's.
    public func ikev2Remediation(for server: Server?) -> String {
        guard let baseline else { return IKEv2Baseline.remediationWithoutChoice() }
        return baseline.remediation(serverBuild: server?.operatingSystem?.build?.value)
    }
}

/// The IKEEXT registry workaround for servers behind source NAT, in one place.
public enum IKEEXTSettings {
    /// Hicks: "recommended to set this value to twice the number of expected concurrent IPsec
    /// connections"; his script's default is 50,000.
    /// https://github.com/richardhicks/aovpn/blob/master/Set-IKEv2LoadBalancingParameters.ps1
    public static let defaultInitialQueryLimit = 50000

    public static func initialQueryLimit(expectedConnections: Int?) -> Int {
        expectedConnections.map { $0 * 2 } ?? defaultInitialQueryLimit
    }
}
