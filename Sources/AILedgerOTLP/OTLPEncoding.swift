/// How an OTLP/HTTP body is encoded; the answer uses the request's.
public enum OTLPEncoding: Sendable {
    /// `application/x-protobuf`.
    case protobuf
    /// `application/json`, OTLP's JSON mapping.
    case json

    /// The encoding a `Content-Type` names, or nil for one OTLP does not use.
    public init?(contentType: String) {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/x-protobuf", "application/protobuf": self = .protobuf
        case "application/json": self = .json
        default: return nil
        }
    }

    /// The `Content-Type` of an answer in this encoding.
    public var contentType: String { self == .protobuf ? "application/x-protobuf" : "application/json" }
}
