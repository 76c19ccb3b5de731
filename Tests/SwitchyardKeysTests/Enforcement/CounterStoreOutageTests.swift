import Foundation
import Logging
import SwitchyardCore
import SwitchyardState
import Testing

@testable import SwitchyardKeys

/// Counters that are unreachable, as a Redis server that is down would be.
private struct UnreachableCounters: CounterStore {
    struct Unreachable: Error {}

    func acquire(_ increments: [CounterIncrement]) async throws -> CounterDecision { throw Unreachable() }
    func add(_ increments: [CounterIncrement]) async throws { throw Unreachable() }
    func values(_ keys: [CounterKey]) async throws -> [Double] { throw Unreachable() }
    func raise(_ key: CounterKey, toAtLeast value: Double) async throws { throw Unreachable() }
}

@Suite struct CounterStoreOutageTests {
    @Test func refusesWith503WhenTheCountersCannotBeReached() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.rpmLimit = 10 }
            let access = AccessControl(store: h.store, counters: UnreachableCounters(), logger: EnforcementHarness.logger, now: h.clock.reading)
            // Seeding spend fails quietly: authentication does not need the counters.
            let caller = try await access.authenticate(key)
            let error = await h.refusal { () async throws(GatewayError) in try await access.admit(caller, model: "gpt-4o", customerID: nil) }
            #expect(error?.status == 503)
            #expect(error?.code == "state_unavailable")
        }
    }

    @Test func finishStillLogsSpendWhenTheCountersCannotBeReached() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            let access = AccessControl(store: h.store, counters: UnreachableCounters(), logger: EnforcementHarness.logger, now: h.clock.reading)
            let caller = try await access.authenticate(key)
            let admission = Admission(caller: caller, model: "gpt-4o", customerID: nil, admittedAt: h.clock.now)
            var outcome = RequestOutcome(requestID: "req-1", callType: "completion", model: "gpt-4o")
            outcome.cost = 0.5
            await access.finish(admission, outcome: outcome)
            #expect(await access.spendWriter.flush())
            #expect(try await h.sql.key(hash: VirtualKey.hash(key))?.spend == 0.5)
        }
    }

    @Test func anAdmissionWithNoLimitsNeedsNoCounters() async throws {
        try await EnforcementHarness.run { h in
            let access = AccessControl(store: h.store, counters: UnreachableCounters(), logger: EnforcementHarness.logger, now: h.clock.reading)
            let admission = try await access.admit(.master, model: "gpt-4o", customerID: nil)
            #expect(admission.headers.isEmpty)
        }
    }
}
