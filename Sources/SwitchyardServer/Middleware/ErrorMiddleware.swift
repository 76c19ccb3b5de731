import HTTPTypes
import Hummingbird
import Logging
import SwitchyardCore
import SwitchyardEngine

/// The outermost middleware: gives every request an id, and turns every error into the OpenAI error
/// shape with the right status, so no route can answer with a framework's own error page.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = GatewayContext

    /// Sets `maxRequestBytes` on the context so body reading enforces `general_settings.max_request_size_mb`.
    let maxRequestBytes: Int
    /// Makes ids for requests that bring none.
    let ids: RequestIDGenerator

    init(maxRequestBytes: Int, ids: RequestIDGenerator = RequestIDGenerator()) {
        self.maxRequestBytes = maxRequestBytes
        self.ids = ids
    }

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        await Self.serve(request, context: context, maxRequestBytes: maxRequestBytes, ids: ids, next: next)
    }

    /// The middleware's work, also run by ``GatewayResponder`` for the routes it answers without the router.
    static func serve(
        _ request: Request,
        context: GatewayContext,
        maxRequestBytes: Int,
        ids: RequestIDGenerator,
        next: (Request, GatewayContext) async throws -> Response
    ) async -> Response {
        var context = context
        context.requestID = requestID(from: request) ?? ids.next()
        context.maxRequestBytes = maxRequestBytes
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let gatewayError = gatewayError(from: error)
            if gatewayError.kind == .internalError {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            } else {
                context.logger.debug("request rejected", metadata: ["error": "\(gatewayError.kind.rawValue)", "status": "\(gatewayError.status)"])
            }
            response = gatewayError.response()
        }
        response.headers[ResponseHeaders.requestID] = context.requestID
        response.headers[ResponseHeaders.callID] = context.requestID
        return response
    }

    /// The client's `x-request-id` when it is short and printable.
    static func requestID(from request: Request) -> String? {
        if let given = request.headers[ResponseHeaders.requestID], (1...128).contains(given.utf8.count),
            given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        {
            return given
        }
        return nil
    }

    /// Any error as a gateway error: Hummingbird's own (unknown route, body too large) keep their status.
    static func gatewayError(from error: any Error) -> GatewayError {
        if let gatewayError = error as? GatewayError { return gatewayError }
        if let httpError = error as? HTTPError {
            let status = Int(httpError.status.code)
            if status == 404 {
                return GatewayError(.notFound, "Route not found.", code: "route_not_found")
            }
            if status == 413 {
                return GatewayError(.requestTooLarge, "Request body is too large.", code: "request_too_large")
            }
            let kind = GatewayError.Kind.forUpstreamStatus(status)
            return GatewayError(kind, httpError.body ?? httpError.status.reasonPhrase, status: status)
        }
        return GatewayError(.internalError, "Internal error.", code: "internal_error")
    }
}

extension GatewayError {
    /// The HTTP response for this error: its status, the OpenAI error body, and `Retry-After` when known.
    func response() -> Response {
        var buffer = ByteBuffer()
        body.write(to: &buffer)
        var headers = ResponseHeaders.json
        if let retryAfter {
            headers[.retryAfter] = retryAfter == retryAfter.rounded() ? String(Int(retryAfter)) : String(retryAfter)
        }
        for (name, value) in self.headers.sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}
