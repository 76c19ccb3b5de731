import HTTPTypes
import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardRouting

/// A client's request to an OpenAI endpoint, read and checked: the body as the client sent it, plus
/// the typed views the gateway acts on.
package struct ProxyRequest: Sendable {
    /// The operation.
    package let endpoint: GatewayEndpoint
    /// The whole body, every field kept for pass-through.
    package var body: JSONObject
    /// The model group asked for.
    package var model: String
    /// Whether the client asked for a stream.
    package let stream: Bool
    /// The request's routing parameters (retries, fallbacks, priority, queue timeout).
    package var options: RouteOptions
    /// The request's own `timeout` (or `x-litellm-timeout`), over the deployment's.
    package var timeout: Double?
    /// The request's own `drop_params`, over the deployment's.
    package var dropParams: Bool?
    /// The client's body in its own wire format, sent as it is to a deployment with the capability to take
    /// it (a `/v1/messages` body for an ``AnthropicMessagesPassThrough`` adapter); nil for OpenAI-shaped requests.
    package var passThroughBody: JSONObject?
    /// Why ``body`` could not carry the client's request: only a deployment taking ``passThroughBody`` can serve it.
    package var untranslatable: GatewayError?
    /// The gateway added `stream_options.include_usage`; the usage chunk is for spend, not the client.
    package var hideUsageChunk = false
    /// The client's body as it came, for dialects whose answer echoes it (the Responses API's object).
    package var clientBody: JSONObject?

    /// Checks a body already parsed, and takes the routing parameters out of it.
    package static func make(
        _ object: JSONObject,
        endpoint: GatewayEndpoint,
        pathModel: String?,
        headers: HTTPFields = [:],
        defaultPriority: Int = RouteOptions.defaultPriority
    ) throws(GatewayError)
        -> ProxyRequest
    {
        var body = object
        if let pathModel { body["model"] = .string(pathModel) }
        guard let model = body["model"]?.stringValue, !model.isEmpty else {
            throw GatewayError.missingParameter("model", expected: "a string")
        }
        switch endpoint {
        case .chatCompletions:
            guard let messages = body["messages"]?.arrayValue else {
                throw GatewayError.missingParameter("messages", expected: "an array")
            }
            guard !messages.isEmpty else {
                throw GatewayError(.badRequest, "'messages' must contain at least one message.", param: "messages", code: "invalid_request_body")
            }
        case .completions:
            guard let prompt = body["prompt"], !prompt.isNull else {
                throw GatewayError.missingParameter("prompt", expected: "a string or an array")
            }
        case .embeddings:
            guard let input = body["input"], !input.isNull else {
                throw GatewayError.missingParameter("input", expected: "a string or an array")
            }
        }
        let stream: Bool
        switch body["stream"] {
        case nil, .null?: stream = false
        case .bool(let value)?: stream = value
        default: throw GatewayError(.badRequest, "'stream' must be a boolean.", param: "stream", code: "invalid_request_body")
        }
        if stream && endpoint == .embeddings {
            throw GatewayError(.badRequest, "Embeddings cannot be streamed.", param: "stream", code: "invalid_request_body")
        }
        let (options, timeout) = try takeRoutingParameters(from: &body, headers: headers, stream: stream, defaultPriority: defaultPriority)
        var dropParams: Bool?
        if let value = body.removeValue(forKey: "drop_params"), !value.isNull {
            guard let flag = value.boolValue else { throw invalid("drop_params", "a boolean") }
            dropParams = flag
        }
        return ProxyRequest(
            endpoint: endpoint,
            body: body,
            model: model,
            stream: stream,
            options: options,
            timeout: timeout,
            dropParams: dropParams
        )
    }
}
