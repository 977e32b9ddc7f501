import AILedger
import AILedgerCrypto
import ArgumentParser
import Foundation

/// Where the CLI finds the encryption keyring: the configuration file's `encryption`
/// object, else `AILEDGER_ENCRYPTION_KEY_FILE` (a key file's path), else
/// `AILEDGER_ENCRYPTION_KEYS` (the keyring's JSON itself). Keys never come from the
/// database or the command line.
enum EncryptionSettings {
    /// The encryption the settings give; nil without a keyring.
    static func encryption(configuration: [String: JSONValue] = [:],
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FieldEncryption? {
        var fields = Set(EncryptedField.allCases)
        var keyring: AESGCMKeyring?
        if let settings = configuration["encryption"] {
            guard case .object(let object) = settings else { throw ValidationError("encryption must be an object") }
            let known: Set<String> = ["key_file", "keys_env", "fields"]
            if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
                throw ValidationError("encryption.\(unknown) is not an encryption setting; known: key_file, keys_env, fields")
            }
            if case .array(let names)? = object["fields"] {
                fields = Set(try names.enumerated().map { index, name in
                    guard case .string(let text) = name, let field = EncryptedField(rawValue: text) else {
                        throw ValidationError("encryption.fields[\(index)] is not a field; known: "
                                              + EncryptedField.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    return field
                })
            }
            if case .string(let path)? = object["key_file"] {
                keyring = try AESGCMKeyring(contentsOf: path)
            } else if case .string(let variable)? = object["keys_env"] {
                guard let json = environment[variable], !json.isEmpty else {
                    throw CommandFailure("encryption.keys_env names \(variable), which is not set")
                }
                keyring = try AESGCMKeyring(json: json)
            } else {
                throw ValidationError("encryption needs key_file or keys_env")
            }
        } else if let path = environment["AILEDGER_ENCRYPTION_KEY_FILE"], !path.isEmpty {
            keyring = try AESGCMKeyring(contentsOf: path)
        } else if let json = environment["AILEDGER_ENCRYPTION_KEYS"], !json.isEmpty {
            keyring = try AESGCMKeyring(json: json)
        }
        return keyring.map { FieldEncryption(cipher: $0, fields: fields) }
    }
}
