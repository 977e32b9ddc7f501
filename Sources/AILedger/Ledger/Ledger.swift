/// The one object an application holds: records AI calls, interactions and conversations
/// in the database named by a URL, and reads them back.
///
/// ```swift
/// DatabaseDrivers.register(SQLiteDriver())
/// let ledger = try await Ledger.open(url: "sqlite:///var/lib/app/ledger.db")
/// try await ledger.migrate()
/// try await ledger.record(Call(model: "gpt-4o-mini", usage: TokenUsage(input: 1200, output: 300)))
/// ```
public final class Ledger: Sendable {
    /// The database URL, redacted when printed.
    public let url: DatabaseURL
    /// The driver that opened the database.
    public let driver: any DatabaseDriver
    /// The connection pool.
    public let database: any DatabaseClient
    /// The runner for AILedger's bundled schema migrations.
    public let migrations: MigrationRunner
    /// The prices calls are billed at: the book given at open, plus prices added since.
    let pricing: Locked<PriceBook>
    /// The background writer, when the ledger was opened with `WriterOptions`.
    let writer: BufferedWriter?
    /// `NanoDollars.readsStorage`, kept where the recording path reads already.
    let readsDecimals = NanoDollars.readsStorage
    /// The options the writer was made with.
    let writerOptions: WriterOptions?
    /// What is redacted from records before they are stored or spilled to the outbox; nil
    /// when nothing.
    let redactor: Redactor?
    /// Which fields are sealed, after redaction, before records are stored or spilled; nil
    /// when none.
    let encryption: FieldEncryption?
    /// Whether aggregates may be read from rollups (see `readsRollups`).
    let rollupReading = Locked(true)
    /// Whether the rollups were last seen complete, and when that was read.
    let rollupState = Locked<(sets: [String: Bool], readAt: ContinuousClock.Instant)?>(nil)

    init(url: DatabaseURL, driver: any DatabaseDriver, database: any DatabaseClient, prices: PriceBook,
         writer options: WriterOptions? = nil, outbox: Outbox? = nil, redaction: RedactionPolicy = .secrets,
         encryption: FieldEncryption? = nil) throws {
        self.url = url
        let redactor = redaction.isOff ? nil : try Redactor(policy: redaction)
        self.redactor = redactor
        self.encryption = encryption
        self.driver = driver
        self.database = database
        self.migrations = MigrationRunner(client: database, migrations: try Migration.parse(driver.bundledMigrations))
        let pricing = Locked(prices)
        self.pricing = pricing
        self.writerOptions = options
        // The buffer holds records as callers gave them: the writer redacts and seals them
        // on its side, off `record`'s path.
        var protect: BufferedWriter.Protect?
        if redactor != nil || encryption != nil {
            protect = { (record: PendingRecord) throws -> PendingRecord in
                let redacted = redactor?.redacted(record) ?? record
                return try encryption?.sealed(redacted) ?? redacted
            }
        }
        self.writer = options.map { [protect] options in
            BufferedWriter(options: options, outbox: outbox, protect: protect,
                           prepare: { [packsCalls = database.dialect is any RowPacking] records in
                               RowBatch(records, prices: pricing.withLock { $0 }, packsCalls: packsCalls)
                           },
                           insert: { rows in try await rows.insert(into: database) })
        }
    }

