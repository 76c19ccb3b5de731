import Foundation
import Synchronization

/// Counters in this process's memory, behind one lock: exact for one replica. Expired counters are
/// dropped on a sweep every few thousand operations, so memory follows the number of live windows.
public final class MemoryCounterStore: CounterStore {
    fileprivate struct Entry {
        var value: Double
        var expiresAt: Date?
    }

    fileprivate struct State {
        var entries: [String: Entry] = [:]
        var operationsSinceSweep = 0
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date
    private let sweepEvery: Int

    /// An empty store; `now` is injectable for tests.
    public init(sweepEvery: Int = 4096, now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        self.sweepEvery = sweepEvery
    }

    public func acquire(_ increments: [CounterIncrement]) async throws -> CounterDecision {
        let time = now()
        return state.withLock { state in
            state.sweepIfDue(at: time, every: sweepEvery)
            var values: [Double] = []
            values.reserveCapacity(increments.count)
            for (index, increment) in increments.enumerated() {
                let value = state.value(of: increment.key.name, at: time)
                guard increment.allows(value) else { return .refused(index: index, value: value) }
            }
            for increment in increments {
                values.append(state.add(increment.amount, to: increment.key, at: time))
            }
            return .admitted(values: values)
        }
    }

    public func add(_ increments: [CounterIncrement]) async throws {
        let time = now()
        state.withLock { state in
            state.sweepIfDue(at: time, every: sweepEvery)
            for increment in increments { _ = state.add(increment.amount, to: increment.key, at: time) }
        }
    }

    public func values(_ keys: [CounterKey]) async throws -> [Double] {
        let time = now()
        return state.withLock { state in keys.map { state.value(of: $0.name, at: time) } }
    }

    public func raise(_ key: CounterKey, toAtLeast value: Double) async throws {
        let time = now()
        state.withLock { state in
            let current = state.value(of: key.name, at: time)
            if value > current { _ = state.add(value - current, to: key, at: time) }
        }
    }

    /// How many counters are held (expired ones included until the next sweep); for tests.
    public var count: Int { state.withLock { $0.entries.count } }
}

extension MemoryCounterStore.State {
    fileprivate func value(of name: String, at time: Date) -> Double {
        guard let entry = entries[name] else { return 0 }
        if let expiresAt = entry.expiresAt, expiresAt <= time { return 0 }
        return entry.value
    }

    fileprivate mutating func add(_ amount: Double, to key: CounterKey, at time: Date) -> Double {
        // A pure check creates nothing: counters named after client-chosen strings (models, customers)
        // must not fill memory unless something is counted in them.
        if amount == 0, entries[key.name] == nil { return 0 }
        let value = value(of: key.name, at: time) + amount
        entries[key.name] = .init(value: value, expiresAt: key.expiresAt)
        return value
    }

    fileprivate mutating func sweepIfDue(at time: Date, every interval: Int) {
        operationsSinceSweep += 1
        guard operationsSinceSweep >= interval else { return }
        operationsSinceSweep = 0
        entries = entries.filter { $0.value.expiresAt.map { $0 > time } ?? true }
    }
}
