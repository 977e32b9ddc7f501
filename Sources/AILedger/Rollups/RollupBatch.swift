import Foundation

/// The sums a set of records adds to the rollups (hourly per call values, daily per user
/// and per persona, device and contact, hourly per interaction and prompt values and per
/// missing variable), written in the transaction that stores the records (or changes their
/// costs or feedback).
package struct RollupBatch: Sendable {
    package static let callTable = "ailedger_call_rollups"
    package static let userTable = "ailedger_user_rollups"
    package static let promptTable = "ailedger_prompt_rollups"
    package static let userDayTable = "ailedger_user_days"
    package static let conversationDayTable = "ailedger_conversation_days"
    package static let partyTable = "ailedger_party_rollups"
    package static let variableTable = "ailedger_variable_rollups"
    /// Every rollup table, with the column holding each row's hour or day.
    package static let tables = [(callTable, "hour"), (userTable, "day"), (promptTable, "hour"), (userDayTable, "day"),
                                 (conversationDayTable, "day"), (partyTable, "day"), (variableTable, "hour")]
    /// A stored histogram is read and rewritten in its compact form once its text, to which
    /// each batch appends its own, grows past this many bytes.
    static let compactionThreshold = 8_192

    package private(set) var calls: [CallRollupKey: CallRollup] = [:]
    private(set) var users: [UserRollupKey: UsageAccumulator] = [:]
    private(set) var prompts: [PromptRollupKey: PromptRollup] = [:]
    private(set) var parties: [PartyRollupKey: UsageAccumulator] = [:]
    /// Interactions per missing variable.
    private(set) var variables: [VariableRollupKey: Int64] = [:]
    /// The users and conversations that had interactions, per day.
    private(set) var userDays: Set<UserRollupKey> = []
    private(set) var conversationDays: Set<ConversationDayKey> = []

    package init() {}

    /// The sums of `interactions` and of `calls`, each call with its stored cost in
    /// nano-dollars (nil: unpriced) and counted under the values of its interaction, found
    /// in `interactionKeys` by id, and the persona, device and contact of its interaction
    /// or conversation, found in `interactionParties` and `conversationParties`.
    init(calls: some Sequence<(Call, Int64?)>, interactions: some Sequence<Interaction>,
         interactionKeys: [UUID: PromptRollupKey], interactionParties: [UUID: PartyValues],
         conversationParties: [UUID: PartyValues]) {
        for interaction in interactions { add(interaction) }
        for (call, cost) in calls {
            add(call, costNanoUSD: cost, interaction: call.interactionID.flatMap { interactionKeys[$0] },
                parties: PartyValues.of(call, interactions: interactionParties, conversations: conversationParties))
        }
    }

    /// Counts one stored interaction.
    mutating func add(_ interaction: Interaction) {
        prompts[PromptRollupKey(interaction), default: PromptRollup()].add(interaction)
        let day = UserRollupKey.day(of: Timestamp.microseconds(interaction.createdAt))
        if let user = interaction.userID { userDays.insert(UserRollupKey(day: day, userID: user)) }
        if let conversation = interaction.conversationID {
            conversationDays.insert(ConversationDayKey(day: day, conversationID: conversation))
        }
        // Each name as often as it is listed, as the raw rows count them.
        for variable in interaction.missingVariables ?? [] { variables[VariableRollupKey(variable, of: interaction), default: 0] += 1 }
    }

    /// Counts one stored call, under the values of its interaction (`interaction`, in any
    /// hour), or of none, and under its persona, device and contact (`parties`).
    mutating func add(_ call: Call, costNanoUSD cost: Int64?, interaction: PromptRollupKey?, parties values: PartyValues) {
        calls[CallRollupKey(call), default: CallRollup()].add(call, costNanoUSD: cost)
        users[UserRollupKey(call), default: UsageAccumulator()].add(call, costNanoUSD: cost)
        let key = interaction?.moved(to: call) ?? PromptRollupKey.noInteraction(call)
        prompts[key, default: PromptRollup()].calls.add(call, costNanoUSD: cost)
        let day = UserRollupKey.day(of: Timestamp.microseconds(call.createdAt))
        for (dimension, value) in values.keyed {
            parties[PartyRollupKey(day: day, dimension: dimension, value: value), default: UsageAccumulator()].add(call, costNanoUSD: cost)
        }
    }

    /// Moves the feedback sums of an interaction's row from `before` to `after`.
    mutating func refeedback(_ key: PromptRollupKey, from before: Feedback?, to after: Feedback?) {
        prompts[key, default: PromptRollup()].add(feedback: before, sign: -1)
        prompts[key, default: PromptRollup()].add(feedback: after, sign: 1)
    }

    /// Moves the cost sums of `original`'s rows by a change of its cost from `before` to
    /// `after` (nil: unpriced); `interaction` holds the values of its interaction, if any,
    /// and `values` its persona, device and contact.
    mutating func reprice(_ original: Call, interaction: PromptRollupKey?, parties values: PartyValues,
                          from before: Int64?, to after: Int64?) {
        let cost = (after ?? 0) - (before ?? 0), unpriced: Int64 = (after == nil ? 1 : 0) - (before == nil ? 1 : 0)
        guard cost != 0 || unpriced != 0 else { return }
        var row = calls[CallRollupKey(original), default: CallRollup()]
        row.costNanoUSD.add(cost, overflow: &row.overflowed)
        row.unpriced += unpriced
        calls[CallRollupKey(original)] = row
        var user = users[UserRollupKey(original), default: UsageAccumulator()]
        user.costNanoUSD.add(cost, overflow: &user.overflowed)
        user.unpriced += unpriced
        users[UserRollupKey(original)] = user
        let key = interaction?.moved(to: original) ?? PromptRollupKey.noInteraction(original)
        var prompt = prompts[key, default: PromptRollup()]
        prompt.calls.costNanoUSD.add(cost, overflow: &prompt.calls.overflowed)
        prompt.calls.unpriced += unpriced
        prompts[key] = prompt
        let day = UserRollupKey.day(of: Timestamp.microseconds(original.createdAt))
        for (dimension, value) in values.keyed {
            let key = PartyRollupKey(day: day, dimension: dimension, value: value)
            var party = parties[key, default: UsageAccumulator()]
            party.costNanoUSD.add(cost, overflow: &party.overflowed)
            party.unpriced += unpriced
            parties[key] = party
        }
    }

    static let tokenColumns = ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens"]

    /// Adds the sums to their rows on `connection`, inside its open transaction.
    func write(on connection: any DatabaseConnection) async throws {
        try await writes.write(on: connection)
    }

    /// The rows the sums add to each rollup table, ready to write: each key hashed once (a
    /// SHA-256) and the rows in primary-key order, so concurrent writers lock them in the
    /// same order.
    var writes: RollupWrites {
        let overflowed = calls.values.contains(where: \.overflowed) || users.values.contains(where: \.overflowed)
            || prompts.values.contains(where: \.calls.overflowed) || parties.values.contains(where: \.overflowed)
        let callKeys = Self.ordered(calls.keys, time: \.hour, hash: \.hash)
        let callRows: [[SQLValue]] = callKeys.map { key, hash in
            let sum = calls[key]!
            return [.timestamp(key.hour), .text(hash), .text(key.model), .optional(key.provider, SQLValue.text),
                    .optional(key.callType, SQLValue.text), .text(key.status), .integer(sum.calls)]
                + Self.tokens(sum.inputTokens, sum.outputTokens, sum.cacheReadTokens, sum.cacheWriteTokens, sum.reasoningTokens)
                + [.integer(sum.costNanoUSD), .integer(sum.unpriced), .integer(sum.timed), .double(sum.latencySumMs),
                   .text(sum.histogram.text)]
        }
        let userRows: [[SQLValue]] = Self.ordered(users.keys, time: \.day, hash: \.hash).map { key, hash in
            let sum = users[key]!
            return [.timestamp(key.day), .text(hash), .optional(key.userID, SQLValue.text), .integer(sum.calls),
                    .integer(sum.successes), .integer(sum.errors), .integer(sum.partials)]
                + Self.tokens(sum.tokens.input, sum.tokens.output, sum.tokens.cacheRead, sum.tokens.cacheWrite, sum.tokens.reasoning)
                + [.integer(sum.costNanoUSD), .integer(sum.unpriced), .integer(sum.timed), .double(sum.latencySumMs)]
        }
        let partyRows: [[SQLValue]] = Self.ordered(parties.keys, time: \.day, hash: \.hash).map { key, hash in
            let sum = parties[key]!
            return [.timestamp(key.day), .text(hash), .text(key.dimension.rawValue), .optional(key.value, SQLValue.text),
                    .integer(sum.calls), .integer(sum.successes), .integer(sum.errors), .integer(sum.partials)]
                + Self.tokens(sum.tokens.input, sum.tokens.output, sum.tokens.cacheRead, sum.tokens.cacheWrite, sum.tokens.reasoning)
                + [.integer(sum.costNanoUSD), .integer(sum.unpriced), .integer(sum.timed), .double(sum.latencySumMs)]
        }
        let variableRows: [[SQLValue]] = Self.ordered(variables.keys, time: \.hour, hash: \.hash).map { key, hash in
            [.timestamp(key.hour), .text(hash), .text(key.variable), .optional(key.interactionType, SQLValue.text), .text(key.status),
             .optional(key.promptID, SQLValue.text), .optional(key.promptVersion, SQLValue.text), .integer(variables[key]!)]
        }
        let promptKeys = Self.ordered(prompts.keys, time: \.hour, hash: \.hash)
        let promptRows: [[SQLValue]] = promptKeys.map { key, hash in
            let sum = prompts[key]!, calls = sum.calls
            return [.timestamp(key.hour), .text(hash), .optional(key.interactionType, SQLValue.text),
                    .optional(key.status, SQLValue.text), .optional(key.promptID, SQLValue.text),
                    .optional(key.promptVersion, SQLValue.text), .integer(sum.interactions), .integer(sum.timed),
                    .double(sum.latencySumMs), .integer(sum.withMissingVariables),
                    .integer(sum.accepted), .integer(sum.rejected), .integer(sum.modified), .integer(sum.scored),
                    .integer(sum.scoreSum), .integer(sum.edited), .integer(sum.editSum), .text(sum.histogram.text), .integer(calls.calls),
                    .integer(calls.successes), .integer(calls.errors), .integer(calls.partials)]
                + Self.tokens(calls.tokens.input, calls.tokens.output, calls.tokens.cacheRead, calls.tokens.cacheWrite,
                              calls.tokens.reasoning)
                + [.integer(calls.costNanoUSD), .integer(calls.unpriced), .integer(calls.timed), .double(calls.latencySumMs)]
        }
        let userDayRows: [[SQLValue]] = Self.ordered(userDays, time: \.day, hash: \.hash).map { key, hash in
            [.timestamp(key.day), .text(hash), .optional(key.userID, SQLValue.text)]
        }
        let conversationDayRows: [[SQLValue]] = conversationDays.sorted { a, b in
            a.day != b.day ? a.day < b.day : a.conversationID.uuidString < b.conversationID.uuidString
        }.map { [.timestamp($0.day), .uuid($0.conversationID)] }
        return RollupWrites(
            overflowed: overflowed, calls: callRows, users: userRows, parties: partyRows, variables: variableRows,
            prompts: promptRows, userDays: userDayRows, conversationDays: conversationDayRows,
            callHistograms: callKeys.filter { !calls[$0.0]!.histogram.isEmpty }.map { ($0.0.hour, $0.1) },
            promptHistograms: promptKeys.filter { !prompts[$0.0]!.histogram.isEmpty }.map { ($0.0.hour, $0.1) })
    }

    /// The interaction sums of the prompt rollups, in column order (the histogram after them).
    static let promptSums = ["interactions", "timed", "latency_sum_ms"]
        + ["with_missing_variables", "accepted", "rejected", "modified", "scored", "score_sum", "edited", "edit_sum"]
    /// The call sums of the prompt rollups: four before the tokens, four after.
    static let promptCallSums = ["calls", "call_successes", "call_errors", "call_partials", "cost_nano_usd", "unpriced",
                                 "call_timed", "call_latency_sum_ms"]

    /// `keys` with their hashes, in the primary key's order (time, then hash), the order
    /// every writer locks rows in.
    private static func ordered<Key>(_ keys: some Collection<Key>, time: (Key) -> Int64,
                                     hash: (Key) -> String) -> [(Key, String)] {
        keys.map { ($0, hash($0)) }.sorted { a, b in time(a.0) != time(b.0) ? time(a.0) < time(b.0) : a.1 < b.1 }
    }

    private static func tokens(_ values: Int64?...) -> [SQLValue] {
        values.map { .optional($0, SQLValue.integer) }
    }
}
