@testable import AILedger
import AILedgerCrypto
import Foundation
import Testing

/// Sealing and opening single fields: AES-256-GCM bound to table, column and record id,
/// markers without the key, and keyrings that refuse bad keys without showing them.
@Suite struct FieldEncryptionTests {
    static let k1 = [UInt8](repeating: 1, count: 32), k2 = [UInt8](repeating: 2, count: 32)

    @Test func sealedValuesOpenOnlyInTheirOwnRowAndColumn() throws {
        let keyring = try AESGCMKeyring(keys: ["k1": Self.k1, "k2": Self.k2], current: "k1")
        let encryption = FieldEncryption(cipher: keyring)
        var call = Call(model: "m", usage: TokenUsage(input: 1, output: 1))
        call.inputText = "secret prompt"
        call.request = ["messages": ["a", "b"]]
        call.metadata = ["team": "billing"]
        let sealed = try encryption.sealed(call)
        let text = try #require(sealed.inputText)
        #expect(text.hasPrefix("enc:v1:k1:") && !text.contains("secret"))
        #expect(try encryption.sealed(sealed).inputText == text, "a sealed value is not sealed again")
        #expect(FieldEncryption.reading(sealed, cipher: keyring).inputText == "secret prompt")
        #expect(FieldEncryption.reading(sealed, cipher: keyring).request == call.request)
        #expect(FieldEncryption.reading(sealed, cipher: keyring).metadata == call.metadata)
        // Moved to another row, or to another column, it no longer opens.
        var moved = sealed
        moved.id = UUID.v7()
        #expect(FieldEncryption.reading(moved, cipher: keyring).inputText == FieldEncryption.textMarker)
        var swapped = sealed
        swapped.outputText = sealed.inputText
        #expect(FieldEncryption.reading(swapped, cipher: keyring).outputText == FieldEncryption.textMarker)
        // Without the key: markers.
        let other = try AESGCMKeyring(keys: ["k2": Self.k2], current: "k2")
        let marked = FieldEncryption.reading(sealed, cipher: other)
        #expect(marked.inputText == FieldEncryption.textMarker)
        #expect(marked.request == ["encrypted": true, "key_id": "k1"])
        #expect(marked.metadata == ["encrypted": true, "key_id": "k1"])
        #expect(FieldEncryption.reading(sealed, cipher: nil).inputText == FieldEncryption.textMarker)
        // A changed byte is refused, not decoded as garbage.
        var tampered = SealedValue(text)!.ciphertext
        tampered[tampered.count / 2] ^= 1
        var changed = sealed
        changed.inputText = SealedValue(keyID: "k1", ciphertext: tampered).text
        #expect(FieldEncryption.reading(changed, cipher: keyring).inputText == FieldEncryption.textMarker)
    }

    @Test func onlyTheChosenFieldsAreSealed() throws {
        let encryption = FieldEncryption(cipher: try AESGCMKeyring(keys: ["k1": Self.k1], current: "k1"), fields: [.request])
        var interaction = Interaction()
        interaction.inputText = "kept"
        interaction.request = ["q": 1]
        let sealed = try encryption.sealed(interaction)
        #expect(sealed.inputText == "kept")
        guard case .string(let text)? = sealed.request else { Issue.record("request not sealed"); return }
        #expect(text.hasPrefix("enc:v1:k1:"))
    }

    @Test func keyringsRefuseBadKeysWithoutShowingThem() throws {
        let short = Data(repeating: 7, count: 16).base64EncodedString()
        for (json, fragment) in [(#"{"current": "k1", "keys": {"k1": "\#(short)"}}"#, "32 bytes"),
                                 (#"{"current": "k9", "keys": {"k1": "\#(Data(Self.k1).base64EncodedString())"}}"#, "'k9' is not among"),
                                 (#"{"keys": {}}"#, "\"current\""), ("not json", "JSON object"),
                                 (#"{"current": "a b", "keys": {"a b": "\#(Data(Self.k1).base64EncodedString())"}}"#, "key ids")] {
            let error = #expect(throws: LedgerError.self) { try AESGCMKeyring(json: json) }
            #expect(error?.kind == .invalidConfiguration && error?.message.contains(fragment) == true, "\(String(describing: error))")
            #expect(error?.message.contains(short) == false && error?.message.contains(Data(Self.k1).base64EncodedString()) == false)
        }
        #expect(Data(base64Encoded: AESGCMKeyring.newKey())?.count == 32)
    }
}
