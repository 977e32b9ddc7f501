import Foundation

extension Ledger {
    /// `call` as read: its sealed fields opened with the ledger's keys, or markers.
    func opened(_ call: Call) -> Call {
        FieldEncryption.reading(call, cipher: encryption?.cipher)
    }

    /// `interaction` as read: its sealed fields opened with the ledger's keys, or markers.
    func opened(_ interaction: Interaction) -> Interaction {
        FieldEncryption.reading(interaction, cipher: encryption?.cipher)
    }
}
