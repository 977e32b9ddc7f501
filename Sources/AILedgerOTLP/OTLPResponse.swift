import AILedger

/// The bodies an OTLP/HTTP receiver answers with, in the request's encoding.
public enum OTLPResponse {
    /// An `ExportTraceServiceResponse`: empty when everything was taken, else a partial
    /// success counting the rejected spans, with a message (a warning when none was rejected).
    public static func export(rejectedSpans: Int, message: String, _ encoding: OTLPEncoding) -> [UInt8] {
        let partial = rejectedSpans > 0 || !message.isEmpty
        switch encoding {
        case .protobuf:
            guard partial else { return [] }
            var writer = ProtobufWriter()
            writer.message(1) { success in
                if rejectedSpans > 0 { success.varint(1, UInt64(rejectedSpans)) }
                if !message.isEmpty { success.string(2, message) }
            }
            return writer.bytes
        case .json:
            guard partial else { return Array("{}".utf8) }
            let body: JSONValue = ["partialSuccess": ["rejectedSpans": .string(String(rejectedSpans)), "errorMessage": .string(message)]]
            return Array(body.jsonText.utf8)
        }
    }

    /// A `google.rpc.Status` with a gRPC `code` (3 invalid argument, 8 resource exhausted,
    /// 14 unavailable, 16 unauthenticated, 7 permission denied) and a message.
    public static func status(code: Int, message: String, _ encoding: OTLPEncoding) -> [UInt8] {
        switch encoding {
        case .protobuf:
            var writer = ProtobufWriter()
            writer.varint(1, UInt64(code))
            writer.string(2, message)
            return writer.bytes
        case .json:
            let body: JSONValue = ["code": .int(Int64(code)), "message": .string(message)]
            return Array(body.jsonText.utf8)
        }
    }
}
