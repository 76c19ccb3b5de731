import SwitchyardCore

/// `router_settings.retry_policy`: how many times to retry a request, by the kind of error it failed with.
///
/// Each property is one of LiteLLM's `RetryPolicy` keys; `nil` means the key is not set, so `num_retries`
/// applies to that kind. LiteLLM's error kinds map to statuses as its exception mapping does: bad request 400,
/// authentication 401/403, timeout 408, rate limit 429, content policy violation (a 400 the provider flags),
/// internal server error 5xx.
public struct RetryPolicySettings: Sendable, Hashable {
    /// `BadRequestErrorRetries`.
    public var badRequest: Int?
    /// `AuthenticationErrorRetries`.
    public var authentication: Int?
    /// `TimeoutErrorRetries`.
    public var timeout: Int?
    /// `RateLimitErrorRetries`.
    public var rateLimit: Int?
    /// `ContentPolicyViolationErrorRetries`.
    public var contentPolicyViolation: Int?
    /// `InternalServerErrorRetries`.
    public var internalServer: Int?

    /// A policy; no kind set by default.
    public init(
        badRequest: Int? = nil,
        authentication: Int? = nil,
        timeout: Int? = nil,
        rateLimit: Int? = nil,
        contentPolicyViolation: Int? = nil,
        internalServer: Int? = nil
    ) {
        self.badRequest = badRequest
        self.authentication = authentication
        self.timeout = timeout
        self.rateLimit = rateLimit
        self.contentPolicyViolation = contentPolicyViolation
        self.internalServer = internalServer
    }

    /// LiteLLM's key names, in the order of its `RetryPolicy` class.
    public static let keys: [String] = LiteLLMErrorClass.retryClasses.map(\.retriesKey)

    /// The count for `errorClass`; classes `retry_policy` has no key for read nil and ignore writes.
    public subscript(errorClass errorClass: LiteLLMErrorClass) -> Int? {
        get { Self.property(errorClass).flatMap { self[keyPath: $0] } }
        set { if let property = Self.property(errorClass) { self[keyPath: property] = newValue } }
    }

    /// The value of LiteLLM's key `key`; setting an unknown key does nothing.
    public subscript(key: String) -> Int? {
        get { LiteLLMErrorClass.retryClasses.first { $0.retriesKey == key }.flatMap { self[errorClass: $0] } }
        set { if let errorClass = LiteLLMErrorClass.retryClasses.first(where: { $0.retriesKey == key }) { self[errorClass: errorClass] = newValue } }
    }

    /// The kinds that are set, by LiteLLM's key name (`RateLimitErrorRetries: 3`).
    public var byKey: [String: Int] {
        Self.keys.reduce(into: [:]) { result, key in result[key] = self[key] }
    }

    private static func property(_ errorClass: LiteLLMErrorClass) -> WritableKeyPath<Self, Int?>? {
        switch errorClass {
        case .badRequest: \.badRequest
        case .authentication: \.authentication
        case .timeout: \.timeout
        case .rateLimit: \.rateLimit
        case .contentPolicy: \.contentPolicyViolation
        case .internalServer: \.internalServer
        case .serviceUnavailable, .badGateway, .notFound: nil
        }
    }
}
