import Hummingbird
import Logging

/// One log line per request: method, path, status, duration and the name of the API key
/// used; never the key, the query, a header or a body.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let key = RequestKeyName()
        func log(_ status: HTTPResponse.Status) {
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
            var metadata: Logger.Metadata = ["method": "\(request.method)", "path": "\(request.uri.path)",
                                             "status": "\(status.code)", "ms": "\(Int(ms.rounded()))"]
            if let name = key.value { metadata["key"] = "\(name)" }
            logger.info("request", metadata: metadata)
        }
        do {
            let response = try await RequestKeyName.$current.withValue(key) { try await next(request, context) }
            log(response.status)
            return response
        } catch let error as HTTPResponseError {
            log(error.status)
            throw error
        } catch {
            log(.internalServerError)
            throw error
        }
    }
}
