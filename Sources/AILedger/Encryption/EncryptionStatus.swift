/// How the values of the encryptable fields are stored, counted by `Ledger.encryptionStatus`.
public struct EncryptionStatus: Sendable, Hashable {
    /// Sealed values per key id, then per table.
    public var sealed: [String: [String: Int]] = [:]
    /// Values stored in clear per table (NULLs and empty metadata not counted).
    public var plaintext: [String: Int] = [:]
    /// Rows read.
    public var rows = 0

    /// Sealed values under `keyID`, in every table: 0 means the key can be retired.
    public func values(sealedWith keyID: String) -> Int { sealed[keyID]?.values.reduce(0, +) ?? 0 }
}
