import Foundation

/// Which fields of calls and interactions are encrypted at rest, and the cipher that
/// seals them.
///
/// Each value is sealed on its own, bound to its table, column and record id, and stored
/// as `enc:v1:<key id>:<base64>`: in a text column as is, in a JSON column as a JSON
/// string, in `metadata` as `{"encrypted": "enc:v1:…"}`. Reading with the key gives the
/// value back; without it, a marker (`[encrypted]`, or `{"encrypted": true, "key_id": …}`).
///
/// ```swift
/// let keyring = try AESGCMKeyring(json: keyFileText)     // AILedgerCrypto
/// let ledger = try await Ledger.open(url: url, encryption: FieldEncryption(cipher: keyring))
/// ```
public struct FieldEncryption: Sendable {
    /// The cipher that seals and opens values.
    public let cipher: any FieldCipher
    /// The fields sealed when records are stored.
    public var fields: Set<EncryptedField>

    /// Encryption of `fields` (all by default) with `cipher`.
    public init(cipher: any FieldCipher, fields: Set<EncryptedField> = Set(EncryptedField.allCases)) {
        self.cipher = cipher
        self.fields = fields
    }

    /// Throws `LedgerError.Kind.invalidConfiguration` when the cipher lacks its current key.
    public func validate() throws {
        guard SealedValue.isValidKeyID(cipher.currentKeyID), cipher.hasKey(cipher.currentKeyID) else {
            throw LedgerError(.invalidConfiguration, "the encryption keyring has no key '\(cipher.currentKeyID)' to seal new values with")
        }
    }

    /// The marker a text field reads as when its key is not at hand.
    public static let textMarker = "[encrypted]"

    /// The sealed value a JSON column's text holds, if it holds one.
    static func sealedJSON(_ json: String) -> SealedValue? {
        guard json.hasPrefix("\"enc:v1:"), case .string(let text)? = try? JSONValue(jsonText: json) else { return nil }
        return SealedValue(text)
    }

    /// The sealed value a `metadata` column's text holds, if it holds one.
    static func sealedObject(_ json: String) -> SealedValue? {
        guard json.contains("enc:v1:"), case .object(let object)? = try? JSONValue(jsonText: json), object.count == 1,
              case .string(let text)? = object["encrypted"] else { return nil }
        return SealedValue(text)
    }
}
