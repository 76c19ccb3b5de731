import SwitchyardCore

/// How many times a failed request is retried within its model group, and how long to wait first.
///
/// The count comes, in order of precedence, from the request (`num_retries` in the body or the
/// `x-litellm-num-retries` header), the failed deployment's `num_retries`, `router_settings.retry_policy`
/// for the error's kind, and `router_settings.num_retries` (default 0), as in LiteLLM.
///
/// Retryable without a policy entry: timeouts (408), conflicts (409), rate limits (429), upstream server
/// errors (5xx) and unreachable upstreams — another attempt, often on another deployment, can succeed.
/// Authentication and permission errors (401/403) only when the group has another deployment, which
/// may hold a valid key. Never: bad requests, not found, context window and content policy errors —
/// the same request fails the same way everywhere; their fallbacks handle them instead.
public struct RetryPolicy: Sendable {
    /// Retries per error class (`router_settings.retry_policy`); LiteLLM's names, written once in Core.
    public typealias ErrorClass = LiteLLMErrorClass

    /// Retries after the first attempt when nothing more specific applies (`router_settings.num_retries`).
    public var numRetries: Int
    /// Retries by error class (`router_settings.retry_policy`).
    public var byErrorClass: [ErrorClass: Int]
    /// The smallest wait before a retry on the same deployments, seconds (`router_settings.retry_after`).
    public var minimumWait: Double

    /// A policy; LiteLLM's defaults are no retries and no minimum wait.
    public init(numRetries: Int = 0, byErrorClass: [ErrorClass: Int] = [:], minimumWait: Double = 0) {
        self.numRetries = max(0, numRetries)
        self.byErrorClass = byErrorClass
        self.minimumWait = max(0, minimumWait)
    }

    /// The retries allowed after `error` from `deployment`, given the request's own override.
    public func allowedRetries(after error: GatewayError, from deployment: Deployment, requestOverride: Int?) -> Int {
        if let requestOverride { return max(0, requestOverride) }
        if let perDeployment = deployment.numRetries { return max(0, perDeployment) }
        if let errorClass = ErrorClass.retryClass(of: error), let count = byErrorClass[errorClass] { return max(0, count) }
        return numRetries
    }

    /// Whether `error` is worth another attempt in a group of `groupSize` deployments.
    ///
    /// An explicit `retry_policy` entry for the error's class makes it retryable, as in LiteLLM.
    public func isRetryable(_ error: GatewayError, groupSize: Int) -> Bool {
        if let errorClass = ErrorClass.retryClass(of: error), byErrorClass[errorClass] != nil { return true }
        switch error.kind {
        case .timeout, .rateLimited, .upstreamUnavailable, .upstreamError:
            return true
        case .authentication, .permissionDenied:
            return groupSize > 1
        case .internalError:
            return false
        case .badRequest, .notFound, .requestTooLarge, .unprocessable, .contextWindowExceeded, .contentPolicy, .budgetExceeded,
            .allDeploymentsFailed:
            return error.status == 409
        }
    }

    /// The wait before retry number `retry` (1 for the first) when no other healthy deployment remains.
    ///
    /// The upstream's `Retry-After` when it gave one of at most 60 s; else exponential backoff,
    /// LiteLLM's: 0.5 s × 2^(retry−1), capped at 8 s, scaled by a jitter factor in [0.75, 1]; never
    /// less than ``minimumWait``.
    ///
    /// | retry | 1 | 2 | 3 | 4 | 5+ |
    /// | --- | --- | --- | --- | --- | --- |
    /// | backoff before jitter (s) | 0.5 | 1 | 2 | 4 | 8 |
    public func wait(beforeRetry retry: Int, after error: GatewayError, random: inout any RandomNumberGenerator) -> Duration {
        if let retryAfter = error.retryAfter, retryAfter >= 0, retryAfter <= 60 {
            return .milliseconds(Int64(max(retryAfter, minimumWait) * 1000))
        }
        let exponent = Double(min(max(retry - 1, 0), 4))
        let backoff = min(0.5 * pow2(exponent), 8) * Double.random(in: 0.75...1, using: &random)
        return .milliseconds(Int64(max(backoff, minimumWait) * 1000))
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}

extension LiteLLMErrorClass {
    /// The `retry_policy` class of `error`, as LiteLLM's exception mapping puts it; nil for errors no
    /// retry policy key covers (not found, budget).
    public static func retryClass(of error: GatewayError) -> LiteLLMErrorClass? {
        switch error.kind {
        case .badRequest, .unprocessable, .contextWindowExceeded, .requestTooLarge: .badRequest
        case .authentication, .permissionDenied: .authentication
        case .timeout: .timeout
        case .rateLimited: .rateLimit
        case .contentPolicy: .contentPolicy
        case .upstreamError, .upstreamUnavailable, .internalError, .allDeploymentsFailed: .internalServer
        case .notFound, .budgetExceeded: nil
        }
    }
}
