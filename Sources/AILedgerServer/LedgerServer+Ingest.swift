import AILedger
import CompressNIO
import Foundation
import Hummingbird

extension LedgerServer {
    /// Reads each item of a POST as a record of `kind`; valid ones go to the writer, the
    /// others are answered by index, field and reason.
    func ingest(_ request: Request, as kind: RecordKind) async throws -> Response {
        var batch = RecordBatch()
        var rejected: [JSONValue] = []
        for (index, item) in try await items(in: request).enumerated() {
            do {
                try batch.add(json: item, as: kind)
            } catch let error as LedgerError {
                rejected.append(Self.rejection(index, error))
            }
        }
        let accepted = try await record(batch)
        return try await answer(request, accepted: accepted, rejected: rejected)
    }

    /// `{"accepted", "rejected"}`; with `?wait=commit`, once everything accepted so far is
    /// written (or saved to the outbox, or refused), with `"committed"` saying whether it
    /// all got there within the writer's drain deadline.
    private func answer(_ request: Request, accepted: Int, rejected: [JSONValue]) async throws -> Response {
        var fields: [String: JSONValue] = ["accepted": .int(Int64(accepted)), "rejected": .array(rejected)]
        switch request.uri.queryParameters["wait"] {
        case nil: break
        case "commit": fields["committed"] = .bool(await ledger.flush().isComplete)
        default: throw APIError.badRequest("wait: must be commit")
        }
        return Response.json(.object(fields))
    }

    /// `{"conversations": [...], "interactions": [...], "calls": [...], "feedback": [...]}`,
    /// any of them; records are written parents first, then feedback.
    func ingestBatch(_ request: Request) async throws -> Response {
        let body = try await json(in: request)
        guard case .object(let parts) = body else { throw APIError.badRequest("the body must be a JSON object of arrays") }
        if let unknown = parts.keys.first(where: { !["conversations", "interactions", "calls", "feedback"].contains($0) }) {
            throw APIError.badRequest("\(String(unknown.unicodeScalars.prefix(64))): is not a known part of a batch")
        }
        var batch = RecordBatch()
        var rejected: [JSONValue] = []
        var count = 0
        for (name, kind) in [("conversations", RecordKind.conversations), ("interactions", .interactions), ("calls", .calls)] {
            guard let part = parts[name] else { continue }
            guard case .array(let items) = part else { throw APIError.badRequest("\(name): must be an array") }
            count += items.count
            guard count <= options.maxRecordsPerRequest else { throw Self.tooMany(options.maxRecordsPerRequest) }
            for (index, item) in items.enumerated() {
                do {
                    try batch.add(json: item, as: kind)
                } catch let error as LedgerError {
                    rejected.append(Self.rejection(index, error, in: name))
                }
            }
        }
        guard parts["feedback"] == nil || { if case .array = parts["feedback"] { true } else { false } }() else {
            throw APIError.badRequest("feedback: must be an array")
        }
        if case .array(let verdicts)? = parts["feedback"] {
            count += verdicts.count
            guard count <= options.maxRecordsPerRequest else { throw Self.tooMany(options.maxRecordsPerRequest) }
        }
        guard batch.records <= options.maxRecordsPerRequest else { throw Self.tooMany(options.maxRecordsPerRequest) }
        var accepted = try await record(batch)
        if case .array(let verdicts)? = parts["feedback"] {
            if accepted > 0 { await ledger.flush() }  // feedback may be on an interaction of this batch
            for (index, item) in verdicts.enumerated() {
                do {
                    var reader = try JSONObjectReader(item, what: "feedback")
                    guard let id = try reader.uuid("interaction_id") else { throw LedgerError(.invalidRecord, "interaction_id: is required") }
                    try await ledger.recordFeedback(try Self.verdict(&reader), forInteraction: id)
                    accepted += 1
                } catch let error as LedgerError where error.kind == .invalidRecord || error.kind == .notFound {
                    rejected.append(Self.rejection(index, error, in: "feedback"))
                } catch let error as LedgerError {
                    throw APIError(error)
                }
            }
        }
        return try await answer(request, accepted: accepted, rejected: rejected)
    }

