import Foundation

/// A record batch priced and turned into column values, ready to insert.
struct RowBatch: Sendable {
    /// The rows of each record table, without the columns NULL in every row of the batch
    /// (see `droppingNullColumns`), and the columns they have.
    var conversations: [[SQLValue]]
    var conversationColumns: [String]
    var interactions: [[SQLValue]]
    var interactionColumns: [String]
    /// The statements the interactions ran.
    var sqlQueries: [[SQLValue]]
    var calls: [[SQLValue]]
    var callColumns: [String]
    /// The calls' rows packed, for a dialect that is `RowPacking`: then in place of
    /// `calls`, which is left empty.
    private var packedCalls: PackedRows?
    /// The calls as priced, in the order of `calls`, with their stored costs.
    private var pricedCalls: [(Call, Int64?)]
    /// The interactions, in the order of `interactions`.
    private var interactionRecords: [Interaction]
    /// The rollup values of the batch's interactions, by id.
    private var interactionKeys: [UUID: PromptRollupKey]
    /// Interactions of the batch's calls stored before it: their values are read when the
    /// batch is inserted.
    private var storedInteractions: Set<UUID>
    /// The persona, device and contact of the batch's interactions and conversations, by id.
    private var interactionParties: [UUID: PartyValues]
    private var conversationParties: [UUID: PartyValues]
    /// Conversations of the batch's calls stored before it whose values a call may need:
    /// read when the batch is inserted.
    private var storedConversations: Set<UUID>
    /// What the batch adds to the rollups when every record is inserted and no call needs
    /// a stored interaction's values, as rows ready to write.
    private var rollups: RollupWrites?

    /// The rows of `batch`; calls without a cost are priced from `prices`.
    init(_ batch: RecordBatch, prices: PriceBook) {
        var matcher = PriceMatcher(prices)
        self.init(conversations: batch.conversations, interactions: batch.interactions,
                  pricedCalls: batch.calls.map { Self.priced($0, &matcher) }, packsCalls: false)
    }

    /// The rows of `records`, parents first; calls without a cost are priced from `prices`,
    /// and the calls' rows packed if `packsCalls` (see `RowPacking`).
    init(_ records: [PendingRecord], prices: PriceBook, packsCalls: Bool = false) {
        var conversations: [Conversation] = [], interactions: [Interaction] = [], pricedCalls: [(Call, Int64?)] = []
        pricedCalls.reserveCapacity(records.count)
        var matcher = PriceMatcher(prices)
        for record in records {
            switch record {
            case .conversation(let value): conversations.append(value)
            case .interaction(let value): interactions.append(value)
            // Priced as taken from its record: one copy of the call, not a second one for a batch.
            case .call(let value): pricedCalls.append(Self.priced(value, &matcher))
            }
        }
        self.init(conversations: conversations, interactions: interactions, pricedCalls: pricedCalls, packsCalls: packsCalls)
    }

    /// `call` priced through `matcher`, with its cost as stored.
    private static func priced(_ call: Call, _ matcher: inout PriceMatcher) -> (Call, Int64?) {
        let priced = call.priced(with: &matcher)
        return (priced, priced.costUSD.flatMap(NanoDollars.rounding(usd:)))
    }

    private init(conversations: [Conversation], interactions: [Interaction], pricedCalls: [(Call, Int64?)], packsCalls: Bool) {
        var conversationRows = conversations.map { $0.rowValues }, interactionRows = interactions.map { $0.rowValues }
        conversationColumns = Self.droppingNullColumns(Conversation.columns, from: &conversationRows)
        interactionColumns = Self.droppingNullColumns(Interaction.columns, from: &interactionRows)
        if packsCalls, !pricedCalls.isEmpty {
            (packedCalls, callColumns) = Self.packed(pricedCalls)
            calls = []
        } else {
            var callRows = pricedCalls.map { $0.0.rowValues }
            callColumns = Self.droppingNullColumns(Call.columns, from: &callRows)
            calls = callRows
        }
        (self.conversations, self.interactions) = (conversationRows, interactionRows)
        sqlQueries = interactions.flatMap { StoredSQLQuery.rows(of: $0).map(\.rowValues) }
        self.pricedCalls = pricedCalls
        interactionRecords = interactions
        interactionKeys = Dictionary(interactions.map { ($0.id, PromptRollupKey($0)) }, uniquingKeysWith: { first, _ in first })
        storedInteractions = Set(pricedCalls.compactMap { $0.0.interactionID }).subtracting(interactionKeys.keys)
        let interactionParties = Dictionary(interactions.map { ($0.id, PartyValues($0)) }, uniquingKeysWith: { first, _ in first })
        let conversationParties = Dictionary(conversations.map { ($0.id, PartyValues($0)) }, uniquingKeysWith: { first, _ in first })
        // A call whose interaction names all three values needs nothing of its conversation.
        storedConversations = Set(pricedCalls.compactMap { (call, _) in
            guard let conversation = call.conversationID, conversationParties[conversation] == nil else { return nil }
            return call.interactionID.flatMap { interactionParties[$0] }?.isComplete == true ? nil : conversation
        })
        self.interactionParties = interactionParties
        self.conversationParties = conversationParties
        if storedInteractions.isEmpty && storedConversations.isEmpty {
            rollups = RollupBatch(calls: pricedCalls, interactions: interactions, interactionKeys: interactionKeys,
                                  interactionParties: interactionParties, conversationParties: conversationParties).writes
        }
    }

