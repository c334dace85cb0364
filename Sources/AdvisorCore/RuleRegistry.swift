import CertificateRules
import ClientProfileRules
import DirectAccessRules
import GroupPolicyRules
import IKEv2BaselineRules
import LoadBalancingRules
import NpsRules
import ProtocolRules
import RuleAPI

/// Every built-in rule, sorted by module then id. A test fails if a rule file is not listed here.
public enum RuleRegistry {
    public static let all: [any Rule.Type] =
        (ProtocolRules.all + IKEv2BaselineRules.all + DirectAccessRules.all + LoadBalancingRules.all
        + ClientProfileRules.all + CertificateRules.all + NpsRules.all
        + GroupPolicyRules.all)
        .sorted { ($0.description.module, $0.description.id) < ($1.description.module, $1.description.id) }

    /// The rule with this id, or nil.
    public static func rule(id: String) -> (any Rule.Type)? { all.first { $0.description.id == id } }
}
