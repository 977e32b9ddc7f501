/// A dialect whose connections bind rows from `PackedRows`: the buffered writer packs a
/// batch's calls while the batch before it is written, so the connection's thread only
/// binds and steps them.
package protocol RowPacking: Sendable {}
