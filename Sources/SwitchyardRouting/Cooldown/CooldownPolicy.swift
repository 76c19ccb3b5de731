import SwitchyardCore

/// When a failing deployment leaves rotation, and for how long.
///
/// With `allowed_fails` or `allowed_fails_policy` set, a deployment cools down once its failures in
/// the current minute exceed the allowance for the error's class. Without either, LiteLLM's default
/// rule applies:
/// - 429 in a group of several deployments: the others can take the traffic while this one's quota
///   refills; in a group of one, cooling down would only turn 429s into "no deployments" errors.
/// - More than half of this minute's requests failed, with at least 5 requests, in a group of several:
///   the deployment is unhealthy, whatever the statuses.
/// - 401 and 404: the key or the deployment name is wrong; no retry will fix that, so stop sending
///   traffic there even in a group of one (the error is answered either way).
///
/// Only errors that say something about the deployment count: 429, 401, 404, 408 and 5xx and
/// unreachable upstreams. Other 4xx errors are the request's fault and never cool a deployment down.
public struct CooldownPolicy: Sendable {
    /// Failures allowed per minute before a cooldown (`allowed_fails`).
    public var allowedFails: Int?
    /// Failures allowed per minute by error class (`allowed_fails_policy`).
    public var allowedFailsByClass: [FailureClass: Int]
    /// How long a cooldown lasts when neither the deployment nor the upstream says (`cooldown_time`, default 5 s).
    public var cooldownTime: Double
    /// `disable_cooldowns`.
    public var disabled: Bool

    /// A policy; LiteLLM's defaults.
    public init(allowedFails: Int? = nil, allowedFailsByClass: [FailureClass: Int] = [:], cooldownTime: Double = 5, disabled: Bool = false) {
        self.allowedFails = allowedFails
        self.allowedFailsByClass = allowedFailsByClass
        self.cooldownTime = cooldownTime
        self.disabled = disabled
    }

    /// Whether `error` says something about the deployment (as opposed to the request).
    static func countsAgainstDeployment(_ error: GatewayError) -> Bool {
        switch error.kind {
        case .rateLimited, .authentication, .notFound, .timeout, .upstreamError, .upstreamUnavailable: true
        case .permissionDenied, .badRequest, .requestTooLarge, .unprocessable, .contextWindowExceeded, .contentPolicy, .budgetExceeded,
            .allDeploymentsFailed, .internalError:
            error.status >= 500
        }
    }

    /// Whether a deployment that just failed with `error` cools down, given this minute's counts
    /// (including this failure) and the size of its group.
    public func shouldCoolDown(after error: GatewayError, failuresThisMinute: Int, requestsThisMinute: Int, groupSize: Int) -> Bool {
        guard !disabled, Self.countsAgainstDeployment(error) else { return false }
        if allowedFails != nil || !allowedFailsByClass.isEmpty {
            let allowance = allowedFailsByClass[FailureClass.failureClass(of: error)] ?? allowedFails ?? 0
            return failuresThisMinute > allowance
        }
        if error.kind == .authentication || error.kind == .notFound { return true }
        guard groupSize > 1 else { return false }
        if error.kind == .rateLimited { return true }
        return requestsThisMinute >= 5 && Double(failuresThisMinute) / Double(requestsThisMinute) > 0.5
    }

    /// The cooldown length: the deployment's `cooldown_time`, else the upstream's `Retry-After`
    /// (at most 10 minutes), else the router's.
    public func duration(for deployment: Deployment, after error: GatewayError) -> Duration {
        let seconds = deployment.cooldownTime ?? error.retryAfter.map { min(max($0, 0), 600) } ?? cooldownTime
        // A config may say `cooldown_time: .inf` (YAML reads it as a float): cap it at ten years rather than
        // trap converting it to whole milliseconds; NaN and negatives are no cooldown.
        guard seconds.isFinite else { return seconds > 0 ? .seconds(315_360_000) : .zero }
        return .milliseconds(Int64(min(max(seconds, 0), 315_360_000) * 1000))
    }
}

extension CooldownPolicy {
    /// The classes of `allowed_fails_policy`; LiteLLM's names, written once in Core.
    public typealias FailureClass = LiteLLMErrorClass
}

extension LiteLLMErrorClass {
    /// The `allowed_fails_policy` class of `error`, by kind and status.
    public static func failureClass(of error: GatewayError) -> LiteLLMErrorClass {
        switch (error.kind, error.status) {
        case (.rateLimited, _): .rateLimit
        case (.timeout, _): .timeout
        case (.authentication, _), (.permissionDenied, _): .authentication
        case (.contentPolicy, _): .contentPolicy
        case (.notFound, _): .notFound
        case (_, 503): .serviceUnavailable
        case (_, 502), (.upstreamUnavailable, _): .badGateway
        case (_, 500...): .internalServer
        default: .badRequest
        }
    }
}
