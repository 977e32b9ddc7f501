/// The sums one hourly prompt rollup row holds: the interactions of its key (outcomes,
/// processing time, feedback, quality, missing variables) and, apart, the calls they made.
package struct PromptRollup: Sendable {
    package var interactions: Int64 = 0
    package var timed: Int64 = 0
    package var latencySumMs: Double = 0
    package var histogram = LatencyHistogram()
    package var withMissingVariables: Int64 = 0
    package var accepted: Int64 = 0
    package var rejected: Int64 = 0
    package var modified: Int64 = 0
    package var scored: Int64 = 0
    package var scoreSum: Int64 = 0
    package var edited: Int64 = 0
    package var editSum: Int64 = 0
    /// The calls of these interactions (in the row's hour), summed as calls are.
    var calls = UsageAccumulator()

    package init() {}

    /// Counts one stored interaction.
    mutating func add(_ interaction: Interaction) {
        interactions += 1
        if let latency = interaction.latencyMs {
            timed += 1
            latencySumMs += latency
            histogram.add(latency)
        }
        if !(interaction.missingVariables ?? []).isEmpty { withMissingVariables += 1 }
        add(feedback: interaction.feedback, sign: 1)
    }

    /// Adds every sum of `other`.
    mutating func merge(_ other: PromptRollup) {
        interactions += other.interactions
        timed += other.timed
        latencySumMs += other.latencySumMs
        histogram.merge(other.histogram)
        withMissingVariables += other.withMissingVariables
        accepted += other.accepted
        rejected += other.rejected
        modified += other.modified
        scored += other.scored
        scoreSum += other.scoreSum
        edited += other.edited
        editSum += other.editSum
        calls.merge(other.calls)
    }

    /// Adds (`sign` 1) or takes away (-1) one interaction's feedback.
    mutating func add(feedback: Feedback?, sign: Int64) {
        guard let feedback else { return }
        switch feedback.rating {
        case .accepted: accepted += sign
        case .rejected: rejected += sign
        case .modified: modified += sign
        }
        if let score = feedback.qualityScore {
            scored += sign
            scoreSum += sign * Int64(score)
        }
        if let distance = feedback.editDistance {
            edited += sign
            editSum += sign * Int64(distance)
        }
    }
}
