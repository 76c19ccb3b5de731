import Hummingbird
import NIOCore
import SwitchyardCore

/// Serves the Responses API's create (`POST /v1/responses`) from any chat deployment: the request
/// becomes a chat completion the gateway routes as usual, and the answer or stream comes back as a
/// Response object or its events. Errors keep the OpenAI shape, as the Responses API uses it too.
struct ResponsesHandler: Sendable {
    let gateway: Gateway

    /// Handles `POST /v1/responses`.
    func handle(_ request: Request, context: GatewayContext) async throws(GatewayError) -> Response {
        let body = try await DialectBody.read(request, context: context)
        var proxyRequest = try ProxyRequest.make(
            try Responses.chatBody(from: body),
            endpoint: .chatCompletions,
            pathModel: nil,
            headers: request.headers,
            defaultPriority: gateway.configuration.defaultPriority
        )
        let meter = try await gateway.meter(&proxyRequest, context: context, callType: "aresponses")
        do {
            if proxyRequest.stream { return try await stream(proxyRequest, original: body, context: context, meter: meter) }
            let (outcome, upstreamTime) = try await gateway.answer(proxyRequest)
            var buffer = ByteBuffer()
            JSONValue.object(Responses.response(from: outcome.value.object, request: body, model: proxyRequest.model)).write(to: &buffer)
            var headers = ResponseHeaders.json
            ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
            if meter.isActive {
                let cost = await meter.completed(outcome.value.object, native: false, deployment: outcome.deployment)
                ResponseHeaders.addSpend(to: &headers, meter: meter, cost: cost)
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
        } catch {
            await meter.failed(error)
            throw error
        }
    }

    /// Retries and fallbacks happen before the first byte; a stream that breaks later ends with an
    /// `error` event and `response.failed`.
    private func stream(
        _ request: ProxyRequest, original: JSONObject, context: GatewayContext, meter: RequestMeter
    ) async throws(GatewayError) -> Response {
        let (outcome, upstreamTime) = try await gateway.openStream(request)
        let opened = outcome.value
        var headers = ResponseHeaders.eventStream
        ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
        meter.addHeaders(to: &headers)
        let model = request.model
        let logger = context.logger
        let lease = outcome.lease
        return DialectStream.response(
            opened, model: model, headers: headers, lease: lease, meter: meter, logger: logger,
            encoder: ResponsesStreamWriter(request: original, model: model))
    }
}
