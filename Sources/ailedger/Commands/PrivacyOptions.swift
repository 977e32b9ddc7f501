import AILedger
import ArgumentParser
import Foundation

/// `--config` and `--redact`: what the commands that record redact.
struct PrivacyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A JSON configuration file with a \"redaction\" object (docs/PRIVACY.md).", valueName: "file"))
    var config: String?
    @Option(help: ArgumentHelp("What to redact, comma-separated: detector names, or secrets, personal, all, none; default: secrets, or the configuration file's.",
                               valueName: "detectors"))
    var redact: String?

    /// The configuration file's top-level object; empty without `--config`.
    func configuration() throws -> [String: JSONValue] {
        guard let config else { return [:] }
        guard let data = FileManager.default.contents(atPath: config) else { throw CommandFailure("cannot read \(config)") }
        guard case .object(let object)? = try? JSONValue(jsonText: String(decoding: data, as: UTF8.self)) else {
            throw ValidationError("\(config) must hold a JSON object")
        }
        return object
    }

    /// The policy the options give: the configuration file's `redaction`, its detectors
    /// replaced by `--redact` when given.
    func redactionPolicy() throws -> RedactionPolicy {
        var policy = try configuration()["redaction"].map { try RedactionPolicy(json: $0) } ?? .secrets
        if let redact {
            let names = redact.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let strategies = Set(policy.detectors.values)
            let strategy = strategies.count == 1 ? strategies.first! : .placeholder
            policy.detectors = try RedactionPolicy(json: .object(["detectors": .array(names.map(JSONValue.string)),
                                                                  "strategy": .string(strategy.rawValue)])).detectors
            try policy.validate()
        }
        return policy
    }
}
