/// A dialect whose connections bind rows from values laid out ahead of time: the buffered
/// writer packs a batch's rows while the batch before it is written, so the connection's
/// thread only binds and steps them.
package protocol RowPacking: Sendable {
    /// `rows` laid out as this dialect's connections bind them.
    func packed(_ rows: [[SQLValue]]) -> any Sendable
}
