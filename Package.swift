// swift-tools-version: 6.1
// aovpn-advisor: DirectAccess / RRAS estate → Always On VPN migration advisor.
// Data flows one way: files → Importers → EstateModel → Store → rule modules → findings → Reporting.
import PackageDescription

let package = Package(
    name: "aovpn-advisor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "aovpn-advisor", targets: ["aovpn-advisor"]),
        .library(name: "AdvisorCore", targets: ["AdvisorCore"]),
        .library(name: "XMLKit", targets: ["XMLKit"]),
        .library(name: "SampleGenerator", targets: ["SampleGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // libxml2 through pkg-config; the shim fixes the ICU clash and wraps xmlFree.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The one error type of every reader: this file, this line, this problem (exit 65).
        .target(name: "InputErrors"),
        // Safe streaming reader and DOM over libxml2 (no external entities, no network, no HUGE).
        .target(name: "XMLKit", dependencies: ["CLibXML2", "InputErrors"]),
        // The project's ProfileXML (VPNv2 CSP) schema, compiled with libxml2.
        .target(name: "ProfileSchema", dependencies: ["InputErrors", "XMLKit"], resources: [.copy("Resources/ProfileXML.xsd")]),
        // The estate: servers, DirectAccess and RRAS configuration, every fact with its evidence.
        .target(name: "EstateModel"),
        // The rule API that rule modules implement: Rule, RuleDescription, examples, findings.
        .target(name: "RuleAPI", dependencies: ["EstateModel"]),
        // File formats → EstateModel. Knows no rule.
        .target(name: "Importers", dependencies: [
            "InputErrors", "XMLKit", "EstateModel", "ProfileSchema",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
        // The SQLite store (GRDB): environments, imports, models, assessments, findings.
        .target(name: "Store", dependencies: [
            "EstateModel", "RuleAPI", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Rule modules: one target each, depending only on the rule API and the model.
        .target(name: "ProtocolRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/Protocols"),
        .target(name: "IKEv2BaselineRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/IKEv2Baseline"),
        .target(name: "DirectAccessRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/DirectAccess"),
        .target(name: "LoadBalancingRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/LoadBalancing"),
        .target(name: "ClientProfileRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/ClientProfiles"),
        .target(name: "CertificateRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/Certificates"),
        .target(name: "NpsRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/Nps"),
        .target(name: "GroupPolicyRules", dependencies: ["RuleAPI", "EstateModel"], path: "Plugins/GroupPolicy"),
        // Report templates (Mustache) live in the top-level Reports/ folder.
        .target(name: "ReportTemplates", path: "Reports", exclude: ["README.md"],
                resources: [.copy("templates")]),
        // HTML, Markdown and JSON reports from findings.
        .target(name: "Reporting", dependencies: [
            "EstateModel", "RuleAPI", "ReportTemplates", "Planning",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // Typed, line-accurate reading of the YAML settings files (plan, configuration, rule packs).
        .target(name: "SettingsYAML", dependencies: ["InputErrors", "RuleAPI", .product(name: "Yams", package: "Yams")]),
        // Declarative rule packs (YAML): entities, field paths from the model, predicates, examples.
        .target(name: "RulePacks", dependencies: ["InputErrors", "EstateModel", "RuleAPI", "SettingsYAML", .product(name: "Yams", package: "Yams")]),
        // The bundled rule packs (Rules/packs, Rules/baselines) as resources.
        .target(name: "BundledRulePacks", path: "Rules", exclude: ["README.md"], resources: [.copy("packs"), .copy("baselines"), .copy("diagnosis")]),
        // The Always On VPN plan: DirectAccess mapping, ProfileXML, server scripts, phases, plan gaps.
        .target(name: "Planning", dependencies: [
            "InputErrors", "EstateModel", "RuleAPI", "XMLKit", "ProfileSchema", "SettingsYAML", .product(name: "Yams", package: "Yams"),
        ]),
        // The pipeline: import → store → assess → report. The CLI only wires options to it.
        .target(name: "AdvisorCore", dependencies: [
            "InputErrors", "EstateModel", "RuleAPI", "Importers", "Store", "Reporting", "Planning", "ProfileSchema", "XMLKit", "SettingsYAML",
            "RulePacks", "BundledRulePacks", .product(name: "Yams", package: "Yams"),
            "ProtocolRules", "IKEv2BaselineRules", "DirectAccessRules", "LoadBalancingRules", "ClientProfileRules", "CertificateRules", "NpsRules", "GroupPolicyRules", "SampleGenerator",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Large realistic exports for benchmarks (`aovpn-advisor sample`).
        .target(name: "SampleGenerator"),
        // libFuzzer harness over every importer (Scripts/fuzz.sh builds it with -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(name: "FuzzImporters", dependencies: ["Importers", "CLibFuzzer"]),
        .executableTarget(name: "aovpn-advisor", dependencies: [
            "AdvisorCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "AdvisorTests", dependencies: [
            "InputErrors", "XMLKit", "EstateModel", "RuleAPI", "Importers", "Store", "Reporting", "AdvisorCore", "Planning", "ProfileSchema", "SettingsYAML", "RulePacks",
            "ProtocolRules", "IKEv2BaselineRules", "DirectAccessRules", "LoadBalancingRules", "ClientProfileRules", "CertificateRules", "NpsRules", "GroupPolicyRules", "SampleGenerator",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], exclude: ["Fixtures"]),  // read through #filePath, not as resources
    ]
)
