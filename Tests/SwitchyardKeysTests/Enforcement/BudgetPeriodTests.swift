import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct BudgetPeriodTests {
    @Test func spendCountsFromZeroOnceTheBudgetResetTimeHasPassed() async throws {
        try await EnforcementHarness.run { h in
            let resetAt = h.clock.now.addingTimeInterval(3600)
            let key = try await h.addKey {
                $0.limits.maxBudget = 1
                $0.limits.budgetDuration = "1h"
                $0.limits.budgetResetAt = resetAt
            }
            await h.finish(try await h.admit(key), cost: 1)
            h.clock.advance(3599)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.code == "budget_exceeded")
            h.clock.advance(1)
            await h.finish(try await h.admit(key), cost: 0.75)
            _ = try await h.admit(key)
            await h.finish(try await h.admit(key), cost: 0.25)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.code == "budget_exceeded")
        }
    }

    @Test func everyShortPeriodStartsFromZeroBeforeTheResetJobRuns() async throws {
        // A `30s` budget: the job that moves `budget_reset_at` runs once a minute, and the cached key keeps
        // the old value meanwhile; each 30 s period must still have its own counter.
        try await EnforcementHarness.run { h in
            let resetAt = DurationSpec("30s")!.nextReset(after: h.clock.now)
            h.clock.advance(resetAt.timeIntervalSince(h.clock.now) - 1)
            let key = try await h.addKey {
                $0.limits.maxBudget = 1
                $0.limits.budgetDuration = "30s"
                $0.limits.budgetResetAt = resetAt
            }
            await h.finish(try await h.admit(key), cost: 1)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.code == "budget_exceeded")
            for _ in 0..<3 {
                // Into the next period, the stored `budget_reset_at` still the first one.
                h.clock.advance(30)
                await h.finish(try await h.admit(key), cost: 1)
                #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.code == "budget_exceeded")
            }
        }
    }

    @Test func aTeamBudgetResetsOnItsOwnBoundary() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") {
                $0.limits.maxBudget = 1
                $0.limits.budgetDuration = "1d"
                $0.limits.budgetResetAt = h.clock.now.addingTimeInterval(600)
            }
            let key = try await h.addKey(team: "team-1")
            await h.finish(try await h.admit(key), cost: 2)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.code == "budget_exceeded")
            h.clock.advance(600)
            _ = try await h.admit(key)
        }
    }

    @Test func storedSpendOfAPeriodThatHasEndedIsNotCounted() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey {
                $0.limits.maxBudget = 5
                $0.limits.budgetDuration = "1d"
                $0.limits.budgetResetAt = h.clock.now.addingTimeInterval(-10)
                $0.spend = 7
            }
            _ = try await h.admit(key)
        }
    }

    @Test func theProxyBudgetResetsOnItsBoundary() async throws {
        try await EnforcementHarness.run { h in
            try await h.access.configureProxyBudget(maxBudget: 1, budgetDuration: "1h", nextReset: h.clock.now.addingTimeInterval(3600))
            let key = try await h.addKey()
            await h.finish(try await h.admit(key), cost: 1)
            h.clock.advance(3599)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.code == "budget_exceeded")
            h.clock.advance(1)
            _ = try await h.admit(key)
        }
    }
}
