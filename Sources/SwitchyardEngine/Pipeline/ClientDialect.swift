import HTTPTypes
import NIOCore
import SwitchyardCore
import SwitchyardKeys
import SwitchyardProviders

/// What differs between the client APIs the gateway serves — OpenAI's chat completions, legacy
/// completions and embeddings, Anthropic's Messages, OpenAI's Responses — and nothing else: how a body
/// becomes the canonical request, how a complete answer and a stream look, and the error shape.
/// Reading, admission, routing, streaming and finishing are ``RequestPipeline``'s, the same for all.
package protocol ClientDialect: Sendable {
    /// LiteLLM's `call_type` of this dialect's requests (`acompletion`, `anthropic_messages`, …).
    var callType: String { get }

    /// Whether a streamed request asks the upstream for usage (`stream_options.include_usage`) when the
    /// gateway meters it, hiding the usage chunk the client did not ask for.
    var asksForStreamUsage: Bool { get }

    /// The canonical (OpenAI chat-shaped) request for a client's body, every field kept; `pathModel` is
    /// the model a route's path names (Azure-style and `/engines/` routes).
    func parse(_ body: JSONObject, pathModel: String?, headers: HTTPFields, defaultPriority: Int) throws(GatewayError) -> ProxyRequest

    /// The complete answer in this dialect's shape, under the model name the client asked for.
    func render(_ answer: CompletedAnswer, request: ProxyRequest) -> JSONObject

    /// The usage of a complete answer, for metering: OpenAI's `usage`, or the dialect's own when the answer
    /// was passed through in the client's wire format.
    func usage(of answer: CompletedAnswer) -> TokenUsage?

    /// The codec that turns an opened upstream stream into this dialect's stream.
    func streamCodec(for opened: OpenedStream, request: ProxyRequest) -> any StreamCodec<ByteBuffer>

    /// The error body in this dialect's shape, or nil for OpenAI's (which `ErrorMiddleware` renders).
    func errorBody(_ error: GatewayError) -> JSONObject?
}

extension ClientDialect {
    package var asksForStreamUsage: Bool { false }
    package func usage(of answer: CompletedAnswer) -> TokenUsage? { answer.object["usage"]?.objectValue.flatMap(TokenUsage.init(openAIUsage:)) }
    package func errorBody(_ error: GatewayError) -> JSONObject? { nil }
}

/// OpenAI's chat completions, legacy completions and embeddings: the canonical format itself.
package struct OpenAIDialect: ClientDialect {
    package let endpoint: GatewayEndpoint

    /// The dialect of `endpoint`.
    package init(endpoint: GatewayEndpoint) {
        self.endpoint = endpoint
    }

    package var callType: String {
        switch endpoint {
        case .chatCompletions: "acompletion"
        case .completions: "atext_completion"
        case .embeddings: "aembedding"
        }
    }

    package var asksForStreamUsage: Bool { true }

    package func parse(_ body: JSONObject, pathModel: String?, headers: HTTPFields, defaultPriority: Int) throws(GatewayError) -> ProxyRequest {
        try ProxyRequest.make(body, endpoint: endpoint, pathModel: pathModel, headers: headers, defaultPriority: defaultPriority)
    }

    package func render(_ answer: CompletedAnswer, request: ProxyRequest) -> JSONObject {
        var object = answer.object
        object["model"] = .string(request.model)
        return object
    }

    package func streamCodec(for opened: OpenedStream, request: ProxyRequest) -> any StreamCodec<ByteBuffer> {
        OpenAIStreamCodec(model: request.model, translator: opened.translator, hideUsageChunk: request.hideUsageChunk)
    }
}

/// Anthropic's Messages API (`/v1/messages`) from any deployment: translated to a chat completion, or
/// passed through as it is to a deployment with the ``AnthropicMessagesPassThrough`` capability. Every
/// error is answered in Anthropic's shape, which the Anthropic SDKs read.
package struct AnthropicMessagesDialect: ClientDialect {
    /// The dialect.
    package init() {}

    package var callType: String { "anthropic_messages" }

    package func parse(_ body: JSONObject, pathModel: String?, headers: HTTPFields, defaultPriority: Int) throws(GatewayError) -> ProxyRequest {
        // A body the translation cannot carry (documents, server tools, …) may still be served by an
        // Anthropic deployment, which gets it as it is; any other deployment answers the translation's error.
        let chat: JSONObject
        var untranslatable: GatewayError?
        do {
            chat = try AnthropicMessages.chatBody(from: body)
        } catch {
            untranslatable = error
            chat = AnthropicMessages.routingOnlyBody(body)
        }
        var request = try ProxyRequest.make(chat, endpoint: .chatCompletions, pathModel: nil, headers: headers, defaultPriority: defaultPriority)
        request.passThroughBody = AnthropicMessages.nativeBody(body)
        request.untranslatable = untranslatable
        return request
    }

    package func render(_ answer: CompletedAnswer, request: ProxyRequest) -> JSONObject {
        guard answer.passedThrough else { return AnthropicMessages.message(from: answer.object, model: request.model) }
        var message = answer.object
        message["model"] = .string(request.model)
        return message
    }

    package func streamCodec(for opened: OpenedStream, request: ProxyRequest) -> any StreamCodec<ByteBuffer> {
        if opened.passedThrough { return AnthropicPassThroughCodec(model: request.model) }
        return DialectStreamCodec(model: request.model, translator: opened.translator, encoder: AnthropicStreamWriter(model: request.model))
    }

    package func usage(of answer: CompletedAnswer) -> TokenUsage? {
        guard answer.passedThrough else { return answer.object["usage"]?.objectValue.flatMap(TokenUsage.init(openAIUsage:)) }
        return answer.object["usage"]?.objectValue.flatMap(AnthropicMessages.tokenUsage)
    }

    package func errorBody(_ error: GatewayError) -> JSONObject? { AnthropicMessages.errorBody(error) }
}

/// OpenAI's Responses API create (`/v1/responses`) from any chat deployment: translated to a chat
/// completion; the answer comes back as a Response object or its events. Errors keep OpenAI's shape.
package struct ResponsesDialect: ClientDialect {
    /// The dialect.
    package init() {}

    package var callType: String { "aresponses" }

    package func parse(_ body: JSONObject, pathModel: String?, headers: HTTPFields, defaultPriority: Int) throws(GatewayError) -> ProxyRequest {
        var request = try ProxyRequest.make(
            try Responses.chatBody(from: body), endpoint: .chatCompletions, pathModel: nil, headers: headers, defaultPriority: defaultPriority)
        request.clientBody = body
        return request
    }

    package func render(_ answer: CompletedAnswer, request: ProxyRequest) -> JSONObject {
        Responses.response(from: answer.object, request: request.clientBody ?? [:], model: request.model)
    }

    package func streamCodec(for opened: OpenedStream, request: ProxyRequest) -> any StreamCodec<ByteBuffer> {
        DialectStreamCodec(
            model: request.model, translator: opened.translator,
            encoder: ResponsesStreamWriter(request: request.clientBody ?? [:], model: request.model))
    }
}
