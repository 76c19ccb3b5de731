import SwitchyardCore
import Synchronization

/// Live traffic figures per deployment — requests in flight, requests and tokens this minute, recent
/// latencies and a peak-EWMA — that the router feeds around every attempt and strategies read as
/// ``DeploymentLoad``.
///
/// The router calls ``tryBegin(_:maxInFlight:)`` (or ``begin(_:)``) once it has picked a deployment, and
/// ``finish(_:outcome:)`` exactly once when that attempt ends, success or failure; ``loads(for:)`` before
/// each pick. Usage learned later (a stream's final usage chunk, a spend log) goes through
/// ``recordTokens(_:_:)``.
///
/// **Windows.** "This minute" is the current UTC wall-clock minute (Unix seconds / 60), as in LiteLLM's
/// usage routing (`{id}:rpm:{%H-%M}` keys in UTC). A sliding 60-second window would smooth the burst a
/// fixed window admits across a minute boundary (up to twice the limit within a few seconds), but it needs a
/// timestamp per request; fixed minutes are two integers per deployment, reset when the minute changes,
/// and are exactly what a shared Redis counter (`INCR` on a per-minute key with a 60-second expiry) can
/// hold, so the in-memory and the shared implementation agree, and so do Switchyard and LiteLLM
/// instances reading the same config. Latency samples instead use the monotonic ``RouterClock``: their
/// `ttl` must not jump with the wall clock.
///
/// **Thread safety.** All state sits in one `Synchronization.Mutex` over a dictionary keyed by deployment
/// id. Every attempt touches it two or three times, so the cost of each touch matters more than
/// concurrency between them: each critical section is a hash lookup and a few arithmetic updates, never
/// awaits, and allocates nothing in the steady state (sample arrays are reused in place). A lock held that
/// briefly is cheaper than an actor, whose every call from the request path would be an `await` and
/// potentially a task switch; and one lock rather than one per deployment keeps deployments addable at
/// any time. Clocks are read before the lock is taken, so the critical sections stay short even with a
/// slow clock.
public final class DeploymentStats: Sendable {
    /// How an attempt ended.
    public enum Outcome: Sendable, Equatable {
        /// The deployment answered. `latency` runs from the start of the attempt to its end;
        /// `timeToFirstToken` is set for streams only (its presence marks the attempt as a stream);
        /// `outputTokens` and `totalTokens` come from the answer's usage, when it had one.
        case success(latency: Duration, timeToFirstToken: Duration?, outputTokens: Int?, totalTokens: Int?)
        /// The attempt failed, after `latency`; `timedOut` when it failed by timing out.
        case failure(timedOut: Bool, latency: Duration)
    }

    /// Window sizes, ttl and decay.
    public let configuration: Configuration
    let clock: RouterClock
    let epochSeconds: @Sendable () -> Double
    /// The peak-EWMA time constant in seconds, converted once.
    let decaySeconds: Double
    let entries = Mutex<[String: Entry]>([:])

    /// Stats on `clock` (latency windows, EWMA) and `epochSeconds` (UTC seconds since 1970, for the minute
    /// windows); both are injectable so that tests control time.
    public init(
        configuration: Configuration = Configuration(),
        clock: RouterClock = .continuous,
        epochSeconds: @escaping @Sendable () -> Double = DeploymentStats.systemEpochSeconds
    ) {
        self.configuration = configuration
        self.clock = clock
        self.epochSeconds = epochSeconds
        self.decaySeconds = Self.seconds(configuration.ewmaDecay)
    }

    /// Counts the start of an attempt on `id`: one more in flight, one more request this minute.
    public func begin(_ id: String) {
        let minute = currentMinute()
        entries.withLock { $0[id, default: Entry()].begin(minute: minute) }
    }

    /// ``begin(_:)`` unless `id` already has `maxInFlight` requests in flight (`max_parallel_requests`);
    /// check and count are one step, so concurrent attempts cannot both take the last slot.
    public func tryBegin(_ id: String, maxInFlight: Int?) -> Bool {
        let minute = currentMinute()
        return entries.withLock { entries in
            if let maxInFlight, (entries[id]?.inFlight ?? 0) >= maxInFlight { return false }
            entries[id, default: Entry()].begin(minute: minute)
            return true
        }
    }

