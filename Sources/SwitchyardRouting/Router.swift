import SwitchyardCore
import Synchronization

/// Routes requests for model groups to deployments: picks by strategy, retries, cools failing
/// deployments down, falls back to other groups, and queues requests when every deployment is at its
/// limits.
///
/// The router does no I/O of its own: ``route(_:options:attempt:)`` is handed the `attempt` closure that
/// calls a deployment, so it is driven by scripted deployments in tests, with an injected clock and
/// random source. This is also the in-process library API, like `litellm.Router`.
public final class Router: Sendable {
    /// Router-wide settings (`router_settings`).
    public struct Settings: Sendable {
        /// Retry counts and waits.
        public var retry: RetryPolicy
        /// How one deployment of a group is picked.
        public var strategy: any RoutingStrategy
        /// When failing deployments leave rotation.
        public var cooldown: CooldownPolicy
        /// Where failed requests go next.
        public var fallbacks: FallbackSettings
        /// `model_group_alias`.
        public var aliases: [String: ModelAlias]
        /// `enable_pre_call_checks`: skip deployments whose `max_input_tokens` the prompt exceeds.
        public var enablePreCallChecks: Bool
        /// `default_max_parallel_requests`: the in-flight limit of deployments that set none.
        public var defaultMaxParallelRequests: Int?
        /// Latency window size, sample ttl and EWMA decay of the deployment stats.
        public var stats = DeploymentStats.Configuration()

        /// Settings; LiteLLM's defaults are no retries, `simple-shuffle`, 5 s cooldowns, no fallbacks.
        public init(
            retry: RetryPolicy = RetryPolicy(),
            strategy: any RoutingStrategy = SimpleShuffleStrategy(),
            cooldown: CooldownPolicy = CooldownPolicy(),
            fallbacks: FallbackSettings = FallbackSettings(),
            aliases: [String: ModelAlias] = [:],
            enablePreCallChecks: Bool = false,
            defaultMaxParallelRequests: Int? = nil
        ) {
            self.retry = retry
            self.strategy = strategy
            self.cooldown = cooldown
            self.fallbacks = fallbacks
            self.aliases = aliases
            self.enablePreCallChecks = enablePreCallChecks
            self.defaultMaxParallelRequests = defaultMaxParallelRequests
        }

        /// Settings that only set the retry count.
        public init(numRetries: Int) {
            self.init(retry: RetryPolicy(numRetries: numRetries))
        }
    }

    /// What a routed request produced, and how it got there.
    public struct Outcome<Value: Sendable>: Sendable {
        /// The attempt's result.
        public var value: Value
        /// The deployment that answered.
        public var deployment: Deployment
        /// Retries made (`x-litellm-attempted-retries`).
        public var retries: Int
        /// Fallback groups tried (`x-litellm-attempted-fallbacks`).
        public var fallbacks: Int
        /// For streams: the in-flight slot the stream holds until ``StreamLease/end(totalTokens:)``.
        public var lease: StreamLease?
    }

    /// The model groups.
    public let modelGroups: ModelGroups
    let settings: Settings
    let clock: RouterClock
    let random: Mutex<any RandomNumberGenerator>
    /// Cooldowns and the per-minute failure counts behind them.
    public let cooldowns: CooldownTracker
    /// In-flight counts, usage and latency per deployment.
    public let stats: DeploymentStats
    /// Requests waiting for a deployment under its limits.
    public let queue: AdmissionQueue

    /// A router over `deployments`; `clock` and `random` are injectable so that tests are deterministic.
    public init(
        deployments: [Deployment],
        settings: Settings = Settings(),
        clock: RouterClock = .continuous,
        epochSeconds: @escaping @Sendable () -> Double = DeploymentStats.systemEpochSeconds,
        random: sending any RandomNumberGenerator = FastRandom()
    ) {
        self.modelGroups = ModelGroups(deployments: deployments, aliases: settings.aliases)
        self.settings = settings
        self.clock = clock
        self.random = Mutex(random)
        self.cooldowns = CooldownTracker(policy: settings.cooldown, clock: clock)
        self.stats = DeploymentStats(configuration: settings.stats, clock: clock, epochSeconds: epochSeconds)
        self.queue = AdmissionQueue()
    }

    /// Group names in config order.
    public var groupNames: [String] { modelGroups.names }

    /// The deployments serving `model` (after aliases and wildcards), or nil when none does.
    public func deployments(of model: String) -> [Deployment]? { modelGroups.resolve(model)?.deployments }

