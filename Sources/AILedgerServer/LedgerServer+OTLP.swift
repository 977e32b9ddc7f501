import AILedger
import AILedgerOTLP
import Foundation
import Hummingbird

extension LedgerServer {
    /// `POST /v1/traces`, OTLP/HTTP: the GenAI spans of an `ExportTraceServiceRequest`, in
    /// protobuf or JSON, become calls, interactions and conversations (docs/OTLP.md). The
    /// answer is in the request's encoding: a partial success names how many spans were
    /// rejected and why, and how many were not model calls.
    func traces(_ request: Request) async throws -> Response {
        guard let encoding = request.headers[.contentType].flatMap(OTLPEncoding.init(contentType:)) else {
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "Content-Type: must be application/x-protobuf or application/json")
        }
        let body = try await body(of: request)
        let traces: OTLPTraces
        do {
            switch encoding {
            case .protobuf: traces = try OTLPTraces(protobuf: Array(body.readableBytesView))
            case .json:
                guard let json = try? JSONValue(jsonText: String(decoding: body.readableBytesView, as: UTF8.self)) else {
                    throw APIError.badRequest("the body is not JSON")
                }
                traces = try OTLPTraces(json: json)
            }
        } catch let error as OTLPDecodingError {
            throw APIError.badRequest("the body is not an OTLP trace request: \(error.message)")
        }
        if let stats = ledger.writerStatistics, let capacity = ledger.writerCapacity, stats.buffered >= capacity {
            throw APIError(.serviceUnavailable, "saturated", "the writer's buffer is full; retry later", headers: [.retryAfter: "1"])
        }
        let conversion = traces.records(captureContent: options.captureContent)
        guard conversion.batch.records <= options.maxRecordsPerRequest else {
            throw APIError(.contentTooLarge, "too_many_records", "a request carries at most \(options.maxRecordsPerRequest) records")
        }
        _ = try await record(conversion.batch)
        var notes: [String] = []
        if !conversion.rejected.isEmpty {
            let shown = conversion.rejected.prefix(5).map { "span \($0.span): \($0.reason)" }.joined(separator: "; ")
            notes.append("\(conversion.rejected.count) span(s) rejected: \(shown)")
        }
        if conversion.skipped > 0 { notes.append("\(conversion.skipped) span(s) were not model calls and were skipped") }
        let answer = OTLPResponse.export(rejectedSpans: conversion.rejected.count, message: notes.joined(separator: "; "), encoding)
        return Response(status: .ok, headers: [.contentType: encoding.contentType], body: .init(byteBuffer: ByteBuffer(bytes: answer)))
    }
}
