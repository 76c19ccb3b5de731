import Foundation
import SwitchyardCore
import SwitchyardState
import Testing

@testable import SwitchyardKeys

/// Cases a review found: a load racing an admin change, a team made again under its old id, two
/// flushes at once, counters for names nobody counts in.
struct ReviewFixesTests {
    @Test func aLoadThatStartedBeforeARemovalDoesNotCacheWhatItRead() {
        let cache = KeyCache()
        let caller = Caller(role: .key)
        let generation = cache.generation
        cache.removeKey(hash: "h")  // e.g. /key/block while the load was reading the store
        cache.store(caller, hash: "h", at: Date(), loadedSince: generation)
        #expect(cache.key(hash: "h") == nil)
        cache.store(caller, hash: "h", at: Date(), loadedSince: cache.generation)
        #expect(cache.key(hash: "h") != nil)
    }

    @Test func aTeamMadeAgainUnderItsOldIDStartsFromZero() async throws {
        try await EnforcementHarness.run { harness in
            try await harness.addTeam("search") { $0.limits.maxBudget = 1 }
            let key = try await harness.addKey(team: "search")
            await harness.finish(try await harness.admit(key), cost: 1.5)
            let refused = await harness.refusal { () async throws(GatewayError) in try await harness.admit(key) }
            #expect(refused?.kind == .budgetExceeded)

            _ = try await harness.sql.deleteTeams(ids: ["search"])
            harness.clock.advance(5)
            try await harness.addTeam("search") { $0.limits.maxBudget = 1 }
            let again = try await harness.addKey(team: "search")
            harness.access.invalidateTeam(id: "search")
            _ = try await harness.admit(again)
        }
    }

    @Test func twoFlushesAtOnceWriteTotalsOnce() async throws {
        try await EnforcementHarness.run { harness in
            let key = try await harness.addKey()
            let hash = VirtualKey.hash(key)
            let writer = SpendWriter(store: harness.sql, logger: EnforcementHarness.logger, keepsRows: false)
            for _ in 0..<50 {
                writer.enqueue(
                    SpendLogRecord(
                        requestID: "r", callType: "acompletion", keyHash: hash, spend: 0.01, promptTokens: 1, completionTokens: 1,
                        startTime: harness.clock.now, endTime: harness.clock.now, model: "m", modelGroup: "g", status: "success"))
            }
            async let first = writer.flush()
            async let second = writer.flush()
            _ = await (first, second)
            let stored = try #require(try await harness.sql.key(hash: hash))
            #expect(abs(stored.spend - 0.5) < 1e-9)
        }
    }

    @Test func aPureCheckCreatesNoCounter() async throws {
        let counters = MemoryCounterStore()
        _ = try await counters.acquire([CounterIncrement(CounterKey("spend:c:random-user"), amount: 0, limit: 10, inclusive: false)])
        #expect(counters.count == 0)
    }
}
