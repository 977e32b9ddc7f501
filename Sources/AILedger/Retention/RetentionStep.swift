/// One pass of a retention run: the rows of one table that go, chosen by a predicate on
/// the alias `x`. Steps run children before parents, so no delete cascades to rows the
/// run has not archived.
package enum RetentionStep: CaseIterable, Sendable {
    case calls, callsOfOldInteractions, oldInteractions, emptiedConversations
    case callsOfOldConversations, interactionsOfOldConversations, oldConversations

    /// The steps a run of `kind` takes, in order.
    static func steps(for kind: RetentionKind) -> [RetentionStep] {
        switch kind {
        case .calls: [.calls]
        case .interactions: [.callsOfOldInteractions, .oldInteractions, .emptiedConversations]
        case .conversations: [.callsOfOldConversations, .interactionsOfOldConversations, .oldConversations]
        case .all: [.calls, .callsOfOldInteractions, .oldInteractions, .emptiedConversations,
                    .callsOfOldConversations, .interactionsOfOldConversations, .oldConversations]
        }
    }

    /// The table the step deletes from.
    var table: String {
        switch self {
        case .calls, .callsOfOldInteractions, .callsOfOldConversations: Call.table
        case .oldInteractions, .interactionsOfOldConversations: Interaction.table
        case .emptiedConversations, .oldConversations: Conversation.table
        }
    }

    /// Which rows of `table` (as `x`) go, for the cutoff `sql` binds.
    func predicate(_ sql: inout SQLBuilder, cutoff: SQLValue) -> String {
        let interactions = sql.dialect.quoteIdentifier(Interaction.table)
        let conversations = sql.dialect.quoteIdentifier(Conversation.table)
        let old = Self.oldConversation
        switch self {
        case .calls:
            return "x.created_at < \(sql.bind(cutoff))"
        case .callsOfOldInteractions:
            return "x.interaction_id IN (SELECT i.id FROM \(interactions) i WHERE \(Self.oldInteraction("i", &sql, cutoff)))"
        case .oldInteractions:
            return Self.oldInteraction("x", &sql, cutoff) + " AND " + childless(of: "x", &sql)
        case .emptiedConversations:
            return "x.created_at < \(sql.bind(cutoff)) AND " + childless(of: "x", &sql)
        case .callsOfOldConversations:
            return "(x.conversation_id IN (SELECT v.id FROM \(conversations) v WHERE \(old("v", &sql, cutoff)))"
                + " OR x.interaction_id IN (SELECT i.id FROM \(interactions) i WHERE i.conversation_id IN"
                + " (SELECT v.id FROM \(conversations) v WHERE \(old("v", &sql, cutoff)))))"
        case .interactionsOfOldConversations:
            return "x.conversation_id IN (SELECT v.id FROM \(conversations) v WHERE \(old("v", &sql, cutoff))) AND " + childless(of: "x", &sql)
        case .oldConversations:
            return old("x", &sql, cutoff) + " AND " + childless(of: "x", &sql)
        }
    }

    /// An interaction `i` made before the cutoff with no call at or after it: retention
    /// never removes a record made at or after the cutoff, so the rollups and the raw rows
    /// still agree from the cutoff on.
    static func oldInteraction(_ i: String, _ sql: inout SQLBuilder, _ cutoff: SQLValue) -> String {
        "\(i).created_at < \(sql.bind(cutoff)) AND NOT EXISTS (SELECT 1 FROM \(sql.dialect.quoteIdentifier(Call.table)) k1"
            + " WHERE k1.interaction_id = \(i).id AND k1.created_at >= \(sql.bind(cutoff)))"
    }

    /// A conversation `v` made before the cutoff with nothing at or after it: no
    /// interaction, no call of it or of its interactions.
    static func oldConversation(_ v: String, _ sql: inout SQLBuilder, _ cutoff: SQLValue) -> String {
        let calls = sql.dialect.quoteIdentifier(Call.table), interactions = sql.dialect.quoteIdentifier(Interaction.table)
        return "\(v).created_at < \(sql.bind(cutoff))"
            + " AND NOT EXISTS (SELECT 1 FROM \(interactions) i2 WHERE i2.conversation_id = \(v).id AND i2.created_at >= \(sql.bind(cutoff)))"
            + " AND NOT EXISTS (SELECT 1 FROM \(calls) k2 WHERE k2.conversation_id = \(v).id AND k2.created_at >= \(sql.bind(cutoff)))"
            + " AND NOT EXISTS (SELECT 1 FROM \(calls) k3 JOIN \(interactions) i3 ON k3.interaction_id = i3.id"
            + " WHERE i3.conversation_id = \(v).id AND k3.created_at >= \(sql.bind(cutoff)))"
    }

    /// That the row `row` (an alias, or the quoted table) has no child left that a delete would cascade to: no call of an
    /// interaction; no interaction or call of a conversation. Deletes check it again, so a
    /// child recorded meanwhile keeps its parent until the next run.
    func childless(of row: String, _ sql: inout SQLBuilder) -> String {
        let calls = sql.dialect.quoteIdentifier(Call.table), interactions = sql.dialect.quoteIdentifier(Interaction.table)
        switch table {
        case Interaction.table:
            return "NOT EXISTS (SELECT 1 FROM \(calls) k WHERE k.interaction_id = \(row).id)"
        case Conversation.table:
            return "NOT EXISTS (SELECT 1 FROM \(interactions) i WHERE i.conversation_id = \(row).id)"
                + " AND NOT EXISTS (SELECT 1 FROM \(calls) k WHERE k.conversation_id = \(row).id)"
        default:
            return "1 = 1"
        }
    }

    /// The rows of `table` (as `x`) a run of `kind` would remove, for a dry run: children
    /// are all still there, so parents are chosen by their age and what stays, not by
    /// childlessness. Nil when the run removes nothing from `table`.
    static func dryRunPredicate(_ table: String, kind: RetentionKind, _ sql: inout SQLBuilder, cutoff: SQLValue) -> String? {
        let steps = steps(for: kind).filter { $0.table == table }
        guard !steps.isEmpty else { return nil }
        let calls = sql.dialect.quoteIdentifier(Call.table), interactions = sql.dialect.quoteIdentifier(Interaction.table)
        var predicates: [String] = []
        for step in steps {
            switch step {
            case .calls, .callsOfOldInteractions, .callsOfOldConversations, .oldConversations:
                var predicate = step.predicate(&sql, cutoff: cutoff)
                if step == .oldConversations, let range = predicate.range(of: " AND NOT EXISTS (SELECT 1 FROM \(interactions) i WHERE i.conversation_id = x.id)") {
                    predicate = String(predicate[..<range.lowerBound])  // its children go with it
                }
                predicates.append(predicate)
            case .oldInteractions:
                predicates.append(oldInteraction("x", &sql, cutoff))
            case .interactionsOfOldConversations:
                predicates.append(RetentionStep.callsOfOldConversations.predicate(&sql, cutoff: cutoff)
                    .replacingOccurrences(of: "x.interaction_id IN", with: "x.id IN"))
            case .emptiedConversations:
                // Old, every interaction in it going, and no call that stays (one of no
                // interaction or of an interaction that stays, unless old calls go too).
                let stays = kind == .all ? "k.created_at >= \(sql.bind(cutoff)) AND " : ""
                predicates.append("x.created_at < \(sql.bind(cutoff))"
                    + " AND NOT EXISTS (SELECT 1 FROM \(interactions) i WHERE i.conversation_id = x.id AND NOT (\(oldInteraction("i", &sql, cutoff))))"
                    + " AND NOT EXISTS (SELECT 1 FROM \(calls) k WHERE k.conversation_id = x.id AND \(stays)(k.interaction_id IS NULL"
                    + " OR k.interaction_id NOT IN (SELECT i5.id FROM \(interactions) i5 WHERE \(oldInteraction("i5", &sql, cutoff)))))")
            }
        }
        return predicates.map { "(\($0))" }.joined(separator: " OR ")
    }
}
