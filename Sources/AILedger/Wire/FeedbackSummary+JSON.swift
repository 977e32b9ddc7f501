extension FeedbackSummary {
    /// The summary's JSON form: the prompt and version (`null` when none), counts of
    /// verdicts, the acceptance rate from 0 to 1 and the averages, `null` when unknown.
    public var json: JSONValue {
        ["prompt_id": promptID.map(JSONValue.string) ?? .null, "prompt_version": promptVersion.map(JSONValue.string) ?? .null,
         "interactions": .int(interactions), "accepted": .int(accepted), "rejected": .int(rejected), "modified": .int(modified),
         "acceptance_rate": acceptanceRate.map(JSONValue.double) ?? .null,
         "average_quality_score": averageQualityScore.map(JSONValue.double) ?? .null,
         "average_edit_distance": averageEditDistance.map(JSONValue.double) ?? .null]
    }
}
