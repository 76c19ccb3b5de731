import NIOCore
import SwitchyardCore

/// Translates between the canonical (OpenAI-shaped) request and one provider dialect's wire format.
///
/// Adapters are pure: they build requests and read responses, and never do I/O, retries or logging.
/// The gateway sends what ``makeRequest(_:body:deployment:streaming:)`` builds through an
/// ``UpstreamTransport`` and hands the answer back to the adapter.
public protocol ProviderAdapter: Sendable {
    /// The upstream request for `endpoint`, carrying the client's `body` (every field it sent).
    func makeRequest(
        _ endpoint: GatewayEndpoint,
        body: JSONObject,
        deployment: Deployment,
        streaming: Bool
    ) throws(GatewayError) -> UpstreamRequest

    /// The OpenAI-shaped answer for a successful non-streaming upstream body.
    func translateResponse(_ body: ByteBuffer, endpoint: GatewayEndpoint, deployment: Deployment) throws(GatewayError) -> JSONObject

    /// A fresh translator for one streamed answer.
    func makeStreamTranslator(endpoint: GatewayEndpoint, deployment: Deployment) -> any StreamTranslator

    /// A fresh translator for one streamed answer to `body` (what the client sent), for dialects whose
    /// stream depends on the request (Anthropic's usage chunk for `stream_options.include_usage`).
    func makeStreamTranslator(endpoint: GatewayEndpoint, body: JSONObject, deployment: Deployment) -> any StreamTranslator

    /// The gateway error for an upstream error answer (status ≥ 400).
    func translateError(status: Int, headers: [(name: String, value: String)], body: ByteBuffer) -> GatewayError

    /// Adds credentials that need I/O or the current time (OAuth tokens, SigV4) to a built request;
    /// nil when ``makeRequest(_:body:deployment:streaming:)`` already put the key in.
    var authenticator: (any RequestAuthenticator)? { get }
}

extension ProviderAdapter {
    public var authenticator: (any RequestAuthenticator)? { nil }

    public func makeStreamTranslator(endpoint: GatewayEndpoint, body: JSONObject, deployment: Deployment) -> any StreamTranslator {
        makeStreamTranslator(endpoint: endpoint, deployment: deployment)
    }
}

/// Signs or authorizes an upstream request just before it is sent.
public protocol RequestAuthenticator: Sendable {
    /// Adds the credentials for `deployment` to `request` (headers, or the URL for some schemes).
    func authenticate(_ request: inout UpstreamRequest, deployment: Deployment) async throws(GatewayError)
}

/// An adapter whose provider needs more than one HTTP exchange per answer (Replicate: create a
/// prediction, then stream or poll it). The gateway hands it the transport instead of sending itself.
public protocol CustomExecuting: ProviderAdapter {
    /// Runs the exchange for the request ``ProviderAdapter/makeRequest(_:body:deployment:streaming:)`` built,
    /// and returns a response the adapter's own translators read.
    func execute(_ request: UpstreamRequest, deployment: Deployment, transport: any UpstreamTransport) async throws(GatewayError)
        -> UpstreamResponse
}

/// An adapter whose provider speaks Anthropic's Messages API itself. A `/v1/messages` client routed to it
/// is sent its own body, with only `model` replaced, and gets the upstream's own message or event stream
/// back: nothing the OpenAI translation cannot carry (cache control, thinking signatures, documents,
/// citations, server tools) is lost. The gateway asks for this capability, never for a concrete adapter.
public protocol AnthropicMessagesPassThrough: ProviderAdapter {
    /// The upstream request for a body already in Anthropic's Messages format.
    func makeNativeRequest(_ messages: JSONObject, deployment: Deployment, streaming: Bool) throws(GatewayError) -> UpstreamRequest
}

/// One step of a streamed answer, in OpenAI's chunk format.
public enum StreamOutput: Sendable, Equatable {
    /// A `chat.completion.chunk` (or `text_completion`) object.
    case chunk(JSONObject)
    /// The end of the stream (`data: [DONE]`).
    case done
}

/// Turns a provider's streamed body into OpenAI chunks, keeping whatever state the dialect needs.
///
/// A translator owns its framing (SSE, newline-delimited JSON, AWS event stream), so it is fed the
/// body's bytes as they arrive. Most dialects frame with SSE: they implement ``SSEEventTranslator`` and
/// wrap it in ``SSEStreamTranslator``.
public protocol StreamTranslator: Sendable {
    /// The chunks completed by one read of the upstream body; throws when the upstream reports an
    /// error mid-stream or sends something that cannot be decoded.
    mutating func translate(_ bytes: ByteBuffer) throws(GatewayError) -> [StreamOutput]
    /// The chunks of whatever the upstream left unterminated when its body ended.
    mutating func finish() throws(GatewayError) -> [StreamOutput]
}

/// Turns one Server-Sent Event of a provider's stream into OpenAI chunks.
public protocol SSEEventTranslator: Sendable {
    /// The chunks for one event; throws when the upstream reports an error mid-stream.
    mutating func translate(_ event: SSEEvent) throws(GatewayError) -> [StreamOutput]
}

/// A ``StreamTranslator`` for SSE-framed dialects: decodes events incrementally and hands each one to
/// the dialect's ``SSEEventTranslator``.
public struct SSEStreamTranslator<Events: SSEEventTranslator>: StreamTranslator {
    var decoder = SSEDecoder()
    var events: Events

    /// Reads SSE and translates each event with `events`.
    public init(_ events: Events) {
        self.events = events
    }

    public mutating func translate(_ bytes: ByteBuffer) throws(GatewayError) -> [StreamOutput] {
        let decoded: [SSEEvent]
        do {
            decoded = try decoder.feed(bytes)
        } catch {
            throw SSEStreamTranslator.undecodable(error)
        }
        var outputs: [StreamOutput] = []
        for event in decoded { outputs += try events.translate(event) }
        return outputs
    }

    public mutating func finish() throws(GatewayError) -> [StreamOutput] {
        let last: SSEEvent?
        do {
            last = try decoder.finish()
        } catch {
            throw SSEStreamTranslator.undecodable(error)
        }
        guard let last else { return [] }
        return try events.translate(last)
    }

    static func undecodable(_ error: SSEDecoderError) -> GatewayError {
        GatewayError(.upstreamUnavailable, "Upstream stream could not be decoded (\(error)).", code: "invalid_upstream_response")
    }
}
