import AILedger
import AILedgerOTLP
import Foundation

/// The benchmark's calls as an OTLP trace request: one trace per request, a GenAI span per
/// call carrying the same model, tokens and content, encoded as the SDK's exporter does.
enum OTLPRequests {
    /// The trace id every span of a template carries, which `patch` replaces per request.
    static let marker: [UInt8] = Array(repeating: 0xAA, count: 8) + Array(repeating: 0xBB, count: 8)
    /// The start and end times every span of a template carries, which `patch` replaces
    /// with the time the request is sent, so that spans arrive as a live exporter sends them.
    static let startMarker: UInt64 = 0xA1A1_A1A1_A1A1_A1A1, endMarker: UInt64 = 0xA2A2_A2A2_A2A2_A2A2

    /// An `ExportTraceServiceRequest` of `calls` (of `user`) as spans, the offsets of their
    /// trace ids and those of their start and end times with each span's duration.
    static func template(_ calls: [Call], user: String) -> (bytes: [UInt8], offsets: [Int], times: [(start: Int, end: Int, nanos: UInt64)]) {
        var writer = ProtobufWriter()
        writer.message(1) { resourceSpans in
            resourceSpans.message(1) { resource in attribute(&resource, 1, "service.name", "bench") }
            resourceSpans.message(2) { scopeSpans in
                scopeSpans.message(1) { $0.string(1, "opentelemetry.instrumentation.openai_v2") }
                for (index, call) in calls.enumerated() {
                    scopeSpans.message(2) { span in
                        span.data(1, marker)
                        span.data(2, withUnsafeBytes(of: UInt64(index + 1).bigEndian, Array.init))
                        span.string(5, "chat \(call.model)")
                        span.varint(6, 3)
                        span.fixed64(7, startMarker)
                        span.fixed64(8, endMarker)
                        attribute(&span, 9, "gen_ai.operation.name", "chat")
                        attribute(&span, 9, "gen_ai.provider.name", call.provider ?? "openai")
                        attribute(&span, 9, "gen_ai.request.model", call.model)
                        attribute(&span, 9, "gen_ai.response.id", "resp-\(index)")
                        attribute(&span, 9, "user.id", user)
                        attribute(&span, 9, "gen_ai.usage.input_tokens", call.usage.input ?? 0)
                        attribute(&span, 9, "gen_ai.usage.output_tokens", call.usage.output ?? 0)
                        attribute(&span, 9, "gen_ai.usage.cache_read.input_tokens", call.usage.cacheRead ?? 0)
                        if case .object(let request)? = call.request, let messages = request["messages"] {
                            attribute(&span, 9, "gen_ai.input.messages", messages.jsonText)
                        }
                        if case .object(let response)? = call.response, case .array(let choices)? = response["choices"] {
                            attribute(&span, 9, "gen_ai.output.messages", JSONValue.array(choices).jsonText)
                        }
                        if call.status == .error {
                            attribute(&span, 9, "error.type", call.errorCode ?? "error")
                            span.message(15) { $0.string(2, "failed"); $0.varint(3, 2) }
                        }
                    }
                }
            }
        }
        let bytes = writer.bytes
        let starts = find(withUnsafeBytes(of: startMarker.littleEndian, Array.init), in: bytes)
        let ends = find(withUnsafeBytes(of: endMarker.littleEndian, Array.init), in: bytes)
        let times = zip(zip(starts, ends), calls).map { ($0.0, $0.1, UInt64(($1.latencyMs ?? 0) * 1e6)) }
        return (bytes, find(marker, in: bytes), times)
    }

    /// Where `pattern` starts in `bytes`, each time.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var start = 0
        while start + pattern.count <= bytes.count {
            if bytes[start] == pattern[0], Array(bytes[start..<(start + pattern.count)]) == pattern {
                offsets.append(start)
                start += pattern.count
            } else {
                start += 1
            }
        }
        return offsets
    }

    /// Gives request `number` a trace id of its own, and its spans the time it is sent.
    static func patch(_ bytes: inout [UInt8], offsets: [Int], times: [(start: Int, end: Int, nanos: UInt64)], number: Int) {
        let id = Array(withUnsafeBytes(of: UInt64(number + 1).bigEndian, Array.init)) + Array(repeating: 0x42, count: 8)
        for offset in offsets { bytes.replaceSubrange(offset..<(offset + 16), with: id) }
        let now = UInt64(Date().timeIntervalSince1970 * 1e9)
        for time in times {
            bytes.replaceSubrange(time.start..<(time.start + 8), with: withUnsafeBytes(of: now.littleEndian, Array.init))
            bytes.replaceSubrange(time.end..<(time.end + 8), with: withUnsafeBytes(of: (now + time.nanos).littleEndian, Array.init))
        }
    }

    private static func attribute(_ writer: inout ProtobufWriter, _ field: UInt64, _ key: String, _ value: String) {
        writer.message(field) { pair in
            pair.string(1, key)
            pair.message(2) { $0.string(1, value) }
        }
    }

    private static func attribute(_ writer: inout ProtobufWriter, _ field: UInt64, _ key: String, _ value: Int64) {
        writer.message(field) { pair in
            pair.string(1, key)
            pair.message(2) { $0.varint(3, UInt64(bitPattern: value)) }
        }
    }
}
