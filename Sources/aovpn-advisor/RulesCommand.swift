import AdvisorCore
import ArgumentParser
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "The rule catalogue and rule packs: list, show, doc, check, test, model-doc.",
        discussion: """
            Examples:
              aovpn-advisor rules list
              aovpn-advisor rules list --format json
              aovpn-advisor rules show ikev2-weak-dh-group
              aovpn-advisor rules doc --output Docs/rules.md
              aovpn-advisor rules check my-packs/
              aovpn-advisor rules test my-packs/
            """,
        subcommands: [List.self, Show.self, Doc.self, Check.self, Test.self, ModelDoc.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every rule with its id, module and default severity.",
            discussion: "Examples:\n  aovpn-advisor rules list\n  aovpn-advisor rules list --format json")

        @Option(name: .long, help: "table or json (every field of every rule, examples included).")
        var format: Format = .table

        func run() throws {
            let rules = try RuleCatalogue.all()
            if format == .json {
                print(try RuleCatalogue.json(rules), terminator: "")
                return
            }
            let idWidth = max(2, rules.map(\.id.count).max() ?? 0)
            let moduleWidth = max(6, rules.map(\.module.count).max() ?? 0)
            print("ID".padding(idWidth) + "  " + "MODULE".padding(moduleWidth) + "  SEVERITY  TITLE")
            for rule in rules {
                print(
                    rule.id.padding(idWidth) + "  " + rule.module.padding(moduleWidth) + "  "
                        + rule.severity.padding(8) + "  " + rule.title)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A rule's description, rationale, remediation and references.",
            discussion: "Example:\n  aovpn-advisor rules show da-nls")

        @Argument(help: "The rule id.")
        var id: String

        func run() throws {
            let matches = try RuleCatalogue.all().filter { $0.id == id }
            guard !matches.isEmpty else {
                printError(AdvisorError.unknownRule(id).description)
                throw ExitCode(64)
            }
            for rule in matches { print(Self.text(rule)) }
        }

        static func text(_ rule: RuleCatalogue.Entry) -> String {
            """
            \(rule.id): \(rule.title)
            Module: \(rule.module)    Default severity: \(rule.severity)

            Rationale: \(rule.rationale)

            Remediation: \(rule.remediation)

            References:
            \(rule.references.map { "  - \($0)" }.joined(separator: "\n"))

            Triggering examples:
            \(rule.triggeringExamples.map { "  - \($0)" }.joined(separator: "\n"))
            Non-triggering examples:
            \(rule.nonTriggeringExamples.map { "  - \($0)" }.joined(separator: "\n"))

            """
        }
    }
}

extension RulesCommand {
    struct Doc: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the rule catalogue as Markdown (Docs/rules.md is generated this way).",
            discussion:
                "Examples:\n  aovpn-advisor rules doc --output Docs/rules.md\n  aovpn-advisor rules doc > rules.md")

        @Option(name: .long, help: "File to write (default: standard output).")
        var output: String?

        func run() throws {
            try RulesCommand.write(try RuleCatalogue.markdown(), to: output)
        }
    }
}

extension RulesCommand {
    /// Writes a generated document to `output`, or to standard output.
    static func write(_ text: String, to output: String?) throws {
        guard let output else { return print(text, terminator: "") }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch {
            printError("cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(74)
        }
        print("Wrote \(output)")
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate rule packs: keys, entities, field paths, operators, templates, ids.",
            discussion:
                "Exit 0 when valid, 65 naming the file, line and nearest valid name otherwise.\n\nExamples:\n  aovpn-advisor rules check my-packs/\n  aovpn-advisor rules check my-packs/naming.yml"
        )

        @Argument(help: "A directory of rule packs, or one pack file.")
        var path: String

        func run() throws {
            try CommandFailure.mapping {
                let packs = try RulePackSet.load(path: path)
                for pack in packs {
                    print(
                        "\(pack.file): pack \(pack.name), \(pack.rules.count) rule(s): \(pack.rules.map(\.id).joined(separator: ", "))"
                    )
                }
                print("valid")
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the triggering and non-triggering examples of rule packs.",
            discussion:
                "Exit 0 when every example behaves, 1 when one does not, 65 when a pack is invalid.\n\nExamples:\n  aovpn-advisor rules test my-packs/\n  aovpn-advisor rules test Rules/packs"
        )

        @Argument(help: "A directory of rule packs, or one pack file.")
        var path: String

        func run() throws {
            let failures = try CommandFailure.mapping { () -> [String] in
                let rules = try RulePackSet.load(path: path).flatMap(\.rules)
                var failures: [String] = []
                for rule in rules {
                    let ruleFailures = rule.exampleFailures()
                    failures += ruleFailures
                    let count = rule.triggeringExamples.count + rule.nonTriggeringExamples.count
                    print("\(ruleFailures.isEmpty ? "ok  " : "FAIL") \(rule.id): \(count) example(s)")
                }
                return failures
            }
            for failure in failures { printError(failure) }
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }

    struct ModelDoc: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "model-doc",
            abstract: "Write the entities and field paths rule packs can use (Docs/model.md is generated this way).",
            discussion: "Examples:\n  aovpn-advisor rules model-doc --output Docs/model.md")

        @Option(name: .long, help: "File to write (default: standard output).")
        var output: String?

        func run() throws {
            try RulesCommand.write(ModelDocWriter.markdown(), to: output)
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
