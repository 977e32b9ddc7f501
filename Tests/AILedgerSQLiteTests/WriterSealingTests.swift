import AILedger
import AILedgerCrypto
import AILedgerSQLite
import Foundation
import Testing

/// The buffered writer redacts and seals records as it takes them from its buffer: stored
/// values are redacted, then sealed, and a record that cannot be sealed is rejected and
/// reported, never lost silently, while the others are written.
@Suite struct WriterSealingTests {
    /// Refuses to seal any text holding "unsealable"; seals the rest with AES-256-GCM.
    struct RefusingCipher: FieldCipher {
        let keyring: AESGCMKeyring
        var currentKeyID: String { keyring.currentKeyID }
        func hasKey(_ id: String) -> Bool { keyring.hasKey(id) }
        func seal(_ plaintext: [UInt8], keyID: String, associatedData: [UInt8]) throws -> [UInt8] {
            if String(decoding: plaintext, as: UTF8.self).contains("unsealable") {
                throw LedgerError(.invalidConfiguration, "the cipher refused this value")
            }
            return try keyring.seal(plaintext, keyID: keyID, associatedData: associatedData)
        }
        func open(_ ciphertext: [UInt8], keyID: String, associatedData: [UInt8]) throws -> [UInt8] {
            try keyring.open(ciphertext, keyID: keyID, associatedData: associatedData)
        }
    }

    /// A ledger on a new SQLite file whose writer seals input texts with `RefusingCipher`,
    /// reporting rejections to `refused`.
    static func ledger(_ refused: Locked<[RejectedRecord]>) async throws -> (Ledger, String) {
        let url = "sqlite://" + TemporaryDirectory.make().appendingPathComponent("sealing.sqlite").path
        let cipher = RefusingCipher(keyring: try AESGCMKeyring(keys: ["k1": [UInt8](repeating: 7, count: 32)], current: "k1"))
        let ledger = try await Ledger.open(
            url: url, drivers: [SQLiteDriver()],
            writer: WriterOptions(flushInterval: .milliseconds(20), onReject: { record in refused.withLock { $0.append(record) } }),
            encryption: FieldEncryption(cipher: cipher, fields: [.inputText]))
        try await ledger.migrate()
        return (ledger, url)
    }

    @Test func aRecordThatCannotBeSealedIsRejectedAndTheOthersAreWritten() async throws {
        let refused = Locked<[RejectedRecord]>([])
        let (ledger, url) = try await Self.ledger(refused)
        let keyed = Call(model: "m", inputText: "deploy with sk-proj-Zx8yW7vU6tS5rQ4pO3nM2lK1jI0hG9fE8dC7bA6 today")
        let bad = Call(model: "m", inputText: "an unsealable prompt")
        let plain = Call(model: "m", inputText: "a plain prompt")
        for call in [keyed, bad, plain] { try await ledger.record(call) }  // buffered: sealing comes later
        #expect(await ledger.flush(timeout: .seconds(30)).isComplete)
        #expect(refused.withLock { $0.map(\.id) } == [bad.id])
        #expect(refused.withLock { $0.first?.error.message.contains("refused") } == true)
        let stats = try #require(ledger.writerStatistics)
        #expect(stats.recorded == 3)
        #expect(stats.rejected == 1)
        #expect(stats.written == 2)
        #expect(Set(try await ledger.calls().map(\.id)) == [keyed.id, plain.id])
        // Read back opened: redacted before it was sealed.
        #expect(try await ledger.call(id: keyed.id)?.inputText == "deploy with [OPENAI_KEY] today")
        await ledger.close()
        // Stored sealed: without the key, only a marker.
        let keyless = try await Ledger.open(url: url, drivers: [SQLiteDriver()])
        #expect(try await keyless.call(id: keyed.id)?.inputText == FieldEncryption.textMarker)
        #expect(try await keyless.call(id: plain.id)?.inputText == FieldEncryption.textMarker)
        await keyless.close()
    }

    @Test func theCallsOfAnInteractionThatCannotBeSealedAreRejectedWithIt() async throws {
        let refused = Locked<[RejectedRecord]>([])
        let (ledger, _) = try await Self.ledger(refused)
        var interaction = Interaction()
        interaction.inputText = "an unsealable question"
        let calls = [Call(model: "m"), Call(model: "m")]
        try await ledger.record(interaction, calls: calls)
        let fine = Call(model: "m")
        try await ledger.record(fine)
        #expect(await ledger.flush(timeout: .seconds(30)).isComplete)
        #expect(refused.withLock { $0.map(\.id) } == [interaction.id] + calls.map(\.id))
        // Refused by the writer with their interaction, before the database sees the batch.
        #expect(refused.withLock { $0.dropFirst().allSatisfy { $0.error.kind == .foreignKeyViolation
            && $0.error.message == "call.interactionID: the record it refers to was rejected" } })
        let stats = try #require(ledger.writerStatistics)
        #expect(stats.rejected == 3)
        #expect(stats.written == 1)
        #expect(try await ledger.calls().map(\.id) == [fine.id])
        await ledger.close()
    }

    @Test func aBatchNoRecordOfWhichCanBeSealedStillFlushes() async throws {
        let refused = Locked<[RejectedRecord]>([])
        let (ledger, _) = try await Self.ledger(refused)
        let bad = (0..<3).map { _ in Call(model: "m", inputText: "an unsealable prompt") }
        for call in bad { try await ledger.record(call) }
        #expect(await ledger.flush().isComplete, "flush returns once every record is rejected")
        #expect(Set(refused.withLock { $0.map(\.id) }) == Set(bad.map(\.id)))
        let stats = try #require(ledger.writerStatistics)
        #expect(stats.rejected == 3)
        #expect(stats.written == 0)
        #expect(stats.buffered == 0)
        #expect(try await ledger.calls().isEmpty)
        await ledger.close()
    }
}
