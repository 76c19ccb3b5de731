import Foundation

/// Shared counters for rate limits, in-flight requests and spend: the one place where several
/// gateway replicas must agree. In memory here (``MemoryCounterStore``); a Redis implementation with
/// the same atomicity (one Lua script per call) slots in behind this protocol.
public protocol CounterStore: Sendable {
    /// Checks every increment against its limit and, only if all pass, adds all of them, atomically.
    /// Increments without a limit always pass. Returns the values after the call, or which check failed.
    func acquire(_ increments: [CounterIncrement]) async throws -> CounterDecision
    /// Adds every amount unconditionally (tokens after an answer, spend, releasing an in-flight slot).
    func add(_ increments: [CounterIncrement]) async throws
    /// The current values, zero for counters that do not exist (or expired).
    func values(_ keys: [CounterKey]) async throws -> [Double]
    /// Raises a counter to at least `value` (seeding a spend counter from the database without undoing
    /// increments this process has made since).
    func raise(_ key: CounterKey, toAtLeast value: Double) async throws
}

/// A counter's name and when it may be forgotten (the end of its window); `nil` keeps it.
public struct CounterKey: Sendable, Hashable {
    /// Unique name, e.g. `rpm:key:<hash>:29384712` (the window's index is part of the name).
    public var name: String
    /// When the counter is no longer needed.
    public var expiresAt: Date?

    /// A counter key.
    public init(_ name: String, expiresAt: Date? = nil) {
        self.name = name
        self.expiresAt = expiresAt
    }
}

/// One counter change, optionally guarded by a limit.
public struct CounterIncrement: Sendable, Equatable {
    /// The counter.
    public var key: CounterKey
    /// How much to add (may be zero: a pure check, or negative: a release).
    public var amount: Double
    /// The limit the counter must respect after the change; `nil` for none.
    public var limit: Double?
    /// `true`: `value + amount <= limit` passes (a request count may reach its limit).
    /// `false`: `value + amount < limit` passes (spend must stay under a budget).
    public var inclusive: Bool

    /// An increment.
    public init(_ key: CounterKey, amount: Double, limit: Double? = nil, inclusive: Bool = true) {
        self.key = key
        self.amount = amount
        self.limit = limit
        self.inclusive = inclusive
    }

    /// Whether `value` (before the change) allows this increment.
    public func allows(_ value: Double) -> Bool {
        guard let limit else { return true }
        return inclusive ? value + amount <= limit : value + amount < limit
    }
}

/// The outcome of ``CounterStore/acquire(_:)``.
public enum CounterDecision: Sendable, Equatable {
    /// Every check passed and every amount was added; the values after, in order.
    case admitted(values: [Double])
    /// The check at `index` failed (its counter held `value`); nothing was changed.
    case refused(index: Int, value: Double)
}
