extension DataQualityReport {
    /// The report's JSON form: counts of interactions, with missing variables, their
    /// completeness from 0 to 1 (`null` without interactions), and each missing variable.
    public var json: JSONValue {
        [
            "interactions": .int(interactions), "with_missing_variables": .int(withMissingVariables),
            "completeness": completeness.map(JSONValue.double) ?? .null,
            "missing_variables": .array(missingVariables.map { missing in
                ["variable": .string(missing.variable), "interaction_type": missing.interactionType.map(JSONValue.string) ?? .null,
                 "count": .int(missing.count)]
            }),
        ]
    }
}
