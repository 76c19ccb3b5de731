/// A ``FaultPlan`` with its random draws made: what happens to one request.
struct FaultOutcome: Sendable, Equatable {
    /// An error answer.
    struct Failure: Sendable, Equatable {
        /// The HTTP status, 400–599.
        var status: Int
        /// The `Retry-After` value in seconds, if one is sent.
        var retryAfterSeconds: Int?
    }

    /// How long before the response head.
    var latency: Duration
    /// Whether the head never comes.
    var hangs: Bool
    /// The error to answer with instead of a reply.
    var failure: Failure?
    /// Stream events sent before the stream breaks off.
    var cutAfter: Int?
    /// Whether the body is broken JSON.
    var malformed: Bool
    /// The pause before each streamed token; zero when unpaced.
    var tokenInterval: Duration
    /// The context window in tokens; a longer prompt gets 400 `context_length_exceeded`.
    var contextWindow: Int?
}

extension FaultPlan {
    /// Draws the random parts of this plan (jitter, then the failure roll) from `random`.
    ///
    /// A draw is made only when the plan needs one, so a seeded source gives the same sequence of
    /// outcomes for the same sequence of requests.
    func resolve(defaultTokensPerSecond: Double, using random: inout some RandomNumberGenerator) -> FaultOutcome {
        var latencyMilliseconds = latencyMilliseconds ?? 0
        if let jitter = latencyJitterMilliseconds, jitter > 0 {
            latencyMilliseconds += Int.random(in: 0...jitter, using: &random)
        }
        var failure: FaultOutcome.Failure?
        if failStatus != nil || failRate != nil {
            let rate = failRate ?? 1
            let fails = rate >= 1 || (rate > 0 && Double.random(in: 0..<1, using: &random) < rate)
            if fails {
                let status = failStatus ?? 500
                let retryAfter = retryAfterSeconds ?? (status == 429 || status == 503 ? 1 : nil)
                failure = FaultOutcome.Failure(status: status, retryAfterSeconds: retryAfter)
            }
        }
        let tokensPerSecond = tokensPerSecond ?? defaultTokensPerSecond
        return FaultOutcome(
            latency: .milliseconds(latencyMilliseconds),
            hangs: timeout ?? false,
            failure: failure,
            cutAfter: cutAfter,
            malformed: malformed ?? false,
            tokenInterval: Self.interval(tokensPerSecond: tokensPerSecond),
            contextWindow: contextWindow
        )
    }

    /// The pause per token, in whole nanoseconds so that round rates give exact durations.
    private static func interval(tokensPerSecond: Double) -> Duration {
        guard tokensPerSecond > 0, tokensPerSecond.isFinite else { return .zero }
        return .nanoseconds(Int64((1e9 / tokensPerSecond).rounded()))
    }
}
