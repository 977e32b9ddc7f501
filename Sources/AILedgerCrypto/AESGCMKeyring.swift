import AILedger
import Crypto
import Foundation

/// AES-256-GCM under named 256-bit keys: the `FieldCipher` of `FieldEncryption`.
///
/// A value is sealed with a fresh 96-bit random nonce and a 128-bit tag
/// (`nonce ‖ ciphertext ‖ tag`), bound to its table, column and record id as associated
/// data. Keys come from a key file or an environment variable, never from the database:
///
/// ```json
/// {"current": "2026-12", "keys": {"2026-06": "<base64 of 32 bytes>", "2026-12": "<base64 of 32 bytes>"}}
/// ```
public struct AESGCMKeyring: FieldCipher {
    public let currentKeyID: String
    /// The keys' bytes (`SymmetricKey` is not `Sendable`; one is made per value).
    private let keys: [String: [UInt8]]

    /// A keyring of `keys` (32 bytes each), sealing with `current`.
    ///
    /// Throws `LedgerError.Kind.invalidConfiguration` when a key is not 32 bytes, a key id
    /// is not 1 to 64 letters, digits, `-`, `_` or `.`, or `current` is not among them. No
    /// message shows a key.
    public init(keys: [String: [UInt8]], current: String) throws {
        for (id, key) in keys {
            guard SealedValue.isValidKeyID(id) else {
                throw LedgerError(.invalidConfiguration, "encryption key ids are 1 to 64 letters, digits, '-', '_' or '.'")
            }
            guard key.count == 32 else {
                throw LedgerError(.invalidConfiguration, "encryption key '\(id)' must be 32 bytes (AES-256), not \(key.count)")
            }
        }
        guard keys[current] != nil else {
            throw LedgerError(.invalidConfiguration, "the encryption keyring's current key '\(current)' is not among its keys")
        }
        self.keys = keys
        currentKeyID = current
    }

    /// Reads a keyring from its JSON form (above); throws `LedgerError.Kind.invalidConfiguration`
    /// naming the field at fault.
    public init(json text: String) throws {
        guard case .object(let object)? = try? JSONValue(jsonText: text) else {
            throw LedgerError(.invalidConfiguration, "the encryption keyring must be a JSON object with \"current\" and \"keys\"")
        }
        guard case .string(let current)? = object["current"] else {
            throw LedgerError(.invalidConfiguration, "the encryption keyring's \"current\" must name the key to seal with")
        }
        guard case .object(let entries)? = object["keys"], !entries.isEmpty else {
            throw LedgerError(.invalidConfiguration, "the encryption keyring's \"keys\" must map key ids to base64 keys")
        }
        var keys: [String: [UInt8]] = [:]
        for (id, value) in entries {
            guard case .string(let encoded) = value, let bytes = Data(base64Encoded: encoded) else {
                throw LedgerError(.invalidConfiguration, "encryption key '\(id)' must be base64")
            }
            keys[id] = [UInt8](bytes)
        }
        try self.init(keys: keys, current: current)
    }

    /// The keyring in the file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LedgerError(.invalidConfiguration, "cannot read the encryption key file \(path)")
        }
        try self.init(json: String(decoding: data, as: UTF8.self))
    }

    /// A new random 256-bit key, base64-encoded, for a key file.
    public static func newKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public func hasKey(_ id: String) -> Bool { keys[id] != nil }

    public func seal(_ plaintext: [UInt8], keyID: String, associatedData: [UInt8]) throws -> [UInt8] {
        guard let key = keys[keyID] else { throw LedgerError(.invalidConfiguration, "the encryption keyring has no key '\(keyID)'") }
        let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key), authenticating: associatedData)
        guard let combined = box.combined else { throw LedgerError(.invalidConfiguration, "AES-GCM gave no combined box") }
        return [UInt8](combined)
    }

    public func open(_ ciphertext: [UInt8], keyID: String, associatedData: [UInt8]) throws -> [UInt8] {
        guard let key = keys[keyID] else { throw LedgerError(.invalidConfiguration, "the encryption keyring has no key '\(keyID)'") }
        let box = try AES.GCM.SealedBox(combined: ciphertext)
        return [UInt8](try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: associatedData))
    }
}
