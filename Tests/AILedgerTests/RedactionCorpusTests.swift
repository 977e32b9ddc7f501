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

    /// The secrets-only pass, which finds where a secret can begin sixteen bytes at a time,
    /// finds what its definition finds byte by byte: at each word start whose letter can
    /// begin a secret, and at each `-`, the detectors tried, a word without a secret skipped
    /// whole. Over texts of many lengths (every tail of a vector block) built from secret
    /// prefixes, word and token bytes, separators and multi-byte characters.
    @Test func theSecretsOnlyPassFindsWhatItsByteByByteDefinitionFinds() {
        let scanner = TextScanner(enabled: Set(RedactionDetector.secrets))
        let pieces = ["sk-", "sk-ant-", "AKIA", "ASIA", "ABIA", "ACCA", "eyJ", "ghp_", "github_pat_", "xoxb-", "xapp-", "Bearer ", "bearer ", "BEARER ",
                      "-----BEGIN ", "PRIVATE KEY-----", "-----END ", "-", "_", " ", "\n", ".", "=", ":", "\"", "é", "日本",
                      "abcdefghij", "ABCDEFGHIJKLMNOP", "0123456789", "s", "e", "b", "g", "x", "A", "B", "a", "Z", "9"]
        var seed: UInt64 = 0x5EC2_E75
        func next() -> Int {  // deterministic: the same texts on every run
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        var checked = 0
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<next() % 24 { text += pieces[next() % pieces.count] }
            var copy = text
            let (fast, reference) = copy.withUTF8 { bytes in
                (scanner.scan(bytes).map { [$0.start, $0.end] }, Self.secretsByteByByte(scanner, bytes).map { [$0.start, $0.end] })
            }
            #expect(fast == reference, "\(text.debugDescription)")
            checked += fast.count
        }
        #expect(checked > 500, "the texts held too few secrets to compare")
    }

    /// The secrets-only pass as first written: one byte at a time.
    static func secretsByteByByte(_ scanner: TextScanner, _ text: UnsafeBufferPointer<UInt8>) -> [ScanMatch] {
        var matches: [ScanMatch] = []
        var i = 0
        var previous: UInt8 = 0x20
        while i < text.count {
            let byte = text[i]
            if Byte.isAlnum(byte) {
                guard !Byte.isWord(previous) else {
                    previous = byte
                    i += 1
                    continue
                }
                if let found = scanner.secretAt(text, i) {
                    matches.append(found)
                    i = found.end
                    previous = text[i - 1]
                    continue
                }
                i = Byte.endOfWord(text, i)
                previous = text[i - 1]
                continue
            }
            if byte == 0x2D, let found = scanner.privateKeyAt(text, i) {
                matches.append(found)
                i = found.end
                previous = text[i - 1]
                continue
            }
            previous = byte
            i += 1
        }
        return matches
    }
}
