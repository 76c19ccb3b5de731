import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct BudgetTests {
    @Test func refusesAKeyOnceFinishedRequestsReachItsBudget() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.maxBudget = 1 }
            await h.finish(try await h.admit(key), cost: 0.6)
            await h.finish(try await h.admit(key), cost: 0.4)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key) }
            #expect(error?.kind == .budgetExceeded)
            #expect(error?.code == "budget_exceeded")
            #expect(error?.status == 400)
            #expect(error?.message.contains("Max budget: 1.0") == true)
        }
    }

    @Test func usesTheConfiguredStatusForAnExceededBudget() async throws {
        var settings = AccessControl.Settings()
        settings.budgetExceededStatus = 402
        try await EnforcementHarness.run(settings) { h in
            let key = try await h.addKey { $0.limits.maxBudget = 0.5 }
            await h.finish(try await h.admit(key), cost: 0.5)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key) }
            #expect(error?.status == 402)
            #expect(error?.code == "budget_exceeded")
        }
    }

    @Test func aFailedRequestWithNoCostSpendsNothing() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.maxBudget = 0.01 }
            for _ in 0..<5 { await h.finish(try await h.admit(key), cost: 0) }
            _ = try await h.admit(key)
        }
    }

    @Test func refusesEveryKeyOfATeamOverItsBudget() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") {
                $0.teamAlias = "research"
                $0.limits.maxBudget = 1
            }
            let first = try await h.addKey(team: "team-1")
            let second = try await h.addKey(team: "team-1")
            let outsider = try await h.addKey()
            await h.finish(try await h.admit(first), cost: 1)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(second) }
            #expect(error?.code == "budget_exceeded")
            #expect(error?.message.contains("team=research") == true)
            _ = try await h.admit(outsider)
        }
    }

    @Test func refusesEveryKeyOfAUserOverItsBudget() async throws {
        try await EnforcementHarness.run { h in
            try await h.addUser("user-1") { $0.limits.maxBudget = 2 }
            let first = try await h.addKey(user: "user-1")
            let second = try await h.addKey(user: "user-1")
            await h.finish(try await h.admit(first), cost: 2.5)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(second) }
            #expect(error?.code == "budget_exceeded")
            #expect(error?.message.contains("user=user-1") == true)
        }
    }

    @Test func refusesACustomerOverItsOwnBudgetWhateverTheKey() async throws {
        try await EnforcementHarness.run { h in
            try await h.addCustomer("cust-1") { $0.limits.maxBudget = 1 }
            let first = try await h.addKey()
            let second = try await h.addKey()
            await h.finish(try await h.admit(first, customer: "cust-1"), cost: 1)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(second, customer: "cust-1") }
            #expect(error?.code == "budget_exceeded")
            #expect(error?.message.contains("customer=cust-1") == true)
            _ = try await h.admit(second, customer: "cust-2")
            _ = try await h.admit(second)
        }
    }

    @Test func appliesMaxEndUserBudgetToCustomersWithoutOne() async throws {
        var settings = AccessControl.Settings()
        settings.maxEndUserBudget = 0.5
        try await EnforcementHarness.run(settings) { h in
            try await h.addCustomer("rich") { $0.limits.maxBudget = 10 }
            let key = try await h.addKey()
            await h.finish(try await h.admit(key, customer: "anonymous"), cost: 0.5)
            await h.finish(try await h.admit(key, customer: "rich"), cost: 0.5)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, customer: "anonymous") }
            #expect(error?.code == "budget_exceeded")
            _ = try await h.admit(key, customer: "rich")
        }
    }

    @Test func refusesABlockedCustomerWith403() async throws {
        try await EnforcementHarness.run { h in
            try await h.addCustomer("cust-1") { $0.blocked = true }
            let key = try await h.addKey()
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, customer: "cust-1") }
            #expect(error?.status == 403)
            #expect(error?.code == "customer_blocked")
            _ = try await h.admit(key, customer: "")
        }
    }

    @Test func refusesEveryCallerOnceTheProxyBudgetIsSpent() async throws {
        try await EnforcementHarness.run { h in
            try await h.access.configureProxyBudget(maxBudget: 1, budgetDuration: nil, nextReset: nil)
            let key = try await h.addKey()
            await h.finish(try await h.admit(key), cost: 0.75)
            await h.finish(try await h.access.admit(.master, model: "gpt-4o", customerID: nil), cost: 0.25)
            let newKey = try await h.addKey()
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(newKey) }
            #expect(error?.code == "budget_exceeded")
            #expect(error?.message.contains("proxy") == true)
            let master = await h.refusal { () async throws(GatewayError) in try await h.access.admit(.master, model: "gpt-4o", customerID: nil) }
            #expect(master?.code == "budget_exceeded")
        }
    }

    @Test func removingTheProxyBudgetLetsRequestsThroughAgain() async throws {
        try await EnforcementHarness.run { h in
            try await h.access.configureProxyBudget(maxBudget: 1, budgetDuration: nil, nextReset: nil)
            let key = try await h.addKey()
            await h.finish(try await h.admit(key), cost: 1)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) } != nil)
            try await h.access.configureProxyBudget(maxBudget: nil, budgetDuration: nil, nextReset: nil)
            _ = try await h.admit(key)
        }
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
}