    /// `POST /v1/interactions/{id}/feedback`: a user's verdict, replacing any earlier one.
    func feedback(_ request: Request, id: String) async throws -> Response {
        guard id.utf8.count == 36, let uuid = UUID(uuidString: id) else { throw APIError.badRequest("id: must be a UUID") }
        do {
            var reader = try JSONObjectReader(try await json(in: request), what: "feedback")
            try await ledger.recordFeedback(try Self.verdict(&reader), forInteraction: uuid)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        return Response.json(["recorded": true])
    }

    /// `feedback` (the rating), `feedback_comment`, `quality_score`, `edit_distance`.
    private static func verdict(_ reader: inout JSONObjectReader) throws -> Feedback {
        guard let rating = try reader.enumeration("feedback", FeedbackRating.self) else {
            throw LedgerError(.invalidRecord, "feedback: is required: accepted, rejected or modified")
        }
        let feedback = Feedback(rating: rating, comment: try reader.string("feedback_comment"),
                                qualityScore: try reader.count("quality_score").map { Int(clamping: $0) },
                                editDistance: try reader.count("edit_distance").map { Int(clamping: $0) })
        try reader.refuseUnknownFields()
        return feedback
    }

    /// Hands `batch` to the writer; returns how many records it holds.
    func record(_ batch: RecordBatch) async throws -> Int {
        let count = batch.records
        guard count > 0 else { return 0 }
        guard count <= options.maxRecordsPerRequest else { throw Self.tooMany(options.maxRecordsPerRequest) }
        do {
            try await ledger.record(batch)
        } catch let error as LedgerError {
            throw APIError(error)
        }
        return count
    }

    private static func rejection(_ index: Int, _ error: LedgerError, in part: String? = nil) -> JSONValue {
        let (field, reason) = split(error.message)
        var fields: [String: JSONValue] = ["index": .int(Int64(index)), "field": .string(field), "reason": .string(reason)]
        if let part { fields["part"] = .string(part) }
        return .object(fields)
    }

    /// The JSON object or array of objects a POST carries.
    private func items(in request: Request) async throws -> [JSONValue] {
        let items: [JSONValue]
        switch try await json(in: request) {
        case .array(let array): items = array
        case let value: items = [value]
        }
        guard items.count <= options.maxRecordsPerRequest else { throw Self.tooMany(options.maxRecordsPerRequest) }
        return items
    }

    private static func tooMany(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "too_many_records", "a request carries at most \(limit) records")
    }

    /// The body, parsed as JSON, at most `maxBodyBytes` long (after decompression, when it
    /// comes gzipped).
    func json(in request: Request) async throws -> JSONValue {
        let buffer = try await body(of: request)
        do {
            return try JSONValue(jsonText: String(decoding: buffer.readableBytesView, as: UTF8.self))
        } catch {
            throw APIError.badRequest("the body is not JSON")
        }
    }

    /// The body, at most `maxBodyBytes` long, decompressed when it comes gzipped (and held
    /// to the same limit once decompressed).
    func body(of request: Request) async throws -> ByteBuffer {
        let tooLarge = APIError(.contentTooLarge, "too_large", "the body is over \(options.maxBodyBytes) bytes")
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: options.maxBodyBytes)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        }
        switch request.headers[.contentEncoding]?.lowercased() {
        case nil, "identity": break
        case "gzip":
            // One byte more than the limit: a body that reaches it was cut, and is too large.
            do {
                buffer = try buffer.decompress(with: .gzip(), maxSize: options.maxBodyBytes + 1)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                throw tooLarge
            } catch {
                throw APIError.badRequest("the body is not valid gzip")
            }
            guard buffer.readableBytes <= options.maxBodyBytes else { throw tooLarge }
        default:
            throw APIError(.unsupportedMediaType, "unsupported_encoding", "Content-Encoding must be gzip or identity")
        }
        return buffer
    }
}