    /// Opens the database at `url` with the driver registered for its scheme.
    ///
    /// Calls recorded without a cost are priced from `prices` (the bundled book by default)
    /// and from prices stored in the database. With `writer` options, `record` hands records
    /// to a background writer and returns at once (see `WriterOptions`); without, it
    /// returns once they are committed. Every record is redacted by `redaction` before it
    /// is stored or spilled to the outbox (by default, credentials: see
    /// `RedactionPolicy.secrets`); with `encryption`, its fields are then sealed, and read
    /// back opened (see `FieldEncryption`). A buffered writer does both as it takes records
    /// from its buffer, off `record`'s path.
    /// A `read_url` query parameter (a percent-encoded URL of the same kind) sends queries,
    /// reports and dashboards to that database, a read replica, while writes and the reads
    /// that must see them (key checks, rebuilds, retention) stay on `url`'s.
    /// Throws `LedgerError.Kind.invalidURL` for a malformed URL, `.unsupportedScheme` when
    /// no driver handles it, `.invalidConfiguration` for unworkable writer options or
    /// redaction policy, and the driver's connection errors. No message shows the password.
    public static func open(url: String, drivers: [any DatabaseDriver] = DatabaseDrivers.all,
                            prices: PriceBook = .bundled, writer: WriterOptions? = nil,
                            redaction: RedactionPolicy = .secrets, encryption: FieldEncryption? = nil) async throws -> Ledger {
        var parsed = try DatabaseURL(url)
        let driver = try DatabaseDrivers.driver(for: parsed, among: drivers)
        var replicaURL: DatabaseURL?
        if let text = parsed.query("read_url") {
            parsed = parsed.removingQuery("read_url")
            let replica = try DatabaseURL(text)
            guard try DatabaseDrivers.driver(for: replica, among: drivers).name == driver.name else {
                throw LedgerError(.invalidURL, "read_url '\(replica)' must be a database of the same kind as '\(parsed)'")
            }
            replicaURL = replica
        }
        try writer?.validate()
        try redaction.validate()
        try encryption?.validate()
        var outbox: Outbox?
        if let outboxURL = writer?.outboxURL { outbox = try await Outbox.open(url: outboxURL, drivers: drivers) }
        var database: any DatabaseClient
        do {
            database = try await driver.connect(to: parsed)
        } catch {
            await outbox?.close()
            throw error
        }
        if let replicaURL {
            do {
                database = ReplicatedDatabaseClient(primary: database, replica: try await driver.connect(to: replicaURL))
            } catch {
                await database.close()
                await outbox?.close()
                throw error
            }
        }
        let ledger: Ledger
        do {
            ledger = try Ledger(url: parsed, driver: driver, database: database, prices: prices, writer: writer, outbox: outbox,
                                redaction: redaction, encryption: encryption)
        } catch {
            await outbox?.close()
            await database.close()
            throw error
        }
        do {
            try await ledger.loadStoredPrices()
        } catch let error as LedgerError where error.kind == .undefinedTable {
            // Not migrated yet: there is no price table to read; migrate() reads it.
        } catch {
            // Anything else (no permission, a price that no longer parses) is the caller's to
            // see: pricing from the bundled book alone would bill calls silently wrong.
            await ledger.close()
            throw error
        }
        return ledger
    }

    /// Applies every pending bundled migration, then reads the prices stored in the
    /// database; returns the migrations applied.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        let applied = try await migrations.up()
        try await loadStoredPrices()
        return applied
    }

    /// The runner for the opt-in compatibility set `name` (for example `whatsapp`), which
    /// records its history in its own table, `ailedger_compat_<name>_migrations`.
    ///
    /// Throws `LedgerError.Kind.migrationInvalid` when the driver has no such set.
    public func compatibilityMigrations(_ name: String) throws -> MigrationRunner {
        let sets = driver.compatibilityMigrations
        guard let files = sets[name] else {
            let known = sets.keys.sorted()
            throw LedgerError(.migrationInvalid,
                "the \(driver.name) driver has no compatibility set '\(name)'"
                + (known.isEmpty ? "" : "; available: \(known.joined(separator: ", "))"))
        }
        return MigrationRunner(client: database, migrations: try Migration.parse(files),
                               table: "ailedger_compat_\(name)_migrations")
    }

    /// Writes what a buffered ledger still holds, then closes the writer, the outbox and
    /// the connection pool. The ledger cannot be used afterwards. Call it before letting a
    /// ledger go: a buffered ledger's writer keeps a thread of its own until then.
    ///
    /// With the database away and no outbox, the writer tries until `timeout` has passed
    /// (default `WriterOptions.drainTimeout`), then gives up what is left: the result says
    /// how many records, and `WriterStatistics.abandoned` counts them.
    @discardableResult
    public func close(timeout: Duration? = nil) async -> DrainResult {
        var result = DrainResult(unwritten: 0)
        if let writer { result = await writer.close(timeout: timeout ?? writerOptions?.drainTimeout ?? .seconds(30)) }
        await database.close()
        return result
    }

    var dialect: any SQLDialect { database.dialect }

    /// Runs a built query on a reader connection: the read replica's by default, the
    /// primary's with `access` `.read` for reads that must see every committed write.
    ///
    /// Throws `LedgerError.Kind.invalidValue` when it searches the text of a field that is
    /// encrypted at rest: the database holds only ciphertext there.
    func rows(_ query: SQLBuilder, access: DatabaseAccess = .replica) async throws -> [SQLRow] {
        if let encryption, let column = query.searchedColumns.sorted().first(where: { name in
            encryption.fields.contains { $0.column == name }
        }) {
            throw LedgerError(.invalidValue, "text: \(column) is encrypted at rest, so the database cannot search it; filter by other fields")
        }
        return try await database.withConnection(access) { connection in
            try await connection.query(query.sql, query.parameters)
        }
    }

    /// Runs a built query that returns exactly one row (an aggregate) and reads it.
    func firstRow(_ query: SQLBuilder, access: DatabaseAccess = .replica) async throws -> RowReader {
        guard let row = try await rows(query, access: access).first else {
            throw LedgerError(.decodingFailed, "an aggregate query returned no row")
        }
        return RowReader(row)
    }
}
