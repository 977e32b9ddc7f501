/// How complete the inputs of a window of interactions were: seed 001's "data quality
/// issues".
public struct DataQualityReport: Sendable, Hashable {
    /// Interactions in the window.
    public var interactions: Int64
    /// Interactions that reported at least one missing input variable.
    public var withMissingVariables: Int64
    /// Which variables went missing, how often, in which interaction types: most frequent
    /// first.
    public var missingVariables: [MissingVariableCount]

    /// The share of interactions with every input variable present, from 0 to 1; nil when
    /// there are none.
    public var completeness: Double? {
        interactions == 0 ? nil : Double(interactions - withMissingVariables) / Double(interactions)
    }
}
