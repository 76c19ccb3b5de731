import SwitchyardCore

/// The attempts of one routed request across retries and fallback groups: an event-in, action-out
/// state machine with no I/O. The router feeds it what happened and performs the action it returns,
/// so every path — retry here, wait then retry, fall back to that group, give up with this error — is
/// tested on its own (`RouteRunTests`) and through the router with scripted deployments.
struct RouteRun {
    /// What the router does next.
    enum Action: Equatable {
        /// Pick a deployment of this group (excluding ``refused``, preferring untried) and attempt it.
        case pick(group: String)
        /// Wait, then pick again in the same group.
        case wait(Duration)
        /// Give up with this error.
        case fail(GatewayError)
    }

    /// One failed attempt, for the final error message.
    struct Failure: Equatable {
        let deploymentID: String?
        let group: String
        let error: GatewayError
    }

    let originalGroup: String
    let retryPolicy: RetryPolicy
    let fallbacks: FallbackSettings
    let options: RouteOptions
    private(set) var group: String
    private(set) var groupsTried: [String]
    private var fallbackQueue: [String]?
    private(set) var retriesInGroup = 0
    private(set) var totalRetries = 0
    private(set) var fallbacksUsed = 0
    private(set) var failures: [Failure] = []
    /// Deployments that refused this request in a way no retry changes (401, 403, 404, 400): never tried again.
    private(set) var refused: Set<String> = []
    /// Deployments attempted for this request.
    private(set) var tried: Set<String> = []
    /// Fallback groups the caller may not use, skipped without a request (named in the final error).
    private(set) var forbidden: [String] = []
    /// The error that made the request fall back, answered when every group after it is skipped.
    private var lastError: GatewayError?

    init(group: String, retryPolicy: RetryPolicy, fallbacks: FallbackSettings, options: RouteOptions) {
        self.originalGroup = group
        self.group = group
        self.groupsTried = [group]
        self.retryPolicy = retryPolicy
        self.fallbacks = fallbacks
        self.options = options
    }

    /// The first action.
    func start() -> Action { .pick(group: group) }

    /// Records that `deployment` is being attempted.
    mutating func attempting(_ deployment: Deployment) {
        tried.insert(deployment.id)
    }

    /// The current group has no deployment to offer (all cooling down, none fits the prompt, unknown).
    mutating func noDeployment(_ error: GatewayError) -> Action {
        failures.append(Failure(deploymentID: nil, group: group, error: error))
        return fallBack(after: error)
    }

    /// `deployment` failed with `error`. `groupSize` counts the group's deployments; `healthyUntried`
    /// says whether one that is neither cooling down nor already tried remains.
    mutating func failed(
        _ deployment: Deployment,
        with error: GatewayError,
        groupSize: Int,
        healthyUntried: Bool,
        random: inout any RandomNumberGenerator
    ) -> Action {
        failures.append(Failure(deploymentID: deployment.id, group: group, error: error))
        if RouteRun.refuses(error) { refused.insert(deployment.id) }
        let allowed = retryPolicy.allowedRetries(after: error, from: deployment, requestOverride: options.numRetries)
        let retry =
            retriesInGroup < allowed
            && retryPolicy.isRetryable(error, groupSize: groupSize)
            && !fallbacks.hasDedicatedFallback(for: error, from: originalGroup)
        guard retry else { return fallBack(after: error) }
        retriesInGroup += 1
        totalRetries += 1
        if healthyUntried { return .pick(group: group) }
        return .wait(retryPolicy.wait(beforeRetry: retriesInGroup, after: error, random: &random))
    }

    /// The wait asked for is over.
    func waited() -> Action { .pick(group: group) }

    /// The caller may not use the group just picked (its key, team, user or customer lists leave it out):
    /// nothing is sent to it, it is not counted as a fallback, and the next group is tried.
    mutating func notPermitted(_ group: String) -> Action {
        forbidden.append(group)
        if group != originalGroup { fallbacksUsed -= 1 }
        let error =
            lastError
            ?? GatewayError(
                .authentication, "This key is not allowed to access model group `\(group)`.", param: "model", code: "model_not_allowed")
        return fallBack(after: error)
    }

    /// Moves to the next fallback group, or gives up.
    private mutating func fallBack(after error: GatewayError) -> Action {
        lastError = error
        if options.disableFallbacks { return .fail(finalError(error)) }
        if fallbackQueue == nil {
            fallbackQueue = fallbacks.groups(after: error, from: originalGroup, requestFallbacks: options.fallbacks)
        }
        while var queue = fallbackQueue, !queue.isEmpty, fallbacksUsed < fallbacks.maxFallbacks {
            let next = queue.removeFirst()
            fallbackQueue = queue
            guard !groupsTried.contains(next) else { continue }
            groupsTried.append(next)
            group = next
            retriesInGroup = 0
            fallbacksUsed += 1
            return .pick(group: next)
        }
        return .fail(finalError(error))
    }

    /// The error answered when everything failed: the last error, its status and retry-after kept,
    /// naming every deployment tried and why it failed when there was more than one attempt.
    func finalError(_ last: GatewayError) -> GatewayError {
        var error = last
        if !forbidden.isEmpty {
            let names = forbidden.map { "`\($0)`" }.joined(separator: ", ")
            error.message += " (fallbacks not allowed for this key, not tried: \(names))"
        }
        guard failures.count > 1 else { return error }
        let tried = failures.map { failure in
            "\(failure.deploymentID ?? "no deployment available") in \(failure.group): \(failure.error.status) \(failure.error.message)"
        }
        error.message = "\(error.message) (all \(failures.count) attempts failed: \(tried.joined(separator: "; ")))"
        error.attempts = failures.map(\.error)
        return error
    }

    /// Whether the deployment turned the request down for good: its key, permissions or the model
    /// name are wrong for it, or it cannot take this request at all.
    static func refuses(_ error: GatewayError) -> Bool {
        switch error.kind {
        case .authentication, .permissionDenied, .notFound, .badRequest, .unprocessable, .requestTooLarge: true
        default: false
        }
    }
}
