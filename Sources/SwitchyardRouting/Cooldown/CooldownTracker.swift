import SwitchyardCore
import Synchronization

/// Which deployments are cooling down, and the per-minute outcome counts that decide it.
///
/// In-process state behind a `Mutex`: every attempt updates it, so it must be cheap; the critical
/// sections are a dictionary lookup and a few integer updates. Shared state across instances
/// (Redis) comes with the scale-out issue, behind the same calls.
public final class CooldownTracker: Sendable {
    struct Entry {
        var minute: Int64 = -1
        var requests = 0
        var failures = 0
        var coolingUntil: ContinuousClock.Instant?
    }

    let policy: CooldownPolicy
    let clock: RouterClock
    let origin: ContinuousClock.Instant
    let entries = Mutex<[String: Entry]>([:])

    /// A tracker applying `policy`, on `clock`.
    public init(policy: CooldownPolicy, clock: RouterClock = .continuous) {
        self.policy = policy
        self.clock = clock
        self.origin = clock.now()
    }

    func minute(of instant: ContinuousClock.Instant) -> Int64 {
        (instant - origin).components.seconds / 60
    }

    /// Whether any of `deployments` is out of rotation now: one clock read and one lock for the lot, so the
    /// common case (none is) costs no per-deployment work.
    func anyCoolingDown(_ deployments: [Deployment]) -> Bool {
        let now = clock.now()
        return entries.withLock { entries in
            deployments.contains { deployment in entries[deployment.id]?.coolingUntil.map { $0 > now } ?? false }
        }
    }

    /// Whether `id` is out of rotation now.
    public func isCoolingDown(_ id: String) -> Bool {
        let now = clock.now()
        return entries.withLock { entries in
            guard let until = entries[id]?.coolingUntil else { return false }
            return until > now
        }
    }

    /// The time until the first of `ids` leaves its cooldown, if all are cooling down.
    public func remainingCooldown(of ids: [String]) -> Duration? {
        let now = clock.now()
        return entries.withLock { entries in
            var soonest: Duration?
            for id in ids {
                guard let until = entries[id]?.coolingUntil, until > now else { return nil }
                let remaining = until - now
                soonest = min(soonest ?? remaining, remaining)
            }
            return soonest
        }
    }

    /// Counts a success of `id` in this minute.
    public func recordSuccess(_ id: String) {
        let minute = minute(of: clock.now())
        entries.withLock { entries in
            entries[id, default: Entry()].roll(to: minute)
            entries[id, default: Entry()].requests += 1
        }
    }

    /// Counts a failure of `deployment` and cools it down when the policy says so; returns whether it did.
    @discardableResult
    public func recordFailure(_ deployment: Deployment, error: GatewayError, groupSize: Int) -> Bool {
        let now = clock.now()
        let minute = minute(of: now)
        return entries.withLock { entries in
            var entry = entries[deployment.id] ?? Entry()
            entry.roll(to: minute)
            entry.requests += 1
            entry.failures += 1
            let cool = policy.shouldCoolDown(
                after: error,
                failuresThisMinute: entry.failures,
                requestsThisMinute: entry.requests,
                groupSize: groupSize
            )
            if cool { entry.coolingUntil = now + policy.duration(for: deployment, after: error) }
            entries[deployment.id] = entry
            return cool
        }
    }

    /// Puts `id` out of rotation for `duration` (a failed health check).
    public func coolDown(_ id: String, for duration: Duration) {
        let until = clock.now() + duration
        entries.withLock { entries in entries[id, default: Entry()].coolingUntil = until }
    }

    /// Returns `id` to rotation (a passed health check).
    public func clear(_ id: String) {
        entries.withLock { entries in entries[id]?.coolingUntil = nil }
    }
}

extension CooldownTracker.Entry {
    /// Starts a new count when the minute changed.
    mutating func roll(to minute: Int64) {
        guard minute != self.minute else { return }
        self.minute = minute
        requests = 0
        failures = 0
    }
}
