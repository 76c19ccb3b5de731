import SwitchyardCore

extension Router {
    /// Picks the deployment for the next attempt in `group`, waiting in the queue when every candidate
    /// is at its limits. The filters, in order:
    /// 1. not refused this request, not cooling down (none left: 429 with the shortest remaining cooldown);
    /// 2. with pre-call checks on, `max_input_tokens` fits the prompt (none left: a context-window error,
    ///    which goes to `context_window_fallbacks`);
    /// 3. not yet tried for this request, while any such remains;
    /// 4. the lowest `order` among what is left (higher orders take traffic only once it failed or cooled);
    /// 5. under `rpm`, `tpm` and `max_parallel_requests` this minute; then the strategy picks.
    func select(from deployments: [Deployment], group: String, run: RouteRun, options: RouteOptions) async -> Result<Deployment, GatewayError> {
        // Each step filters only when it would remove something: a `Deployment` is a large value, and copying
        // the group into new arrays four times per request showed in the profile (issue 10).
        let eligible = run.refused.isEmpty ? deployments : deployments.filter { !run.refused.contains($0.id) }
        let usable = cooldowns.anyCoolingDown(eligible) ? eligible.filter { !cooldowns.isCoolingDown($0.id) } : eligible
        guard !usable.isEmpty else {
            if eligible.isEmpty {
                return .failure(GatewayError(.notFound, "Every deployment of `\(group)` refused this request.", code: "no_deployments_available"))
            }
            let remaining = cooldowns.remainingCooldown(of: eligible.map(\.id)) ?? .seconds(1)
            let seconds = max(1, Double(remaining.components.seconds) + (remaining.components.attoseconds > 0 ? 1 : 0))
            return .failure(
                GatewayError(
                    .rateLimited,
                    "No deployments available for model group `\(group)`: all \(eligible.count) are cooling down. Try again in \(Int(seconds)) s.",
                    code: "no_deployments_available",
                    retryAfter: seconds
                )
            )
        }
        var fitting = usable
        if settings.enablePreCallChecks {
            fitting = usable.filter { ($0.modelInfo.maxInputTokens ?? Int.max) >= options.estimatedInputTokens }
            if fitting.isEmpty {
                return .failure(
                    GatewayError(
                        .contextWindowExceeded,
                        "The prompt (about \(options.estimatedInputTokens) tokens) exceeds max_input_tokens of every deployment of `\(group)`.",
                        param: "messages",
                        code: "context_length_exceeded"
                    )
                )
            }
        }
        let untried = run.tried.isEmpty ? fitting : fitting.filter { !run.tried.contains($0.id) }
        let tier = Router.lowestOrderTier(untried.isEmpty ? fitting : untried)
        if queue.isEmpty, let picked = admit(tier, options: options) { return .success(picked) }
        if !settings.strategy.queuesAtLimit {
            if let picked = admit(tier, options: options) { return .success(picked) }
            return .failure(
                GatewayError(
                    .rateLimited,
                    "Every deployment of `\(group)` is at its rpm or tpm limit for this minute.",
                    code: "no_deployments_available",
                    retryAfter: max(1, stats.secondsUntilNextMinute().rounded(.up))
                )
            )
        }
        let deadline = clock.now() + .milliseconds(Int64(max(0, options.queueTimeout) * 1000))
        if let picked = await queue.wait(priority: options.priority, deadline: deadline, clock: clock, admit: { admit(tier, options: options) }) {
            return .success(picked)
        }
        // LiteLLM's scheduler raises a timeout here ("Request timed out while polling queue").
        return .failure(
            GatewayError(
                .timeout,
                "Request timed out in the queue: every deployment of `\(group)` stayed at its rpm, tpm or max_parallel_requests "
                    + "limit for \(options.queueTimeout) s.",
                code: "queue_timeout"
            )
        )
    }

    /// The deployments with the lowest `order` present (unset orders rank after every set one).
    static func lowestOrderTier(_ deployments: [Deployment]) -> [Deployment] {
        guard let lowest = deployments.compactMap(\.order).min() else { return deployments }
        if deployments.allSatisfy({ $0.order == lowest }) { return deployments }
        return deployments.filter { $0.order == lowest }
    }

    /// The strategy's pick among `tier` members under their limits, with its in-flight slot taken; nil when all are at a limit.
    func admit(_ tier: [Deployment], options: RouteOptions) -> Deployment? {
        let loads = stats.loads(for: tier)
        var candidates: [Deployment] = []
        var candidateLoads: [DeploymentLoad] = []
        candidates.reserveCapacity(tier.count)
        candidateLoads.reserveCapacity(tier.count)
        for (deployment, load) in zip(tier, loads) where isUnderLimits(deployment, load: load, options: options) {
            candidates.append(deployment)
            candidateLoads.append(load)
        }
        guard !candidates.isEmpty else { return nil }
        let info = RoutingRequestInfo(stream: options.stream, estimatedInputTokens: options.estimatedInputTokens)
        let index = random.withLock { random in
            settings.strategy.pick(from: candidates, loads: candidateLoads, request: info, random: &random)
        }
        guard let index, candidates.indices.contains(index) else { return nil }
        let picked = candidates[index]
        guard stats.tryBegin(picked.id, maxInFlight: picked.maxParallelRequests ?? settings.defaultMaxParallelRequests) else { return nil }
        return picked
    }

    /// Whether `deployment` may take one more request this minute.
    func isUnderLimits(_ deployment: Deployment, load: DeploymentLoad, options: RouteOptions) -> Bool {
        if let limit = deployment.maxParallelRequests ?? settings.defaultMaxParallelRequests, load.inFlight >= limit { return false }
        if let rpm = deployment.rpm, load.requestsThisMinute >= rpm { return false }
        if let tpm = deployment.tpm, load.tokensThisMinute + options.estimatedInputTokens > tpm { return false }
        return true
    }
}
