import Foundation
import Logging
import NIOCore
import SwitchyardConfig
import SwitchyardCore
import SwitchyardProviders
import SwitchyardRouting

/// Switchyard as a library, the way `litellm.Router` is used in Python: the same routing, retries,
/// cooldowns, fallbacks and provider translation as the server, called in-process with OpenAI-shaped
/// JSON.
///
/// ```swift
/// let router = try Gateway.load(configPath: "config.yaml")
/// let reply = try await router.chat(["model": "gpt-4o", "messages": [["role": "user", "content": "Hello"]]])
/// for try await chunk in try await router.streamChat(["model": "gpt-4o", "messages": [["role": "user", "content": "Hi"]]]) {
///     print(chunk["choices"] ?? .null)
/// }
/// let vectors = try await router.embeddings(["model": "text-embedding-3-small", "input": "Hello"])
/// ```
extension Gateway {
    /// A gateway for the config file at `configPath`: deployments of unsupported providers are left out
    /// (as `serve` does), upstream calls go over HTTP unless `transports` names another for a provider.
    public static func load(
        configPath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        transports: [String: any UpstreamTransport] = [:],
        logger: Logger = Logger(label: "switchyard")
    ) throws(ConfigError) -> Gateway {
        let config = try ConfigLoader.load(path: configPath, environment: environment)
        let transport = try HTTPUpstreamTransport.make(for: config, environment: environment)
        let (configuration, _) = Gateway.Configuration.make(from: config, defaultTransport: transport, transports: transports)
        return Gateway(configuration: configuration, logger: logger)
    }

    /// A chat completion (`POST /v1/chat/completions` without `stream`), with the public model name.
    public func chat(_ body: JSONObject) async throws(GatewayError) -> JSONObject {
        try await complete(.chatCompletions, body)
    }

    /// A legacy text completion (`POST /v1/completions`).
    public func completion(_ body: JSONObject) async throws(GatewayError) -> JSONObject {
        try await complete(.completions, body)
    }

    /// Embeddings (`POST /v1/embeddings`).
    public func embeddings(_ body: JSONObject) async throws(GatewayError) -> JSONObject {
        try await complete(.embeddings, body)
    }

    /// A streamed chat completion: the chunks as they arrive. Retries and fallbacks happen before the
    /// first chunk; a stream that breaks later ends by throwing the ``GatewayError``.
    public func streamChat(_ body: JSONObject) async throws(GatewayError) -> AsyncThrowingStream<JSONObject, any Error> {
        var streamed = body
        streamed["stream"] = true
        let (request, meter) = try libraryRequest(streamed, endpoint: .chatCompletions)
        let outcome = try await meter.ending(onFailure: { () async throws(GatewayError) in try await openStream(request, meter: meter).0 })
        let codec = ChunkObjectCodec(model: request.model, translator: outcome.value.translator)
        return AsyncThrowingStream { continuation in
            let task = Task {
                let write: ([JSONObject]) async throws -> Void = { objects in
                    for object in objects {
                        if case .terminated = continuation.yield(object) { throw CancellationError() }
                    }
                }
                await StreamRun.run(codec, upstream: outcome.value.response.body, write: write) { ending, tally in
                    // The slot is freed before the consumer sees the end, so its next request finds it free.
                    outcome.lease?.end(totalTokens: tally.totalTokens)
                    await meter.streamEnded(tally, deployment: outcome.value.deployment, error: ending.error)
                    continuation.finish(throwing: ending.error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A complete answer through the same steps as the server's: the OpenAI dialect parses and renders,
    /// the router routes, the meter hands the record to the observers.
    private func complete(_ endpoint: GatewayEndpoint, _ body: JSONObject) async throws(GatewayError) -> JSONObject {
        var plain = body
        plain["stream"] = nil
        let (request, meter) = try libraryRequest(plain, endpoint: endpoint)
        let outcome = try await meter.ending(onFailure: { () async throws(GatewayError) in try await answer(request, meter: meter).0 })
        let dialect = OpenAIDialect(endpoint: endpoint)
        if meter.isRecorded { await meter.completed(usage: dialect.usage(of: outcome.value), deployment: outcome.deployment) }
        return dialect.render(outcome.value, request: request)
    }

    /// A library call's request, parsed by the OpenAI dialect, and its account: no key (the caller is the
    /// process itself), observers as configured.
    private func libraryRequest(_ body: JSONObject, endpoint: GatewayEndpoint) throws(GatewayError) -> (ProxyRequest, RequestMeter) {
        let dialect = OpenAIDialect(endpoint: endpoint)
        let request = try dialect.parse(body, pathModel: nil, headers: [:], defaultPriority: configuration.defaultPriority)
        let meter = RequestMeter(
            access: nil, admission: nil, costs: costs, requestID: requestIDs.next(), callType: dialect.callType, body: request.body,
            logger: logger, observers: configuration.observers)
        return (request, meter)
    }
}
