import AILedger

extension OTLPSpan {
    /// Sets `call`'s request, response, input and output text from the span's content: the
    /// GenAI `gen_ai.input.messages`, `gen_ai.output.messages` and
    /// `gen_ai.system_instructions` (structured, as JSON text, or on the
    /// `gen_ai.client.inference.operation.details` event), the legacy
    /// `gen_ai.prompt.N.*` / `gen_ai.completion.N.*`, or OpenInference's `input.value` and
    /// `output.value`.
    func content(into call: inout Call) {
        let details = events.last { $0.name == "gen_ai.client.inference.operation.details" }
        func value(_ name: String) -> JSONValue? {
            (own(name) ?? details?[name]).map { $0.json(parsingStrings: true) }
        }
        var input = value("gen_ai.input.messages") ?? legacyMessages("gen_ai.prompt")
        var output = value("gen_ai.output.messages") ?? legacyMessages("gen_ai.completion")
        if input == nil, let text = own("input.value")?.text { input = .string(text) }
        if output == nil, let text = own("output.value")?.text { output = .string(text) }
        var request: [String: JSONValue] = [:]
        if let input { request["messages"] = input }
        if let system = value("gen_ai.system_instructions") { request["system_instructions"] = system }
        if !request.isEmpty { call.request = .object(request) }
        if let output { call.response = .object(["messages": output]) }
        call.inputText = input.flatMap(Self.text)
        call.outputText = output.flatMap(Self.text)
    }

    /// `gen_ai.prompt.0.role`, `gen_ai.prompt.0.content`, ... as an array of messages.
    private func legacyMessages(_ prefix: String) -> JSONValue? {
        var messages: [Int: [String: JSONValue]] = [:]
        for (name, value) in attributes where name.hasPrefix(prefix + ".") {
            let rest = name.dropFirst(prefix.count + 1).split(separator: ".", maxSplits: 1)
            guard rest.count == 2, let index = Int(rest[0]), index < 10_000 else { continue }
            messages[index, default: [:]][String(rest[1])] = value.json(parsingStrings: false)
        }
        guard !messages.isEmpty else { return nil }
        return .array(messages.keys.sorted().map { .object(messages[$0]!) })
    }

    /// The text of messages: a string as it is; of an array of messages, each message's
    /// `content` string or its `parts`' text, one message per line.
    static func text(_ messages: JSONValue) -> String? {
        switch messages {
        case .string(let text): return text
        case .array(let items):
            let lines = items.compactMap { item -> String? in
                guard case .object(let message) = item else { return nil }
                if case .string(let content)? = message["content"] { return content }
                if case .array(let parts)? = message["parts"] ?? message["content"] {
                    let texts = parts.compactMap { part -> String? in
                        guard case .object(let fields) = part else { return nil }
                        if case .string(let text)? = fields["content"] ?? fields["text"] { return text }
                        return nil
                    }
                    return texts.isEmpty ? nil : texts.joined(separator: "\n")
                }
                return nil
            }
            return lines.isEmpty ? nil : lines.joined(separator: "\n")
        default: return nil
        }
    }
}
