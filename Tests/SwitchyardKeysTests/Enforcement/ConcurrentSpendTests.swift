import Foundation
import SwitchyardCore
import Synchronization
import Testing

@testable import SwitchyardKeys

/// How many requests are between admission and the end of `finish`, and the most there ever were.
private final class InFlightGauge: Sendable {
    private let state = Mutex((current: 0, highest: 0))

    func enter() {
        state.withLock { state in
            state.current += 1
            state.highest = max(state.highest, state.current)
        }
    }

    func leave() { state.withLock { $0.current -= 1 } }

    var highest: Int { state.withLock { $0.highest } }
}

@Suite struct ConcurrentSpendTests {
    /// Fifty requests at once, each admitted, then yielding (as a real call awaits its upstream), then finishing.
    @Test func fiftyConcurrentRequestsOverspendByNoMoreThanThoseInFlight() async throws {
        try await EnforcementHarness.run { h in
            let budget = 1.0
            // Binary fractions, so sums are exact.
            let cost = 0.25
            let key = try await h.addKey { $0.limits.maxBudget = budget }
            let caller = try await h.access.authenticate(key)
            let gauge = InFlightGauge()
            let admitted = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        // Stagger the starts so that some requests arrive after others have finished.
                        for _ in 0..<(index % 7) { await Task.yield() }
                        // Entering before admit counts every request that could be admitted before the budget is crossed.
                        gauge.enter()
                        defer { gauge.leave() }
                        guard let admission = try? await h.access.admit(caller, model: "gpt-4o", customerID: nil) else { return false }
                        for _ in 0..<3 { await Task.yield() }
                        await h.finish(admission, cost: cost)
                        return true
                    }
                }
                var count = 0
                for await ok in group where ok { count += 1 }
                return count
            }
            let counter = SpendCounters.counter(
                SpendCounters.key(VirtualKey.hash(key), born: try #require(caller.key).createdAt), period: .init(id: "all", seedable: true))
            let spent = try #require(try await h.counters.values([counter]).first)
            #expect(admitted <= 50)
            #expect(spent >= budget)
            #expect(abs(spent - Double(admitted) * cost) < 1e-9)
            // Spend before the crossing request finished was under the budget; only requests in flight then add to it.
            #expect(spent < budget + Double(gauge.highest) * cost + 1e-9)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.access.admit(caller, model: "gpt-4o", customerID: nil) } != nil)
        }
    }

    /// Fifty requests through five concurrent workers: at most five are in flight, so the overspend is tightly bounded.
    @Test func overspendIsBoundedByTheConcurrencyNotTheNumberOfRequests() async throws {
        try await EnforcementHarness.run { h in
            let budget = 1.0
            let cost = 0.125
            let workers = 5
            let key = try await h.addKey { $0.limits.maxBudget = budget }
            let caller = try await h.access.authenticate(key)
            let admitted = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<workers {
                    group.addTask {
                        var count = 0
                        for _ in 0..<10 {
                            guard let admission = try? await h.access.admit(caller, model: "gpt-4o", customerID: nil) else {
                                await Task.yield()
                                continue
                            }
                            count += 1
                            await Task.yield()
                            await h.finish(admission, cost: cost)
                        }
                        return count
                    }
                }
                return await group.reduce(0, +)
            }
            // Eight requests reach the budget; each of the other workers may have had one more in flight.
            #expect(admitted >= 8)
            #expect(admitted <= 8 + workers - 1)
            #expect(await h.access.spendWriter.flush())
            let stored = try #require(try await h.sql.key(hash: VirtualKey.hash(key)))
            #expect(abs(stored.spend - Double(admitted) * cost) < 1e-9)
        }
    }
}
