import Foundation
import Testing

@testable import SwitchyardKeys

@Suite struct KeyStoreBudgetResetTests {
    @Test(arguments: StoreBackend.all)
    func resetsDueBudgetsAndMovesTheirResetTime(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var due = StoreFixture.key("due", team: "team-due", user: "user-due")
            due.limits.budgetDuration = "1d"
            due.limits.budgetResetAt = StoreFixture.at(-1)
            var later = StoreFixture.key("later")
            later.limits.budgetDuration = "1d"
            later.limits.budgetResetAt = StoreFixture.at(3_600)
            try await store.insertKey(due)
            try await store.insertKey(later)
            var team = TeamRecord(teamID: "team-due", createdAt: StoreFixture.now)
            team.limits.budgetDuration = "7d"
            team.limits.budgetResetAt = StoreFixture.now
            try await store.insertTeam(team)
            var user = UserRecord(userID: "user-due", createdAt: StoreFixture.now)
            user.limits.budgetResetAt = StoreFixture.at(-10)  // no duration: reset once, then never again
            try await store.insertUser(user)
            var customer = CustomerRecord(customerID: "cust", createdAt: StoreFixture.now)
            customer.limits.budgetDuration = "1d"
            customer.limits.budgetResetAt = StoreFixture.at(-5)
            try await store.insertCustomer(customer)
            try await store.record([
                StoreFixture.entry("1", key: "due", user: "user-due", team: "team-due", customer: "cust"),
                StoreFixture.entry("2", key: "later"),
            ])

            let reset = try await store.resetBudgets(now: StoreFixture.now) { duration, now in
                duration == "1d" ? now.addingTimeInterval(86_400) : now.addingTimeInterval(7 * 86_400)
            }
            #expect(reset == 4)

            let dueKey = try #require(try await store.key(hash: "due"))
            #expect(dueKey.spend == 0)
            #expect(dueKey.modelSpend == [:])
            #expect(dueKey.limits.budgetResetAt == StoreFixture.at(86_400))
            #expect(try await store.key(hash: "later")?.spend == 0.25)
            let storedTeam = try #require(try await store.team(id: "team-due"))
            #expect(storedTeam.spend == 0)
            #expect(storedTeam.limits.budgetResetAt == StoreFixture.at(7 * 86_400))
            let storedUser = try #require(try await store.user(id: "user-due"))
            #expect(storedUser.spend == 0)
            #expect(storedUser.limits.budgetResetAt == nil)
            #expect(try await store.customer(id: "cust")?.spend == 0)
            // Spend logs are history: a reset never removes them.
            #expect(try await store.totalSpend(since: nil) == 0.5)

            #expect(try await store.resetBudgets(now: StoreFixture.now) { _, now in now } == 0)
        }
    }
}
