import AdvisorCore
import ArgumentParser
import Foundation
import RuleAPI

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules or show one.",
        discussion: """
        Examples:
          aovpn-advisor rules list
          aovpn-advisor rules list --format json
          aovpn-advisor rules show ikev2-weak-dh-group
          aovpn-advisor rules doc --output Docs/rules.md
        """,
        subcommands: [List.self, Show.self, Doc.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every rule with its id, module and default severity.",
                                                        discussion: "Examples:\n  aovpn-advisor rules list\n  aovpn-advisor rules list --format json")

        @Option(name: .long, help: "table or json (every field of every rule, examples included).")
        var format: Format = .table

        func run() throws {
            if format == .json {
                print(try RuleCatalogue.json(), terminator: "")
                return
            }
            let rules = RuleRegistry.all.map { $0.description }
            let idWidth = max(2, rules.map(\.id.count).max() ?? 0)
            let moduleWidth = max(6, rules.map(\.module.count).max() ?? 0)
            print("ID".padding(idWidth) + "  " + "MODULE".padding(moduleWidth) + "  SEVERITY  TITLE")
            for rule in rules {
                print(rule.id.padding(idWidth) + "  " + rule.module.padding(moduleWidth) + "  "
                      + rule.severity.rawValue.padding(8) + "  " + rule.title)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A rule's description, rationale, remediation and references.",
                                                        discussion: "Example:\n  aovpn-advisor rules show da-nls")

        @Argument(help: "The rule id.")
        var id: String

        func run() throws {
            guard let rule = RuleRegistry.rule(id: id)?.description else {
                printError(AdvisorError.unknownRule(id).description)
                throw ExitCode(64)
            }
            print("""
            \(rule.id): \(rule.title)
            Module: \(rule.module)    Default severity: \(rule.severity.rawValue)

            Rationale: \(rule.rationale)

            Remediation: \(rule.remediation)

            References:
            \(rule.references.map { "  - \($0)" }.joined(separator: "\n"))

            Triggering examples:
            \(rule.triggeringExamples.map { "  - \($0.summary)" }.joined(separator: "\n"))
            Non-triggering examples:
            \(rule.nonTriggeringExamples.map { "  - \($0.summary)" }.joined(separator: "\n"))
            """)
        }
    }
}

extension RulesCommand {
    struct Doc: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the rule catalogue as Markdown (Docs/rules.md is generated this way).",
            discussion: "Examples:\n  aovpn-advisor rules doc --output Docs/rules.md\n  aovpn-advisor rules doc > rules.md")

        @Option(name: .long, help: "File to write (default: standard output).")
        var output: String?

        func run() throws {
            let text = RuleCatalogue.markdown()
            guard let output else { return print(text, terminator: "") }
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                printError("cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(74)
            }
            print("Wrote \(output)")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
