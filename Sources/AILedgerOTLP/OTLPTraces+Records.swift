import AILedger
import Foundation

extension OTLPTraces {
    /// The records the spans describe (docs/OTLP.md): a `Call` per model-call span, an
    /// `Interaction` per trace that holds one, and a `Conversation` per
    /// `gen_ai.conversation.id`. Ids derive from the trace, span and conversation ids, so a
    /// request sent twice is stored once. Prompts and completions are kept only when
    /// `captureContent` is set, because they may hold personal data.
    public func records(captureContent: Bool = false) -> OTLPConversion {
        var conversion = OTLPConversion()
        var calls: [(index: Int, call: Call)] = []
        for (index, span) in spans.enumerated() {
            guard span.isModelCall else {
                conversion.skipped += 1
                continue
            }
            do {
                calls.append((index, try Self.call(span, captureContent: captureContent)))
            } catch let error as LedgerError {
                conversion.rejected.append((index, error.message))
            } catch {
                conversion.rejected.append((index, "\(error)"))
            }
        }
        // One interaction per trace, made from its agent or root span when this request holds it.
        let traces = Dictionary(grouping: spans, by: \.traceID)
        var traceConversations: [[UInt8]: String] = [:]
        for span in spans where traceConversations[span.traceID] == nil {
            if let external = span.conversationExternalID { traceConversations[span.traceID] = external }
        }
        var conversations: [UUID: Conversation] = [:]
        var interactions: [UUID: Interaction] = [:]
        for position in calls.indices {
            let index = calls[position].index
            var call = calls[position].call
            let span = spans[index]
            let trace = traces[span.traceID] ?? []
            let interactionID = UUID.derived(Array("interaction:".utf8) + span.traceID)
            call.interactionID = interactionID
            if let external = span.conversationExternalID ?? traceConversations[span.traceID] {
                let id = UUID.derived(Array("conversation:".utf8) + Array(external.utf8))
                call.conversationID = id
                if conversations[id] == nil {
                    conversations[id] = Conversation(id: id, externalID: external, createdAt: call.createdAt,
                                                     userID: call.userID ?? trace.lazy.compactMap(\.user).first)
                }
            }
            if interactions[interactionID] == nil {
                var interaction = Self.interaction(interactionID, trace: trace, firstCall: call)
                interaction.conversationID = call.conversationID
                interactions[interactionID] = interaction
            }
            calls[position].call = call
        }
        var batch = RecordBatch(conversations: conversations.values.sorted { $0.createdAt < $1.createdAt },
                                interactions: interactions.values.sorted { $0.createdAt < $1.createdAt })
        // A parent that cannot be stored takes its calls with it, named by the parent's field.
        var refused: [UUID: String] = [:]
        for conversation in batch.conversations {
            do { try conversation.validate() } catch let error as LedgerError { refused[conversation.id] = "gen_ai.conversation.id: " + Self.reason(error) } catch {}
        }
        for interaction in batch.interactions {
            do { try interaction.validate() } catch let error as LedgerError { refused[interaction.id] = "the trace's interaction: " + Self.reason(error) } catch {}
        }
        batch.conversations.removeAll { refused[$0.id] != nil }
        batch.interactions.removeAll { refused[$0.id] != nil }
        for (index, call) in calls {
            if let reason = call.interactionID.flatMap({ refused[$0] }) ?? call.conversationID.flatMap({ refused[$0] }) {
                conversion.rejected.append((index, reason))
                continue
            }
            do {
                try call.validate()
                batch.calls.append(call)
            } catch let error as LedgerError {
                conversion.rejected.append((index, error.message))
            } catch {
                conversion.rejected.append((index, "\(error)"))
            }
        }
        let used = Set(batch.calls.compactMap(\.interactionID))
        batch.interactions.removeAll { !used.contains($0.id) }
        let inConversations = Set(batch.calls.compactMap(\.conversationID))
        batch.conversations.removeAll { !inConversations.contains($0.id) }
        conversion.batch = batch
        conversion.rejected.sort { $0.span < $1.span }
        return conversion
    }

