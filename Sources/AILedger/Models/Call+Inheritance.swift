extension Call {
    /// This call with the interaction's id, conversation and user filled in where unset.
    func inheriting(from interaction: Interaction) -> Call {
        var call = self
        call.interactionID = call.interactionID ?? interaction.id
        call.conversationID = call.conversationID ?? interaction.conversationID
        call.userID = call.userID ?? interaction.userID
        return call
    }
}
