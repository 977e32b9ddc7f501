/// Authenticated encryption of single field values under named keys: what `FieldEncryption`
/// needs from a crypto library. `AILedgerCrypto`'s `AESGCMKeyring` is the implementation
/// AILedger ships (AES-256-GCM, swift-crypto); the core links no crypto library.
public protocol FieldCipher: Sendable {
    /// The id of the key new values are sealed with.
    var currentKeyID: String { get }
    /// Whether the cipher holds the key `id`.
    func hasKey(_ id: String) -> Bool
    /// `plaintext` sealed under the key `keyID`, bound to `associatedData` (which opening
    /// must present again).
    func seal(_ plaintext: [UInt8], keyID: String, associatedData: [UInt8]) throws -> [UInt8]
    /// The plaintext of `ciphertext` sealed under `keyID` with `associatedData`; throws when
    /// it was changed or moved, or bound to other data.
    func open(_ ciphertext: [UInt8], keyID: String, associatedData: [UInt8]) throws -> [UInt8]
}