    /// Counts the end of an attempt on `id` (exactly once per ``begin(_:)``): one fewer in flight, tokens
    /// added to this minute, and latency samples taken.
    ///
    /// - A non-streaming success adds `latency / outputTokens` (the whole latency without a token count,
    ///   so that embedding groups are measured too) to the per-token window.
    /// - A streaming success adds its time to first token to the TTFT window, and nothing per token: a
    ///   stream's total duration includes the client's reading speed, since the pipe is not buffered.
    /// - A timeout adds ``Configuration/timeoutPenalty`` to both windows, as LiteLLM does (to its latency
    ///   list only), so that a deployment timing out is avoided by streams too.
    /// - Other failures add no sample: a quick failure would make a broken deployment look fast; cooldowns
    ///   take it out of rotation instead.
    /// - The peak-EWMA learns the time until the answer began: the time to first token for a stream, the
    ///   whole latency otherwise, and the time waited for a timeout.
    ///
    /// With `releasingSlot` false the request stays in flight (a stream that has started and is still
    /// being piped) until ``release(_:)``.
    public func finish(_ id: String, outcome: Outcome, releasingSlot: Bool = true) {
        let now = clock.now()
        let minute = currentMinute()
        entries.withLock { entries in
            entries[id, default: Entry()].finish(
                outcome,
                at: now,
                minute: minute,
                configuration: configuration,
                decaySeconds: decaySeconds,
                releasingSlot: releasingSlot
            )
        }
    }

    /// Ends a request kept in flight by `finish(_:outcome:releasingSlot: false)`.
    public func release(_ id: String) {
        entries.withLock { entries in
            if let inFlight = entries[id]?.inFlight { entries[id]?.inFlight = max(inFlight - 1, 0) }
        }
    }

    /// Adds `tokens` used by `id` to this minute (usage learned after ``finish(_:outcome:)``); negative
    /// counts are ignored.
    public func recordTokens(_ id: String, _ tokens: Int) {
        let minute = currentMinute()
        entries.withLock { $0[id, default: Entry()].addTokens(tokens, minute: minute) }
    }

    /// The current load of each deployment in `ids`, in order; idle for ids never seen.
    public func loads(for ids: some Collection<String>) -> [DeploymentLoad] {
        let now = clock.now()
        let minute = currentMinute()
        let cutoff = now - configuration.ttl
        var loads: [DeploymentLoad] = []
        loads.reserveCapacity(ids.count)
        entries.withLock { entries in
            for id in ids {
                loads.append(entries[id].map { $0.load(at: now, minute: minute, expiringBefore: cutoff, decaySeconds: decaySeconds) } ?? .idle)
            }
        }
        return loads
    }

    /// The current load of each of `deployments`, in order.
    public func loads(for deployments: [Deployment]) -> [DeploymentLoad] {
        loads(for: deployments.lazy.map(\.id))
    }

    /// The current load of `id`.
    public func load(for id: String) -> DeploymentLoad {
        loads(for: CollectionOfOne(id))[0]
    }

    /// Drops the figures of every deployment not in `ids` (after a config reload removed some).
    public func forget(allExcept ids: Set<String>) {
        entries.withLock { entries in entries = entries.filter { ids.contains($0.key) } }
    }

    /// Seconds until the minute windows reset, in (0, 60]: the `Retry-After` for a request refused
    /// because every deployment is at its rpm or tpm.
    public func secondsUntilNextMinute() -> Double {
        let now = epochSeconds()
        guard now.isFinite else { return 60 }
        let intoMinute = now - (now / 60).rounded(.down) * 60
        return 60 - intoMinute
    }

    /// The current UTC minute, as whole minutes since 1970.
    func currentMinute() -> Int64 {
        let now = epochSeconds()
        // Clamped before the conversion, which would trap on a non-finite or out-of-range value.
        guard now.isFinite else { return 0 }
        return Int64((min(max(now, -1e15), 1e15) / 60).rounded(.down))
    }

    /// `duration` in seconds, never negative.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return max(Double(seconds) + Double(attoseconds) / 1e18, 0)
    }
}
