import Foundation
import Testing

@testable import SwitchyardKeys

@Suite struct KeyStoreSpendQueryTests {
    private static let day: TimeInterval = 86_400

    // StoreFixture.now is 2025-06-15T15:06:40Z.
    private func seed(_ store: SQLKeyStore) async throws {
        try await store.record([
            StoreFixture.entry("1", key: "hash-a", spend: 1, model: "gpt-4o", start: 0, user: "alice", team: "red"),
            StoreFixture.entry("2", key: "hash-a", spend: 2, model: "gpt-4o", start: 60, user: "alice", team: "red"),
            StoreFixture.entry("3", key: "hash-b", spend: 4, model: "claude", start: 120, user: "bob"),
            StoreFixture.entry("4", key: "hash-a", spend: 8, model: "gpt-4o", start: Self.day, user: "alice", team: "red", customer: "acme"),
        ])
    }

    @Test(arguments: StoreBackend.all)
    func filtersSpendLogsByKeyUserTeamAndTimeNewestFirst(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await seed(store)
            var byKey = SpendLogFilter()
            byKey.keyHash = "hash-a"
            #expect(try await store.spendLogs(byKey).map(\.requestID) == ["req-4", "req-2", "req-1"])

            var byUser = SpendLogFilter()
            byUser.userID = "bob"
            #expect(try await store.spendLogs(byUser).map(\.requestID) == ["req-3"])

            var byTeam = SpendLogFilter()
            byTeam.teamID = "red"
            byTeam.limit = 2
            #expect(try await store.spendLogs(byTeam).map(\.requestID) == ["req-4", "req-2"])

            var byRange = SpendLogFilter()
            byRange.start = StoreFixture.at(60)
            byRange.end = StoreFixture.at(Self.day)
            #expect(try await store.spendLogs(byRange).map(\.requestID) == ["req-3", "req-2"])

            var byCustomerAndRequest = SpendLogFilter()
            byCustomerAndRequest.customerID = "acme"
            byCustomerAndRequest.requestID = "req-4"
            #expect(try await store.spendLogs(byCustomerAndRequest).count == 1)
        }
    }

    @Test(arguments: StoreBackend.all)
    func sumsSpendPerUTCDayModelAndKey(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await seed(store)
            let rows = try await store.dailySpend(from: nil, to: nil)
            #expect(
                rows == [
                    DailySpend(
                        day: "2025-06-15", modelGroup: "claude", keyHash: "hash-b", teamID: nil, customerID: nil,
                        spend: 4, promptTokens: 10, completionTokens: 5, requests: 1
                    ),
                    DailySpend(
                        day: "2025-06-15", modelGroup: "gpt-4o", keyHash: "hash-a", teamID: "red", customerID: nil,
                        spend: 3, promptTokens: 20, completionTokens: 10, requests: 2
                    ),
                    DailySpend(
                        day: "2025-06-16", modelGroup: "gpt-4o", keyHash: "hash-a", teamID: "red", customerID: "acme",
                        spend: 8, promptTokens: 10, completionTokens: 5, requests: 1
                    ),
                ]
            )
            let secondDay = try await store.dailySpend(from: StoreFixture.at(Self.day), to: StoreFixture.at(2 * Self.day))
            #expect(secondDay.map(\.spend) == [8])
            #expect(try await store.dailySpend(from: StoreFixture.at(9 * Self.day), to: nil) == [])
        }
    }

    @Test(arguments: StoreBackend.all)
    func totalsSpendSinceAnInstant(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.totalSpend(since: nil) == 0)
            try await seed(store)
            #expect(try await store.totalSpend(since: nil) == 15)
            #expect(try await store.totalSpend(since: StoreFixture.at(60)) == 14)
        }
    }
}
