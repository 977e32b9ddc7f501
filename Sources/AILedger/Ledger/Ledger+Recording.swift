import Foundation

extension Ledger {
    /// Records one call. Recording a call whose id is already stored changes nothing.
    public func record(_ call: consuming Call) async throws {
        guard let writer else { return try await record(RecordBatch(calls: [call])) }
        try counting(writer) { try call.validate(readingDecimals: readsDecimals) }
        try await hand(.call(call), to: writer)
    }

    /// Records an interaction and the calls it made, in one transaction.
    ///
    /// Calls that name no interaction, conversation or user inherit the interaction's.
    public func record(_ interaction: Interaction, calls: [Call] = []) async throws {
        try await record(RecordBatch(interactions: [interaction], calls: calls.map { $0.inheriting(from: interaction) }))
    }

    /// Records one conversation.
    public func record(_ conversation: consuming Conversation) async throws {
        guard let writer else { return try await record(RecordBatch(conversations: [conversation])) }
        try counting(writer) { try conversation.validate() }
        try await hand(.conversation(conversation), to: writer)
    }

    /// Runs `validate`, counting the record as rejected by `writer` when it throws.
    @inline(__always)
    private func counting(_ writer: BufferedWriter, _ validate: () throws -> Void) throws {
        do {
            try validate()
        } catch {
            writer.countRejected(1)
            throw error
        }
    }

    /// Hands one valid record to the buffered writer, without suspending while the buffer
    /// has room: the path nearly every record takes. The writer redacts and seals it before
    /// it is stored or spilled, off this path. The record is moved, not copied, into the
    /// buffer: a caller passing a call it built hands it over without retaining its fields.
    @inline(__always)
    private func hand(_ record: consuming PendingRecord, to writer: BufferedWriter) async throws {
        if writer.offer(record) { return }
        try await writer.enqueue(record)
    }

    /// Records a batch in one transaction through the driver's bulk path; with a buffered
    /// writer, hands it to the writer's buffer and returns (see `flush()`).
    ///
    /// Every record is validated first, as given (before redaction): if one is invalid,
    /// nothing is recorded and the error names the field. Calls without a cost are priced
    /// from the price book (`computed`), or stored as `unpriced` when no price matches.
    /// Records whose ids are already stored are skipped, so a batch replayed after an
    /// uncertain failure never duplicates a row. A call that names an interaction of the
    /// same batch takes its conversation and user where it names none.
    public func record(_ batch: RecordBatch) async throws {
        let batch = batch.inheritingWithinBatch()
        do {
            try batch.validate()
        } catch {
            writer?.countRejected(batch.conversations.count + batch.interactions.count + batch.calls.count)
            throw error
        }
        guard !batch.isEmpty else { return }
        // The writer redacts and seals each record before it is stored or spilled (once: a
        // pseudonym redacted twice would change).
        if let writer { return try await writer.enqueue(PendingRecord.from(batch)) }
        let redacted = redactor?.redacted(batch) ?? batch
        try await RowBatch(try encryption?.sealed(redacted) ?? redacted, prices: pricing.withLock { $0 }).insert(into: database)
    }

    /// Returns once every record recorded before the call is committed to the database (or
    /// saved to the outbox while the database is away, or rejected and reported), or once
    /// `timeout` has passed (default `WriterOptions.drainTimeout`), saying what was left.
    /// Returns at once for a ledger without a buffered writer.
    @discardableResult
    public func flush(timeout: Duration? = nil) async -> DrainResult {
        guard let writer else { return DrainResult(unwritten: 0) }
        return await writer.flush(timeout: timeout ?? writerOptions?.drainTimeout ?? .seconds(30))
    }

    /// What the buffered writer has done so far; nil without one.
    public var writerStatistics: WriterStatistics? { writer?.statistics }

    /// What redaction has replaced since the ledger opened; empty when nothing is redacted.
    /// With a buffered writer, records count once the writer takes them from its buffer.
    public var redactionStatistics: RedactionStatistics { redactor?.statistics ?? RedactionStatistics() }

    /// The redaction the ledger runs on every record.
    public var redactionPolicy: RedactionPolicy { redactor?.policy ?? .off }

    /// How many records the buffered writer holds at most; nil without one.
    public var writerCapacity: Int? { writer == nil ? nil : writerOptions?.capacity }

    /// Stores a user's verdict on an interaction, replacing any earlier one.
    ///
    /// Throws `LedgerError.Kind.notFound` when no interaction has that id.
    public func recordFeedback(_ feedback: Feedback, forInteraction id: UUID) async throws {
        var redacted = feedback
        if let comment = feedback.comment, let replaced = redactor?.redacted(comment) { redacted.comment = replaced }
        let feedback = redacted
        try feedback.validate()
        let dialect = self.dialect
        let table = dialect.quoteIdentifier(Interaction.table)
        var sql = SQLBuilder(dialect, "UPDATE \(table) SET ")
        let assignments = Interaction.feedbackAssignments(feedback).map { column, value in
            "\(dialect.quoteIdentifier(column)) = \(sql.bind(value))"
        }
        sql.append(assignments.joined(separator: ", "))
        sql.filter("id", "=", .uuid(id))
        sql.appendWhere()
        let statement = sql
        try await database.withConnection(.write) { connection in
            try await connection.transaction {
                // The verdict it replaces, locked, so the rollups move by exactly the change.
                let rows = try await connection.query(
                    "SELECT created_at, interaction_type, status, prompt_id, prompt_version, feedback, quality_score, edit_distance "
                    + "FROM \(table) WHERE id = \(dialect.placeholder(1))" + dialect.lockingReadSuffix, [.uuid(id)])
                guard let row = rows.first else { throw LedgerError(.notFound, "interaction_id: no interaction has this id") }
                var reader = RowReader(row)
                let key = PromptRollupKey(hour: CallRollupKey.hour(of: try reader.microseconds()), interactionType: try reader.optionalString(),
                                          status: try reader.optionalString(), promptID: try reader.optionalString(),
                                          promptVersion: try reader.optionalString())
                let rating = try reader.optionalEnum(FeedbackRating.self)
                let score = try reader.optionalInt(), distance = try reader.optionalInt()
                let before = rating.map { Feedback(rating: $0, qualityScore: score, editDistance: distance) }
                try await connection.execute(statement.sql, statement.parameters)
                var rollups = RollupBatch()
                rollups.refeedback(key, from: before, to: feedback)
                try await rollups.write(on: connection)
            }
        }
    }

    /// Registers a model, or returns the one already registered with the same provider,
    /// name and version.
    @discardableResult
    public func register(_ model: AIModel) async throws -> AIModel {
        try model.validate()
        return try await database.withConnection(.write) { connection in
            try await connection.insert(into: AIModel.table, columns: AIModel.columns, rows: [model.rowValues],
                                        ignoringDuplicates: true)
            var sql = SQLBuilder(connection.dialect, "SELECT \(AIModel.columns.joined(separator: ", ")) FROM \(AIModel.table)")
            sql.filter("provider", "=", .text(model.provider))
            sql.filter("name", "=", .text(model.name))
            sql.filter("version", "=", .text(model.version))
            sql.appendWhere()
            guard let row = try await connection.query(sql.sql, sql.parameters).first else {
                throw LedgerError(.notFound, "model \(model.name) was not stored")
            }
            return try AIModel(row: row)
        }
    }
}
