import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardRouting

/// The one path every LLM request takes, whatever its client dialect: read → (authenticated by
/// `AuthMiddleware`) → admit → cache lookup → route → respond → finish. The dialect only parses,
/// renders and picks the stream codec; everything else is written once, here.
struct RequestPipeline<Dialect: ClientDialect>: Sendable {
    let gateway: Gateway
    let dialect: Dialect

    /// Serves one request; `pathModel` is the model a route's path names.
    func handle(_ request: Request, context: GatewayContext, pathModel: String? = nil) async throws -> Response {
        do {
            // 1. Read (the body within the size limit, as a JSON object) and parse it for the dialect.
            let body = try await RequestBody.object(request, context: context)
            var proxyRequest = try dialect.parse(
                body, pathModel: pathModel, headers: request.headers, defaultPriority: gateway.configuration.defaultPriority)
            if proxyRequest.stream, gateway.access != nil, dialect.asksForStreamUsage { proxyRequest.askForStreamUsage() }
            // 3. Admit: model access, budgets, rpm/tpm/parallel; the meter ends the request however it ends.
            let meter = try await gateway.meter(
                &proxyRequest, caller: context.caller, requestID: context.requestID, logger: context.logger, callType: dialect.callType)
            let routed = proxyRequest
            return try await meter.ending(onFailure: { () async throws(GatewayError) in
                // 4. Cache lookup: the slot the response cache fills; nothing answers from here yet.
                // 5.–7. Route, respond, finish.
                routed.stream
                    ? try await stream(routed, context: context, meter: meter)
                    : try await complete(routed, context: context, meter: meter)
            })
        } catch {
            let gatewayError = ErrorMiddleware.gatewayError(from: error)
            guard let errorBody = dialect.errorBody(gatewayError) else { throw error }
            return Self.errorResponse(gatewayError, body: errorBody)
        }
    }

    /// A complete answer in the dialect's shape, with the routing and spend headers.
    private func complete(_ request: ProxyRequest, context: GatewayContext, meter: RequestMeter) async throws(GatewayError) -> Response {
        let (outcome, upstreamTime) = try await gateway.answer(request, meter: meter)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(1024)
        JSONValue.object(dialect.render(outcome.value, request: request)).write(to: &buffer)
        var headers = ResponseHeaders.json
        ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
        if meter.isRecorded {
            let cost = await meter.completed(usage: dialect.usage(of: outcome.value), deployment: outcome.deployment)
            if meter.isActive { ResponseHeaders.addSpend(to: &headers, meter: meter, cost: cost) }
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// A streamed answer: retries and fallbacks happen before the first byte; after it, the stream is
    /// piped chunk by chunk and a break ends it in the dialect's error shape (``StreamRun``).
    private func stream(_ request: ProxyRequest, context: GatewayContext, meter: RequestMeter) async throws(GatewayError) -> Response {
        let (outcome, upstreamTime) = try await gateway.openStream(request, meter: meter)
        var headers = ResponseHeaders.eventStream
        ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
        meter.addHeaders(to: &headers)
        let codec = dialect.streamCodec(for: outcome.value, request: request)
        return StreamRun.response(codec, opened: outcome.value, headers: headers, lease: outcome.lease, meter: meter, logger: context.logger)
    }

    /// An error in a dialect's own shape, with its status and `Retry-After` when known.
    static func errorResponse(_ error: GatewayError, body: JSONObject) -> Response {
        var buffer = ByteBuffer()
        JSONValue.object(body).write(to: &buffer)
        var headers = ResponseHeaders.json
        if let retryAfter = error.retryAfter {
            headers[.retryAfter] = retryAfter == retryAfter.rounded() ? String(Int(retryAfter)) : String(retryAfter)
        }
        return Response(status: .init(code: error.status), headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}

extension ProxyRequest {
    /// Asks the upstream for the stream's usage (`stream_options.include_usage`), so that spend is
    /// counted from real tokens; when the client did not ask for it, its usage chunk is not forwarded.
    mutating func askForStreamUsage() {
        var options = body["stream_options"]?.objectValue ?? [:]
        guard options["include_usage"]?.boolValue != true else { return }
        options["include_usage"] = true
        body["stream_options"] = .object(options)
        hideUsageChunk = true
    }
}
