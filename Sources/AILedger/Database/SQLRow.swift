/// One row of a result, its values in the order of the statement's columns.
public struct SQLRow: Sendable, Hashable {
    /// The column values, in select-list order.
    public var values: [SQLValue]

    /// Wraps column values.
    public init(_ values: [SQLValue]) { self.values = values }

    /// The value of column `index`.
    public subscript(index: Int) -> SQLValue { values[index] }
}
