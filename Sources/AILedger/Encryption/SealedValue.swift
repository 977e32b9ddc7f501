import Foundation

/// A field value as stored encrypted: `enc:v1:<key id>:<base64 of the ciphertext>`.
package struct SealedValue: Sendable, Hashable {
    /// The prefix every sealed value starts with.
    package static let prefix = "enc:v1:"
    /// The key it was sealed under.
    package let keyID: String
    /// The ciphertext (nonce, encrypted bytes and tag, as the cipher lays them out).
    package let ciphertext: [UInt8]

    package init(keyID: String, ciphertext: [UInt8]) {
        self.keyID = keyID
        self.ciphertext = ciphertext
    }

    /// Reads `text`; nil when it is not a sealed value.
    package init?(_ text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        guard let colon = rest.firstIndex(of: ":"), colon > rest.startIndex,
              let bytes = Data(base64Encoded: String(rest[rest.index(after: colon)...])) else { return nil }
        keyID = String(rest[..<colon])
        ciphertext = [UInt8](bytes)
    }

    /// The stored form.
    package var text: String { Self.prefix + keyID + ":" + Data(ciphertext).base64EncodedString() }

    /// The data a value is bound to: its table, column and record id, so that it cannot
    /// be moved to another row or column.
    package static func associatedData(table: String, column: String, id: UUID) -> [UInt8] {
        Array("\(table)\u{0}\(column)\u{0}\(id.uuidString.lowercased())".utf8)
    }

    /// Whether a key id can be stored: 1 to 64 letters, digits, `-`, `_` or `.`.
    package static func isValidKeyID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64
            && id.utf8.allSatisfy { Byte.isAlnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }
}
