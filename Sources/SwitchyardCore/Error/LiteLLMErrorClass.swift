/// LiteLLM's error classes as its `RetryPolicy` and `AllowedFailsPolicy` name them.
///
/// Each name is written here once; both policies' config keys are made from it (`RateLimit` →
/// `RateLimitErrorRetries`, `RateLimitErrorAllowedFails`), so the config reader, `check-config` and the
/// router read the same names and cannot drift apart. Which errors fall in which class is the router's
/// business (`RetryPolicy`, `CooldownPolicy`).
public enum LiteLLMErrorClass: String, Sendable, Hashable, CaseIterable {
    case badRequest = "BadRequest"
    case authentication = "Authentication"
    case timeout = "Timeout"
    case rateLimit = "RateLimit"
    case contentPolicy = "ContentPolicyViolation"
    case internalServer = "InternalServer"
    /// 503; `AllowedFailsPolicy` only.
    case serviceUnavailable = "ServiceUnavailable"
    /// 502; `AllowedFailsPolicy` only.
    case badGateway = "BadGateway"
    /// 404; `AllowedFailsPolicy` only.
    case notFound = "NotFound"

    /// The classes `router_settings.retry_policy` has keys for, in the order of LiteLLM's `RetryPolicy`.
    public static let retryClasses: [LiteLLMErrorClass] = [.badRequest, .authentication, .timeout, .rateLimit, .contentPolicy, .internalServer]

    /// The classes `router_settings.allowed_fails_policy` has keys for, in the order of LiteLLM's `AllowedFailsPolicy`.
    public static let allowedFailsClasses: [LiteLLMErrorClass] = allCases

    /// The class's `retry_policy` key: `RateLimitErrorRetries`.
    public var retriesKey: String { rawValue + "ErrorRetries" }

    /// The class's `allowed_fails_policy` key: `RateLimitErrorAllowedFails`.
    public var allowedFailsKey: String { rawValue + "ErrorAllowedFails" }
}