    /// Runs `attempt` on a deployment of `model`'s group, retrying and falling back as configured.
    ///
    /// Throws `.notFound` for a model no group serves; else, when everything failed, the last error
    /// with its status and retry-after, naming every deployment tried.
    ///
    /// `permits` says whether the caller may use a model group, by the name the router is about to try
    /// (the requested one, a request's `fallbacks`, `fallbacks`, `context_window_fallbacks`,
    /// `content_policy_fallbacks`, `default_fallbacks`; aliases and wildcards by the name written there).
    /// A group it refuses is skipped before any deployment of it is picked, and named in the final error.
    public func route<Value: Sendable>(
        model: String,
        options: RouteOptions = RouteOptions(),
        permits: (String) -> Bool = { _ in true },
        attempt: (Deployment) async throws(GatewayError) -> Value
    ) async throws(GatewayError) -> Outcome<Value> {
        guard modelGroups.resolve(model) != nil else { throw GatewayError.modelNotFound(model) }
        var run = RouteRun(group: model, retryPolicy: settings.retry, fallbacks: settings.fallbacks, options: options)
        var action = run.start()
        while true {
            switch action {
            case .fail(let error):
                throw error
            case .wait(let duration):
                do {
                    try await clock.sleep(duration)
                } catch {
                    throw GatewayError(.timeout, "The request was cancelled while waiting to retry.", code: "cancelled")
                }
                action = run.waited()
            case .pick(let group):
                guard permits(group) else {
                    action = run.notPermitted(group)
                    continue
                }
                guard let resolved = modelGroups.resolve(group) else {
                    action = run.noDeployment(GatewayError.modelNotFound(group))
                    continue
                }
                let deployment: Deployment
                switch await select(from: resolved.deployments, group: group, run: run, options: options) {
                case .failure(let error):
                    action = run.noDeployment(error)
                    continue
                case .success(let picked):
                    deployment = picked
                }
                run.attempting(deployment)
                let started = clock.now()
                do {
                    let value = try await attempt(deployment)
                    finish(deployment, started: started, value: value, failed: nil, holdingSlot: options.stream)
                    return Outcome(
                        value: value,
                        deployment: deployment,
                        retries: run.totalRetries,
                        fallbacks: run.fallbacksUsed,
                        lease: options.stream ? StreamLease(deploymentID: deployment.id, stats: stats) : nil
                    )
                } catch {
                    finish(deployment, started: started, value: nil as Value?, failed: error, holdingSlot: false)
                    // A wildcard deployment serves every model its `*` matches: an upstream 404 for one
                    // model a client made up says nothing about the others, so it never cools it down.
                    if !(resolved.group.contains("*") && error.kind == .notFound) {
                        cooldowns.recordFailure(deployment, error: error, groupSize: resolved.deployments.count)
                    }
                    let healthyUntried = resolved.deployments.contains { candidate in
                        !run.tried.contains(candidate.id) && !run.refused.contains(candidate.id) && !cooldowns.isCoolingDown(candidate.id)
                    }
                    action = random.withLock { random in
                        run.failed(deployment, with: error, groupSize: resolved.deployments.count, healthyUntried: healthyUntried, random: &random)
                    }
                }
            }
        }
    }

    /// Records the end of an attempt in the stats and cooldown counts.
    private func finish<Value>(
        _ deployment: Deployment,
        started: ContinuousClock.Instant,
        value: Value?,
        failed error: GatewayError?,
        holdingSlot: Bool
    ) {
        let latency = clock.now() - started
        if let error {
            stats.finish(deployment.id, outcome: .failure(timedOut: error.kind == .timeout, latency: latency))
            return
        }
        cooldowns.recordSuccess(deployment.id)
        var metrics = (value as? any AttemptMetricsProviding)?.attemptMetrics ?? AttemptMetrics()
        if holdingSlot, metrics.timeToFirstToken == nil { metrics.timeToFirstToken = latency }
        stats.finish(
            deployment.id,
            outcome: .success(
                latency: latency,
                timeToFirstToken: metrics.timeToFirstToken,
                outputTokens: metrics.outputTokens,
                totalTokens: metrics.totalTokens
            ),
            releasingSlot: !holdingSlot
        )
    }
}

/// Facts about a successful attempt that the router's strategies learn from.
public struct AttemptMetrics: Sendable {
    /// For streams: the time to the first token.
    public var timeToFirstToken: Duration?
    /// Completion tokens, when the answer reported usage.
    public var outputTokens: Int?
    /// Prompt plus completion tokens, when the answer reported usage.
    public var totalTokens: Int?

    /// Metrics; unknown by default.
    public init(timeToFirstToken: Duration? = nil, outputTokens: Int? = nil, totalTokens: Int? = nil) {
        self.timeToFirstToken = timeToFirstToken
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens
    }
}

/// An attempt result that reports ``AttemptMetrics`` to the router.
public protocol AttemptMetricsProviding {
    /// What the attempt measured.
    var attemptMetrics: AttemptMetrics { get }
}

/// The in-flight slot of a stream that is being piped: least-busy routing and `max_parallel_requests`
/// count a stream until its end, not just until its first byte.
public final class StreamLease: Sendable {
    let deploymentID: String
    let stats: DeploymentStats
    let ended = Atomic<Bool>(false)

    init(deploymentID: String, stats: DeploymentStats) {
        self.deploymentID = deploymentID
        self.stats = stats
    }

    /// Ends the stream: frees its slot and adds the tokens it used to this minute. Only the first call counts.
    public func end(totalTokens: Int? = nil) {
        guard !ended.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if let totalTokens { stats.recordTokens(deploymentID, totalTokens) }
        stats.release(deploymentID)
    }

    // A stream whose body was never written (the client left first) still frees its slot.
    deinit { end() }
}
