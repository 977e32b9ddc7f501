import AILedger
import Foundation

/// An API key in the records a scenario spills to the outbox, which must reach neither the
/// outbox nor the database: the buffer holds records as given, and the writer redacts
/// them before they leave it.
enum SpilledSecret {
    /// The key, one the default policy (`RedactionPolicy.secrets`) replaces.
    static let key = "sk-proj-Zx8yW7vU6tS5rQ4pO3nM2lK1jI0hG9fE8dC7bA6"
    /// A text holding it.
    static let text = "deploy with \(key) today"
    /// `text` as it must be stored.
    static let redacted = "deploy with [OPENAI_KEY] today"

    /// Checks that the outbox at `outboxURL` holds some batch, and no batch holding `key`.
    static func expectNotSpilled(outboxURL: String, drivers: [any DatabaseDriver]) async throws {
        let outbox = try await Ledger.open(url: outboxURL, drivers: drivers, redaction: .off)
        let rows = try await outbox.database.withConnection(.read) { connection in
            try await connection.query("SELECT batch FROM ailedger_outbox", [])
        }
        await outbox.close()
        let batches = rows.compactMap { row -> String? in
            if case .text(let batch)? = row.values.first { return batch }
            return nil
        }
        try Expect.that(!batches.isEmpty, "some batch spilled to the outbox")
        try Expect.that(batches.allSatisfy { !$0.contains(key) }, "no spilled batch holds the API key")
        try Expect.that(batches.contains { $0.contains("[OPENAI_KEY]") }, "the spilled records hold it redacted")
    }
}