    /// What a validation error says, without the record's name.
    static func reason(_ error: LedgerError) -> String {
        guard let colon = error.message.firstIndex(of: ":") else { return error.message }
        let field = error.message[..<colon]
        return (field.split(separator: ".").last.map(String.init) ?? String(field)) + error.message[colon...]
    }

    /// `text` cut to what a short column holds (255 Unicode scalars), NUL characters out.
    static func short(_ text: String?) -> String? {
        guard let text else { return nil }
        let scalars = text.unicodeScalars.filter { $0 != "\u{0}" }
        return scalars.count <= 255 ? String(String.UnicodeScalarView(scalars)) : String(String.UnicodeScalarView(scalars.prefix(255)))
    }

    /// The call a model-call span describes.
    static func call(_ span: OTLPSpan, captureContent: Bool) throws -> Call {
        guard span.traceID.count == 16, span.traceID.contains(where: { $0 != 0 }) else {
            throw LedgerError(.invalidRecord, "traceId: must be 16 bytes, not all zero")
        }
        guard span.spanID.count == 8, span.spanID.contains(where: { $0 != 0 }) else {
            throw LedgerError(.invalidRecord, "spanId: must be 8 bytes, not all zero")
        }
        guard let model = span.model else {
            throw LedgerError(.invalidRecord, "gen_ai.request.model: a model call names its model")
        }
        let cost = span.cost
        var metadata: [String: JSONValue] = ["trace_id": .string(OTLPSpan.hex(span.traceID)), "span_id": .string(OTLPSpan.hex(span.spanID)),
                                             "span_name": .string(short(span.name) ?? "")]
        if !span.parentSpanID.isEmpty { metadata["parent_span_id"] = .string(OTLPSpan.hex(span.parentSpanID)) }
        if !span.scopeName.isEmpty { metadata["otel_scope"] = .string(span.scopeName) }
        if let service = span["service.name"]?.text { metadata["service_name"] = .string(service) }
        let failed = span.failed
        var call = Call(id: UUID.derived(Array("call:".utf8) + span.traceID + span.spanID, at: span.start),
                        externalID: span.text("gen_ai.response.id"), createdAt: span.start, model: model, provider: span.provider,
                        callType: span.text("gen_ai.operation.name", "llm.request.type")
                            ?? (span.own("openinference.span.kind")?.text?.uppercased() == "EMBEDDING" ? "embeddings" : "chat"),
                        status: failed ? .error : .success, userID: span.user,
                        serviceTier: span.text("openai.response.service_tier", "gen_ai.openai.response.service_tier"),
                        usage: span.usage, costUSD: cost,
                        costSource: cost == nil ? nil : .provided, latencyMs: span.durationMs,
                        errorCode: failed ? span.text("error.type") ?? span.exception("exception.type") : nil,
                        errorMessage: failed ? (span.statusMessage.isEmpty ? span.exception("exception.message") : span.statusMessage) : nil,
                        metadata: metadata)
        if captureContent { span.content(into: &call) }
        return call
    }

    /// The interaction grouping a trace's calls: from its agent or workflow span, else its
    /// root span, when this request holds one; else from its first call.
    static func interaction(_ id: UUID, trace: [OTLPSpan], firstCall: Call) -> Interaction {
        let source = trace.first(where: \.isGroup) ?? trace.first { $0.parentSpanID.isEmpty || $0.parentSpanID.allSatisfy { $0 == 0 } }
        let earliest = trace.filter(\.isModelCall).map(\.start).min() ?? firstCall.createdAt
        let status: Status = source?.failed == true ? .error : trace.contains { $0.isModelCall && $0.failed } ? .partial : .success
        return Interaction(
            id: id, createdAt: min(source?.start ?? earliest, earliest),
            interactionType: short(source.flatMap { $0.text("gen_ai.agent.name") ?? ($0.name.isEmpty ? nil : $0.name) }) ?? "trace",
            status: status, sessionID: trace.lazy.compactMap { $0.text("session.id", "gen_ai.session.id") }.first,
            userID: firstCall.userID ?? trace.lazy.compactMap(\.user).first, latencyMs: source?.durationMs,
            errorMessage: source?.failed == true && source?.statusMessage.isEmpty == false ? source?.statusMessage : nil,
            metadata: ["trace_id": .string(OTLPSpan.hex(trace.first?.traceID ?? []))])
    }
}
