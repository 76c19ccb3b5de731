import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardRouting

extension Gateway {
    /// Routes a non-streaming request and returns the upstream's answer (model name not yet rewritten),
    /// the routing outcome, and the time spent waiting on upstreams.
    package func answer(_ request: ProxyRequest, meter: RequestMeter? = nil) async throws(GatewayError) -> (
        Router.Outcome<CompletedAnswer>, upstreamTime: Duration
    ) {
        try await call(request, streaming: false, meter: meter) {
            (response, adapter, deployment, passedThrough) async throws(GatewayError) -> CompletedAnswer in
            let body = try await UpstreamExchange.collect(response.body, limit: configuration.maxResponseBytes)
            if passedThrough { return CompletedAnswer(object: try JSONObject(upstreamBody: body), passedThrough: true) }
            let object = try adapter.translateResponse(body, endpoint: request.endpoint, deployment: deployment)
            guard request.endpoint == .embeddings else { return CompletedAnswer(object: object) }
            return CompletedAnswer(object: EmbeddingEncoding.apply(to: object, request: request.body))
        }
    }

    /// Routes a streaming request until an upstream answers 200, retrying and falling back before the
    /// first byte like any other request.
    package func openStream(_ request: ProxyRequest, meter: RequestMeter? = nil) async throws(GatewayError) -> (
        Router.Outcome<OpenedStream>, upstreamTime: Duration
    ) {
        try await call(request, streaming: true, meter: meter) {
            (response, adapter, deployment, passedThrough) async throws(GatewayError) -> OpenedStream in
            let translator = adapter.makeStreamTranslator(endpoint: request.endpoint, body: request.body, deployment: deployment)
            return OpenedStream(response: response, deployment: deployment, translator: translator, passedThrough: passedThrough)
        }
    }

    /// One routed request: each attempt builds the upstream request with the deployment's adapter, sends
    /// it, turns an error status into the adapter's gateway error (which the router may retry), and
    /// hands a success to `read`. Returns the outcome and the time spent waiting on upstreams.
    private func call<Value: Sendable>(
        _ request: ProxyRequest,
        streaming: Bool,
        meter: RequestMeter?,
        read: (UpstreamResponse, any ProviderAdapter, Deployment, _ passedThrough: Bool) async throws(GatewayError) -> Value
    ) async throws(GatewayError) -> (Router.Outcome<Value>, upstreamTime: Duration) {
        var upstreamTime = Duration.zero
        let permits: (String) -> Bool = { meter?.permits($0) ?? true }
        let outcome = try await router.route(model: request.model, options: request.options, permits: permits) {
            (routed) async throws(GatewayError) -> Value in
            let deployment = request.applyingOverrides(to: routed)
            let adapter = try adapter(for: deployment)
            let upstreamRequest: UpstreamRequest
            let passThrough = request.passThroughBody != nil ? adapter as? any AnthropicMessagesPassThrough : nil
            if let passThrough, let clientBody = request.passThroughBody {
                upstreamRequest = try passThrough.makeNativeRequest(clientBody, deployment: deployment, streaming: streaming)
            } else {
                if let untranslatable = request.untranslatable { throw untranslatable }
                upstreamRequest = try adapter.makeRequest(request.endpoint, body: request.body, deployment: deployment, streaming: streaming)
            }
            let started = ContinuousClock.now
            var failure: GatewayError.Kind?
            defer {
                let latency = ContinuousClock.now - started
                upstreamTime += latency
                meter?.attempted(
                    RequestRecord.Attempt(
                        deploymentID: deployment.id, modelGroup: deployment.modelName, upstreamModel: deployment.upstreamModel,
                        apiBase: deployment.apiBase, latency: latency, errorKind: failure))
            }
            let response: UpstreamResponse
            do throws(GatewayError) {
                response = try await exchange(with: deployment, adapter: adapter).send(upstreamRequest)
            } catch {
                failure = error.kind
                throw error
            }
            return try await read(response, adapter, deployment, passThrough != nil)
        }
        return (outcome, upstreamTime)
    }

    /// The one exchange with `deployment` (authentication, custom execution, error statuses).
    package func exchange(with deployment: Deployment, adapter: any ProviderAdapter) -> UpstreamExchange {
        UpstreamExchange(adapter: adapter, transport: transport(for: deployment), deployment: deployment)
    }
}

/// A complete upstream answer, with the usage the router's strategies learn from.
package struct CompletedAnswer: Sendable, AttemptMetricsProviding {
    package let object: JSONObject
    /// Whether `object` is the upstream's answer in the client's own wire format (the request's
    /// ``ProxyRequest/passThroughBody`` was sent), not an OpenAI answer; its dialect reads it.
    package var passedThrough = false

    package var attemptMetrics: AttemptMetrics {
        let usage = object["usage"]?.objectValue
        return AttemptMetrics(outputTokens: usage?["completion_tokens"]?.intValue, totalTokens: usage?["total_tokens"]?.intValue)
    }
}

/// An upstream stream whose head said 200, ready to be piped.
package struct OpenedStream: Sendable {
    package let response: UpstreamResponse
    package let deployment: Deployment
    package let translator: any StreamTranslator
    /// Whether the body is the upstream's stream in the client's own wire format, to be passed through.
    package var passedThrough = false
}

extension ProxyRequest {
    /// The deployment with the request's own `timeout` and `drop_params`, when it set them.
    package func applyingOverrides(to deployment: Deployment) -> Deployment {
        guard timeout != nil || dropParams != nil else { return deployment }
        var copy = deployment
        if let timeout {
            copy.timeout = timeout
            copy.streamTimeout = timeout
        }
        if let dropParams { copy.dropParams = dropParams }
        return copy
    }
}