    /// Drops from `rows` the columns (after the first, the id) that are NULL in every row,
    /// returning the columns kept. A column left out of an INSERT or COPY stores its
    /// default, which for every column a record may leave NULL is NULL: the rows stored are
    /// the same, and the server binds, parses and checks fewer values per row (most records
    /// leave most optional fields out). Only for batches of 100 rows or more: smaller ones
    /// gain little, and their many different sets of columns would each be a statement to
    /// prepare.
    private static func droppingNullColumns(_ columns: [String], from rows: inout [[SQLValue]]) -> [String] {
        guard rows.count >= fewestRowsDroppingColumns else { return columns }
        var used = [Bool](repeating: false, count: columns.count)
        used[0] = true
        for row in rows {
            row.withUnsafeBufferPointer { values in  // each value looked at in place, not copied out
                for index in values.indices where !used[index] {
                    if case .null = values[index] { continue }
                    used[index] = true
                }
            }
        }
        guard used.contains(false) else { return columns }
        let kept = used.indices.filter { used[$0] }
        // In place: each kept value is swapped forward, and what is left at the end is the
        // dropped columns' NULLs. Building new rows would retain every value and release it.
        for r in rows.indices {
            rows[r].withUnsafeMutableBufferPointer { row in  // moved, not copied: no retain or release
                for (position, index) in kept.enumerated() where position != index { row.swapAt(position, index) }
            }
            rows[r].removeLast(columns.count - kept.count)
        }
        return kept.map { columns[$0] }
    }

    /// The smallest batch whose columns NULL in every row are left out of its inserts.
    private static let fewestRowsDroppingColumns = 100

    /// The rows of `calls` packed, without the columns NULL in every row (as
    /// `droppingNullColumns` leaves them out), and the columns they have. Each value is
    /// written from the call straight into the packed bytes: no row of `SQLValue`s, no
    /// string of JSON text.
    private static func packed(_ calls: [(Call, Int64?)]) -> (PackedRows, [String]) {
        let width = Call.columns.count
        // Room for typical calls: the bytes grow if these are larger.
        var builder = PackedRowsBuilder(rowCapacity: calls.count, valueCapacity: calls.count * width,
                                        byteCapacity: calls.count * 1_024)
        // Each call read where it lies in the array, not copied out of its tuple.
        let offset = MemoryLayout<(Call, Int64?)>.offset(of: \(Call, Int64?).0) ?? 0
        calls.withUnsafeBufferPointer { calls in
            guard let first = calls.baseAddress else { return }
            for index in calls.indices {
                Call.pack((UnsafeRawPointer(first + index) + offset).assumingMemoryBound(to: Call.self), into: &builder)
            }
        }
        var rows = builder.finish()
        guard calls.count >= fewestRowsDroppingColumns else { return (rows, Call.columns) }
        let kept = rows.columnsWithValues(width: width)
        rows.keepColumns(kept, width: width)
        return (rows, kept.map { Call.columns[$0] })
    }

    /// Inserts the rows in one transaction, skipping ids already stored, and adds the
    /// records actually inserted to the rollups in the same transaction.
    func insert(into database: any DatabaseClient) async throws {
        try await database.withConnection(.write) { connection in
            try await connection.transaction {
                try await connection.insert(into: Conversation.table, columns: conversationColumns,
                                            rows: conversations, ignoringDuplicates: true)
                let newInteractions = try await connection.insertNewRows(into: Interaction.table, columns: interactionColumns,
                                                                         rows: interactions)
                if !sqlQueries.isEmpty {
                    try await connection.insert(into: StoredSQLQuery.table, columns: StoredSQLQuery.columns,
                                                rows: sqlQueries, ignoringDuplicates: true)
                }
                let newCalls = try await connection.insertNewRows(into: Call.table, columns: callColumns, rows: calls,
                                                                  packed: packedCalls)
                if newInteractions == nil, newCalls == nil, let rollups {
                    return try await rollups.write(on: connection)
                }
                var keys = interactionKeys, interactionParties = interactionParties, conversationParties = conversationParties
                if !storedInteractions.isEmpty {
                    keys.merge(try await PromptRollupKey.stored(storedInteractions, on: connection)) { first, _ in first }
                    interactionParties.merge(try await PartyValues.stored(storedInteractions, in: Interaction.table, on: connection)) { first, _ in first }
                }
                if !storedConversations.isEmpty {
                    conversationParties.merge(try await PartyValues.stored(storedConversations, in: Conversation.table, on: connection)) { first, _ in first }
                }
                let insertedCalls = newCalls.map { zip(pricedCalls, $0).compactMap { $1 ? $0 : nil } } ?? pricedCalls
                let insertedInteractions = newInteractions.map { zip(interactionRecords, $0).compactMap { $1 ? $0 : nil } }
                    ?? interactionRecords
                try await RollupBatch(calls: insertedCalls, interactions: insertedInteractions, interactionKeys: keys,
                                      interactionParties: interactionParties, conversationParties: conversationParties)
                    .write(on: connection)
            }
        }
    }
}
