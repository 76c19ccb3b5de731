import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct KeyStoreTeamUserCustomerTests {
    @Test(arguments: StoreBackend.all)
    func storesUpdatesListsAndDeletesTeams(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var team = TeamRecord(teamID: "team-1", createdAt: StoreFixture.now)
            team.teamAlias = "Platform"
            team.models = ["gpt-4o"]
            team.limits.maxBudget = 100
            team.limits.budgetDuration = "1mo"
            team.members = [.init(userID: "u1", userEmail: "a@example.com", role: "admin"), .init(userID: "u2")]
            team.metadata = ["cost_center": 42]
            try await store.insertTeam(team)
            try await store.insertTeam(TeamRecord(teamID: "team-2", createdAt: StoreFixture.at(1)))

            #expect(try await store.team(id: "team-1") == team)
            await #expect(throws: KeyStoreError.duplicate("team_id team-1")) { try await store.insertTeam(team) }

            team.blocked = true
            team.spend = 50
            try await store.updateTeam(team)
            let updated = try #require(try await store.team(id: "team-1"))
            #expect(updated.blocked)
            #expect(updated.spend == 0)

            let page = try await store.teams(page: 1, size: 1)
            #expect(page.total == 2)
            #expect(page.items.map(\.teamID) == ["team-1"])
            #expect(try await store.teams(page: 2, size: 1).items.map(\.teamID) == ["team-2"])

            await #expect(throws: KeyStoreError.notFound("team nope")) {
                try await store.updateTeam(TeamRecord(teamID: "nope", createdAt: StoreFixture.now))
            }
            #expect(try await store.deleteTeams(ids: ["team-1", "nope"]) == ["team-1"])
            #expect(try await store.team(id: "team-1") == nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func storesUpdatesListsAndDeletesUsersFilteredByRole(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var admin = UserRecord(userID: "admin", createdAt: StoreFixture.now)
            admin.userRole = "proxy_admin"
            admin.userEmail = "admin@example.com"
            admin.userAlias = "The Admin"
            admin.teams = ["team-1"]
            admin.limits.rpmLimit = 5
            try await store.insertUser(admin)
            try await store.insertUser(UserRecord(userID: "alice", createdAt: StoreFixture.at(1)))
            try await store.insertUser(UserRecord(userID: "bob", createdAt: StoreFixture.at(2)))

            #expect(try await store.user(id: "admin") == admin)
            await #expect(throws: KeyStoreError.duplicate("user_id alice")) {
                try await store.insertUser(UserRecord(userID: "alice", createdAt: StoreFixture.now))
            }

            let internalUsers = try await store.users(role: "internal_user", page: 1, size: 10)
            #expect(internalUsers.total == 2)
            #expect(internalUsers.items.map(\.userID) == ["alice", "bob"])
            #expect(try await store.users(role: nil, page: 1, size: 10).total == 3)

            var demoted = admin
            demoted.userRole = "internal_user"
            try await store.updateUser(demoted)
            #expect(try await store.users(role: "proxy_admin", page: 1, size: 10).total == 0)
            await #expect(throws: KeyStoreError.notFound("user nope")) {
                try await store.updateUser(UserRecord(userID: "nope", createdAt: StoreFixture.now))
            }
            #expect(try await store.deleteUsers(ids: ["bob"]) == ["bob"])
            #expect(try await store.user(id: "bob") == nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func storesUpdatesListsAndDeletesCustomers(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var customer = CustomerRecord(customerID: "end-user-1", createdAt: StoreFixture.now)
            customer.alias = "Acme"
            customer.allowedModelRegion = "eu"
            customer.defaultModel = "gpt-4o-mini"
            customer.limits.maxBudget = 5
            customer.metadata = ["plan": "pro"]
            try await store.insertCustomer(customer)

            #expect(try await store.customer(id: "end-user-1") == customer)
            await #expect(throws: KeyStoreError.duplicate("user_id end-user-1")) { try await store.insertCustomer(customer) }

            customer.blocked = true
            customer.spend = 3
            try await store.updateCustomer(customer)
            let updated = try #require(try await store.customer(id: "end-user-1"))
            #expect(updated.blocked)
            #expect(updated.spend == 0)
            await #expect(throws: KeyStoreError.notFound("customer nope")) {
                try await store.updateCustomer(CustomerRecord(customerID: "nope", createdAt: StoreFixture.now))
            }

            try await store.insertCustomer(CustomerRecord(customerID: "end-user-2", createdAt: StoreFixture.at(5)))
            let page = try await store.customers(page: 1, size: 10)
            #expect(page.items.map(\.customerID) == ["end-user-1", "end-user-2"])
            #expect(try await store.deleteCustomers(ids: ["end-user-2", "end-user-2"]) == ["end-user-2"])
            #expect(try await store.customers(page: 1, size: 10).total == 1)
        }
    }
}
