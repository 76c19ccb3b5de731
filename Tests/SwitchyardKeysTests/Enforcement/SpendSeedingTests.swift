import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct SpendSeedingTests {
    @Test func aKeyWhoseStoredSpendIsOverBudgetIsRefusedOnFirstUse() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey {
                $0.limits.maxBudget = 5
                $0.spend = 5.5
            }
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key) }
            #expect(error?.code == "budget_exceeded")
            #expect(error?.message.contains("Current cost: 5.5") == true)
        }
    }

    @Test func storedTeamAndUserSpendAreSeededToo() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") {
                $0.limits.maxBudget = 3
                $0.spend = 3
            }
            try await h.addUser("user-1") {
                $0.limits.maxBudget = 3
                $0.spend = 3
            }
            let teamKey = try await h.addKey(team: "team-1")
            let userKey = try await h.addKey(user: "user-1")
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(teamKey) }?.code == "budget_exceeded")
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(userKey) }?.code == "budget_exceeded")
        }
    }

    @Test func storedCustomerSpendIsSeeded() async throws {
        try await EnforcementHarness.run { h in
            try await h.addCustomer("cust-1") {
                $0.limits.maxBudget = 1
                $0.spend = 1
            }
            let key = try await h.addKey()
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key, customer: "cust-1") }?.code == "budget_exceeded")
        }
    }

    @Test func storedPerModelSpendIsSeeded() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey {
                $0.limits.modelMaxBudget = ["gpt-4o": 1]
                $0.modelSpend = ["gpt-4o": 1.5]
            }
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o") }?.code == "budget_exceeded")
            _ = try await h.admit(key, model: "claude")
        }
    }

    @Test func reloadingAKeyNeverLowersSpendCountedInMemory() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.maxBudget = 1 }
            await h.finish(try await h.admit(key), cost: 1)
            // The spend is not written yet; the reload reads 0 from the database and must not undo it.
            h.clock.advance(120)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.code == "budget_exceeded")
            #expect(h.store.keyReads == 2)
        }
    }

    @Test func theProxyBudgetCountsSpendWrittenBeforeARestart() async throws {
        try await EnforcementHarness.run { h in
            try await h.access.configureProxyBudget(maxBudget: 1, budgetDuration: nil, nextReset: nil)
            let key = try await h.addKey()
            await h.finish(try await h.admit(key), cost: 1)
            #expect(await h.access.spendWriter.flush())
            // A new process over the same database: its counters start empty and are seeded from the store.
            let restarted = AccessControl(store: h.store, logger: EnforcementHarness.logger, now: h.clock.reading)
            let caller = try await restarted.authenticate(key)
            let error = await h.refusal { () async throws(GatewayError) in try await restarted.admit(caller, model: "gpt-4o", customerID: nil) }
            #expect(error?.code == "budget_exceeded")
        }
    }

    @Test func aCustomerCreatedBySpendIsHeldToTheDefaultBudgetAfterARestart() async throws {
        var settings = AccessControl.Settings()
        settings.maxEndUserBudget = 1
        try await EnforcementHarness.run(settings) { h in
            let key = try await h.addKey()
            await h.finish(try await h.admit(key, customer: "anonymous"), cost: 1)
            #expect(await h.access.spendWriter.flush())
            let restarted = AccessControl(store: h.store, settings: settings, logger: EnforcementHarness.logger, now: h.clock.reading)
            let caller = try await restarted.authenticate(key)
            let error = await h.refusal { () async throws(GatewayError) in
                try await restarted.admit(caller, model: "gpt-4o", customerID: "anonymous")
            }
            #expect(error?.code == "budget_exceeded")
        }
    }

    @Test func aKeysSpendWrittenBeforeARestartCountsAgainstItsBudget() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.maxBudget = 1 }
            await h.finish(try await h.admit(key), cost: 0.75)
            await h.finish(try await h.admit(key), cost: 0.25)
            #expect(await h.access.spendWriter.flush())
            let restarted = AccessControl(store: h.store, logger: EnforcementHarness.logger, now: h.clock.reading)
            let caller = try await restarted.authenticate(key)
            let error = await h.refusal { () async throws(GatewayError) in try await restarted.admit(caller, model: "gpt-4o", customerID: nil) }
            #expect(error?.code == "budget_exceeded")
        }
    }
}
