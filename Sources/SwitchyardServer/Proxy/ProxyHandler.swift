import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardRouting

/// Serves the OpenAI endpoints: reads the request, admits it through access control, lets the router
/// pick and retry deployments, and answers with the upstream's JSON or pipes its stream.
struct ProxyHandler: Sendable {
    let gateway: Gateway

    /// Handles one request to `endpoint`.
    func handle(_ request: Request, context: GatewayContext, endpoint: GatewayEndpoint) async throws -> Response {
        var proxyRequest = try await ProxyRequest.read(
            request,
            context: context,
            endpoint: endpoint,
            pathModel: context.parameters.get("model"),
            defaultPriority: gateway.configuration.defaultPriority
        )
        if proxyRequest.stream, gateway.access != nil { proxyRequest.askForStreamUsage() }
        let meter = try await gateway.meter(&proxyRequest, context: context, callType: endpoint.callType)
        do {
            if proxyRequest.stream {
                return try await stream(proxyRequest, context: context, meter: meter)
            }
            return try await complete(proxyRequest, context: context, meter: meter)
        } catch {
            await meter.failed(error)
            throw error
        }
    }

    /// A non-streaming answer: the upstream's JSON with the public model name.
    func complete(_ request: ProxyRequest, context: GatewayContext, meter: RequestMeter) async throws(GatewayError) -> Response {
        let (outcome, upstreamTime) = try await gateway.answer(request)
        var object = outcome.value.object
        object["model"] = .string(request.model)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(1024)
        JSONValue.object(object).write(to: &buffer)
        var headers = ResponseHeaders.json
        ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
        if meter.isActive {
            let cost = await meter.completed(outcome.value.object, native: false, deployment: outcome.deployment)
            ResponseHeaders.addSpend(to: &headers, meter: meter, cost: cost)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}

extension GatewayEndpoint {
    /// LiteLLM's `call_type` of a spend log row for this endpoint.
    var callType: String {
        switch self {
        case .chatCompletions: "acompletion"
        case .completions: "atext_completion"
        case .embeddings: "aembedding"
        }
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
