import Hummingbird
import Logging
import NIOCore
import SwitchyardEngine
import SwitchyardKeys

/// The request context of every route: Hummingbird's core storage plus the gateway's per-request facts.
public struct GatewayContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request id echoed as `x-request-id` (the client's, when it sent a usable one).
    public var requestID: String
    /// When the request head arrived; the start of `x-litellm-response-duration-ms`.
    public let startedAt: ContinuousClock.Instant
    /// The body size limit, from `general_settings.max_request_size_mb`.
    public var maxRequestBytes: Int
    /// Who is calling, set by `AuthMiddleware` (the master key's caller until then).
    public var caller: Caller
    /// The whole request body when the server collected it before the request's task began (the
    /// gateway's own server always does): `RequestBody.collect` takes it as it is instead of reading
    /// the request's body sequence.
    var receivedBody: ByteBuffer?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.startedAt = .now
        self.maxRequestBytes = Gateway.defaultMaxRequestBytes
        self.caller = .master
    }

    public var maxUploadSize: Int { maxRequestBytes }
}
