import AILedger
import AILedgerOTLP
import Foundation
import Hummingbird

/// An error a route answers with: an HTTP status and the JSON body
/// `{"error": {"code": ..., "message": ...}}`. The message names the field at fault and
/// never repeats a value the client sent.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    let headers: HTTPFields

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }

    /// The answer to a `LedgerError`: the client's fault for invalid input, the server's otherwise.
    init(_ error: LedgerError) {
        switch error.kind {
        case .invalidRecord, .invalidPrice, .invalidConfiguration, .invalidValue:
            self.init(.badRequest, "invalid_request", error.message)
        case .notFound: self.init(.notFound, "not_found", error.message)
        case .closed: self.init(.serviceUnavailable, "shutting_down", "the server is shutting down")
        case .connectionFailed, .authenticationFailed, .serializationFailure:
            self.init(.serviceUnavailable, "database_unavailable", "the database is unavailable; try again")
        default: self.init(.internalServerError, "database_error", "the database refused the request (\(error.kind))")
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        if request.uri.path == "/v1/traces" { return otlpResponse(request) }
        let body: JSONValue = ["error": ["code": .string(code), "message": .string(message)]]
        var response = Response.json(body, status: status)
        response.headers.append(contentsOf: headers)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    /// The error as OTLP/HTTP answers one: a `google.rpc.Status` in the request's encoding.
    private func otlpResponse(_ request: Request) -> Response {
        let encoding = request.headers[.contentType].flatMap(OTLPEncoding.init(contentType:)) ?? .json
        let grpcCode = switch status.code {
        case 400, 415: 3
        case 401: 16
        case 403: 7
        case 404: 5
        case 413, 429: 8
        case 503: 14
        default: 13
        }
        var response = Response(status: status, headers: [.contentType: encoding.contentType],
                                body: .init(byteBuffer: ByteBuffer(bytes: OTLPResponse.status(code: grpcCode, message: message, encoding))))
        response.headers.append(contentsOf: headers)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}
