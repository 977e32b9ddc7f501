@testable import AILedger
import Foundation
import Testing

/// The built-in detectors over a labelled corpus of true positives and traps (numbers that
/// fail Luhn or mod-97, versions that look like addresses, UUIDs, timestamps, code): every
/// true positive found with its exact extent, no trap flagged. Prints precision and recall
/// per detector.
@Suite struct RedactionCorpusTests {
    struct Entry: Decodable {
        struct Expected: Decodable, Hashable { let detector: String, value: String }
        let text: String
        let expect: [Expected]
    }

    static func corpus() throws -> [Entry] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("RedactionCorpus")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted().flatMap { name in
            let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            return try lines.map { try JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
        }
    }

    @Test func everyTruePositiveIsFoundAndNoTrapIsFlagged() throws {
        let scanner = TextScanner(enabled: Set(RedactionDetector.allCases))
        var truePositives: [String: Int] = [:], falsePositives: [String: Int] = [:], falseNegatives: [String: Int] = [:]
        var problems: [String] = []
        let entries = try Self.corpus()
        #expect(entries.count > 100)
        for entry in entries {
            var text = entry.text
            let bytes = Array(text.utf8)
            let found = text.withUTF8 { scanner.scan($0) }.map { match in
                Entry.Expected(detector: match.detector!.rawValue, value: String(decoding: bytes[match.start..<match.end], as: UTF8.self))
            }
            let expected = Set(entry.expect)
            for match in found {
                if expected.contains(match) {
                    truePositives[match.detector, default: 0] += 1
                } else {
                    falsePositives[match.detector, default: 0] += 1
                    problems.append("flagged \(match.detector) '\(match.value)' in: \(entry.text)")
                }
            }
            for missing in expected.subtracting(found) {
                falseNegatives[missing.detector, default: 0] += 1
                problems.append("missed \(missing.detector) '\(missing.value)' in: \(entry.text)")
            }
        }
        print("detector         tp  fp  fn  precision  recall")
        for detector in RedactionDetector.allCases.map(\.rawValue) {
            let tp = truePositives[detector] ?? 0, fp = falsePositives[detector] ?? 0, fn = falseNegatives[detector] ?? 0
            let precision = tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp), recall = tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn)
            print(detector.padding(toLength: 15, withPad: " ", startingAt: 0), String(format: "%3d %3d %3d  %9.3f  %6.3f", tp, fp, fn, precision, recall))
            #expect(tp > 0, "the corpus has no true positive for \(detector)")
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The default policy's faster pass (secret detectors alone) finds exactly the secrets
    /// the corpus holds, and, in every line with a secret prefix embedded in words,
    /// underscores, dashes and digits, what each secret detector finds on its own.
    @Test func theSecretsOnlyPassFindsTheSameSecrets() throws {
        let secrets = Set(RedactionDetector.secrets)
        let scanner = TextScanner(enabled: secrets)
        for entry in try Self.corpus() {
            var text = entry.text
            let bytes = Array(text.utf8)
            let found = text.withUTF8 { scanner.scan($0) }.map { match in
                Entry.Expected(detector: match.detector!.rawValue, value: String(decoding: bytes[match.start..<match.end], as: UTF8.self))
            }
            let expected = entry.expect.filter { expected in secrets.contains { $0.rawValue == expected.detector } }
            #expect(Set(found) == Set(expected), "\(entry.text)")
        }
        let tricky = ["x_sk-abcdefghijklmnopqrstuvwxyz", "9sk-abcdefghijklmnopqrstuvwxyz", "-sk-abcdefghijklmnopqrstuvwxyz",
                      "Authorization: bearer abc123def456ghi789", "ssk-abcdefghijklmnopqrstuvwxyz sk-abcdefghijklmnopqrstuvwxyz",
                      "id=AKIAIOSFODNN7EXAMPLE;", "_AKIAIOSFODNN7EXAMPLE", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
                      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"]
        for line in tricky {
            var text = line
            let fast = text.withUTF8 { scanner.scan($0) }.map { [$0.start, $0.end] }
            // Each detector with a number detector beside it takes the general pass.
            var alone: [[Int]] = []
            for detector in secrets {
                let general = TextScanner(enabled: [detector, .ssn])
                alone += text.withUTF8 { general.scan($0) }.filter { $0.detector == detector }.map { [$0.start, $0.end] }
            }
            #expect(Set(fast) == Set(alone), "\(line)")
        }
    }
}
