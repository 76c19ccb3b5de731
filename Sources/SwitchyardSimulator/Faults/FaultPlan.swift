/// The faults the simulator injects into one request: what to break, and how.
///
/// A plan comes from three layers, each overriding the one before it, knob by knob:
/// the engine's configuration (``SimulatorEngine/Configuration/faults``), then the model name,
/// then `x-sim-*` request headers. Headers win, so a test can take a faulty model name and turn
/// one fault back off (`x-sim-timeout: 0`).
///
/// ## Model-name grammar
///
/// The model name (with or without a `simulator/` prefix) is split into segments on `-`, `/`, `_`
/// and `:`; segments that are not part of a fault are ignored, so `gpt-4o` is a normal model and
/// `gpt-4o-fail-429-retry-after-2` is the same model answering 429. Numbers are non-negative integers.
///
/// | segments | effect |
/// | --- | --- |
/// | `fail-<status>` | answer every request with HTTP `<status>` (400–599) and an error body |
/// | `flaky-<percent>` | fail only `<percent>`% of requests (0–100), drawn from the engine's random source; status 500 unless `fail-<status>` is given |
/// | `retry-after-<seconds>` | the `Retry-After` header on an error (429 and 503 send `1` when not given) |
/// | `latency-<n>ms`, `latency-<n>s`, `latency-<n>` (ms) | wait this long before the response head |
/// | `jitter-<n>ms`, `jitter-<n>s`, `jitter-<n>` (ms) | add a random delay between 0 and n to the latency |
/// | `timeout` | never answer: the head never arrives |
/// | `cut-<k>` | a stream ends abruptly after k events, without `[DONE]`; a plain body ends after half its bytes |
/// | `malformed` | a plain body is invalid JSON (status 200); a stream's second event carries invalid JSON |
/// | `tps-<n>` | stream n tokens (words) per second; `tps-0` streams as fast as possible |
/// | `ctx-<n>` | a context window of n tokens: a chat or legacy completion whose prompt tokens (as reported in `usage.prompt_tokens`) exceed n gets 400 `context_length_exceeded`; embeddings ignore it |
///
/// Examples: `simulator/gpt-4o-latency-200ms`, `simulator/flaky-30-fail-503`, `simulator/gpt-4o-cut-3-tps-20`,
/// `simulator/gpt-4o-ctx-100`.
///
/// ## Headers
///
/// | header | value | same as |
/// | --- | --- | --- |
/// | `x-sim-fail-status` | 400–599 | `fail-<status>` |
/// | `x-sim-fail-rate` | 0.0–1.0 | `flaky-<percent>` / 100 |
/// | `x-sim-retry-after` | seconds | `retry-after-<seconds>` |
/// | `x-sim-latency-ms` | milliseconds | `latency-<n>ms` |
/// | `x-sim-latency-jitter-ms` | milliseconds | `jitter-<n>ms` |
/// | `x-sim-timeout` | `1`/`true` or `0`/`false` | `timeout` |
/// | `x-sim-cut-after` | events | `cut-<k>` |
/// | `x-sim-malformed` | `1`/`true` or `0`/`false` | `malformed` |
/// | `x-sim-tokens-per-second` | tokens per second, `0` = unpaced | `tps-<n>` |
/// | `x-sim-context-window` | tokens | `ctx-<n>` |
///
/// An unknown `x-sim-*` header, or one with a value outside its range, is answered with 400 naming it.
///
/// ## Order
///
/// Latency (with jitter) comes first, then the timeout (which then never ends), then the context
/// window, then the failure draw, then the answer, which `malformed` and `cut` may break. An error
/// response is never malformed or cut.
///
/// The context window goes before the failure draw because a real provider rejects an oversized
/// prompt before it gets as far as failing on capacity. It is checked only on a body valid enough to
/// count (otherwise the answer's own 400 reports the body), and the failure roll is drawn either way,
/// so a seeded sequence of outcomes does not depend on prompt lengths.
public struct FaultPlan: Sendable, Equatable {
    /// The error status to answer with; with ``failRate`` unset every request fails.
    public var failStatus: Int?
    /// The share of requests (0–1) that fail; with ``failStatus`` unset they fail with 500.
    public var failRate: Double?
    /// Seconds sent in `Retry-After` on an error; 429 and 503 send 1 when this is unset.
    public var retryAfterSeconds: Int?
    /// Milliseconds to wait before the response head.
    public var latencyMilliseconds: Int?
    /// Up to this many more milliseconds, drawn at random per request.
    public var latencyJitterMilliseconds: Int?
    /// Whether the request is never answered.
    public var timeout: Bool?
    /// The number of stream events sent before the stream breaks off.
    public var cutAfter: Int?
    /// Whether the body is invalid JSON.
    public var malformed: Bool?
    /// Stream pacing in tokens per second; 0 means as fast as possible.
    public var tokensPerSecond: Double?
    /// The context window in tokens: a longer prompt is answered with 400 `context_length_exceeded`.
    public var contextWindow: Int?

    /// A plan with no faults, and no opinion on pacing.
    public init(
        failStatus: Int? = nil,
        failRate: Double? = nil,
        retryAfterSeconds: Int? = nil,
        latencyMilliseconds: Int? = nil,
        latencyJitterMilliseconds: Int? = nil,
        timeout: Bool? = nil,
        cutAfter: Int? = nil,
        malformed: Bool? = nil,
        tokensPerSecond: Double? = nil,
        contextWindow: Int? = nil
    ) {
        self.failStatus = failStatus
        self.failRate = failRate
        self.retryAfterSeconds = retryAfterSeconds
        self.latencyMilliseconds = latencyMilliseconds
        self.latencyJitterMilliseconds = latencyJitterMilliseconds
        self.timeout = timeout
        self.cutAfter = cutAfter
        self.malformed = malformed
        self.tokensPerSecond = tokensPerSecond
        self.contextWindow = contextWindow
    }

    /// This plan with every knob that `other` sets taken from `other`.
    public func overridden(by other: FaultPlan) -> FaultPlan {
        FaultPlan(
            failStatus: other.failStatus ?? failStatus,
            failRate: other.failRate ?? failRate,
            retryAfterSeconds: other.retryAfterSeconds ?? retryAfterSeconds,
            latencyMilliseconds: other.latencyMilliseconds ?? latencyMilliseconds,
            latencyJitterMilliseconds: other.latencyJitterMilliseconds ?? latencyJitterMilliseconds,
            timeout: other.timeout ?? timeout,
            cutAfter: other.cutAfter ?? cutAfter,
            malformed: other.malformed ?? malformed,
            tokensPerSecond: other.tokensPerSecond ?? tokensPerSecond,
            contextWindow: other.contextWindow ?? contextWindow
        )
    }
}
