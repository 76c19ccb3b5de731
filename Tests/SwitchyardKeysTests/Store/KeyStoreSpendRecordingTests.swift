import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct KeyStoreSpendRecordingTests {
    @Test(arguments: StoreBackend.all)
    func addsEachRowsSpendToItsKeyTeamUserAndModelOnce(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-a", team: "team-1", user: "user-1"))
            try await store.insertTeam(TeamRecord(teamID: "team-1", createdAt: StoreFixture.now))
            try await store.insertUser(UserRecord(userID: "user-1", createdAt: StoreFixture.now))
            let batch = [
                StoreFixture.entry("1", spend: 0.5, model: "gpt-4o", user: "user-1", team: "team-1"),
                StoreFixture.entry("2", spend: 0.25, model: "claude", user: "user-1", team: "team-1"),
                StoreFixture.entry("3", spend: 0.25, model: "gpt-4o", user: "user-1", team: "team-1"),
            ]
            try await store.record(batch)
            // The same batch again, as after a commit whose outcome was unknown, and a duplicate inside one batch.
            try await store.record(batch)
            try await store.record([batch[0], batch[0]])

            let key = try #require(try await store.key(hash: "hash-a"))
            #expect(key.spend == 1)
            #expect(key.modelSpend == ["gpt-4o": 0.75, "claude": 0.25])
            let team = try #require(try await store.team(id: "team-1"))
            #expect(team.spend == 1)
            #expect(team.modelSpend == ["gpt-4o": 0.75, "claude": 0.25])
            let user = try #require(try await store.user(id: "user-1"))
            #expect(user.spend == 1)
            #expect(user.modelSpend["claude"] == 0.25)
            #expect(try await store.spendLogs(SpendLogFilter()).count == 3)
        }
    }

    @Test(arguments: StoreBackend.all)
    func createsACustomerOnItsFirstSpendAndAddsToAnExistingOne(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertCustomer(CustomerRecord(customerID: "known", createdAt: StoreFixture.now))
            try await store.record([
                StoreFixture.entry("1", spend: 0.5, start: 30, customer: "new-user"),
                StoreFixture.entry("2", spend: 0.25, start: 10, customer: "new-user"),
                StoreFixture.entry("3", spend: 2, customer: "known"),
            ])

            let implicit = try #require(try await store.customer(id: "new-user"))
            #expect(implicit.spend == 0.75)
            #expect(implicit.createdAt == StoreFixture.at(10))
            #expect(try await store.customer(id: "known")?.spend == 2)
        }
    }

    @Test(arguments: StoreBackend.all)
    func spendForAnUnknownKeyTeamOrUserIsLoggedButAddsNothing(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.record([StoreFixture.entry("1", key: "deleted", user: "ghost", team: "gone")])

            #expect(try await store.spendLogs(SpendLogFilter()).map(\.keyHash) == ["deleted"])
            // No orphan per-model rows: a key created later under that hash starts at zero.
            try await store.insertKey(StoreFixture.key("deleted"))
            let key = try #require(try await store.key(hash: "deleted"))
            #expect(key.spend == 0)
            #expect(key.modelSpend == [:])
        }
    }

    @Test(arguments: StoreBackend.all)
    func everyRowPaysIntoTheProxyBudgetUserWhenItExists(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.record([StoreFixture.entry("before", spend: 5)])
            try await store.insertUser(UserRecord(userID: AccessControl.proxyBudgetUserID, createdAt: StoreFixture.now))
            try await store.record([StoreFixture.entry("1", spend: 0.5, user: "alice"), StoreFixture.entry("2", spend: 0.25)])

            let proxy = try #require(try await store.user(id: AccessControl.proxyBudgetUserID))
            #expect(proxy.spend == 0.75)
            #expect(proxy.modelSpend == [:])
        }
    }

    @Test(arguments: StoreBackend.all)
    func concurrentBatchesAllCount(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-a"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { try await store.record([StoreFixture.entry("c\(index)", spend: 0.5)]) }
                }
                try await group.waitForAll()
            }
            #expect(try await store.key(hash: "hash-a")?.spend == 10)
        }
    }

    @Test(arguments: StoreBackend.all)
    func keepsEveryFieldOfASpendLogRow(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var entry = StoreFixture.entry("1", user: "u", team: "t", customer: "c")
            entry.record.completionStartTime = StoreFixture.at(1)
            entry.record.modelID = "deployment-7"
            entry.record.apiBase = "https://api.openai.com/v1"
            entry.record.cacheHit = true
            entry.record.metadata = ["attempts": 2, "error": nil, "nested": ["a": "b"]]
            try await store.record([entry])

            #expect(try await store.spendLogs(SpendLogFilter()) == [entry.record])
        }
    }
}

/// The spend-log insert binds values straight into each driver's types (``SQLKeyStore/insertSpendRows(_:into:)``):
/// every column must read back as written, over several statements of a batch, with and without optional values.
@Suite struct KeyStoreSpendInsertTests {
    @Test(arguments: StoreBackend.all)
    func everyColumnReadsBackAsWrittenAcrossSeveralStatements(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var entries: [SpendLogEntry] = []
            for index in 0..<(SQLKeyStore.rowsPerInsert * 2 + 7) {
                var entry = StoreFixture.entry("\(index)", spend: Double(index) / 8, start: Double(index))
                if index % 2 == 0 {
                    entry.record.completionStartTime = StoreFixture.at(Double(index) + 0.5)
                    entry.record.modelID = "deployment-\(index)"
                    entry.record.apiBase = "https://api.example.com/v1"
                    entry.record.userID = "user-\(index)"
                    entry.record.teamID = "team-\(index)"
                    entry.record.customerID = "customer-\(index)"
                    entry.record.cacheHit = true
                    entry.record.metadata = ["tags": .array([.string("a"), .string("é\"\\")])]
                }
                entries.append(entry)
            }
            try await store.record(entries)
            var filter = SpendLogFilter()
            filter.limit = 10_000
            let stored = try await store.spendLogs(filter)
            #expect(stored.count == entries.count)
            let byRequest = Dictionary(uniqueKeysWithValues: stored.map { ($0.requestID, $0) })
            for entry in entries {
                #expect(byRequest[entry.record.requestID] == entry.record, "\(entry.record.requestID)")
            }
        }
    }

    /// A transaction whose task is cancelled must still be rolled back: a connection left inside it failed
    /// every later BEGIN, and at shutdown the final spend flush with it (its rows were lost).
    @Test(arguments: StoreBackend.all)
    func aTransactionCancelledWithItsTaskIsRolledBackAndTheConnectionStaysUsable(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let cancelled = Task {
                try await store.transaction { db in
                    try await db.raw("INSERT INTO switchyard_teams (team_id, created_at, updated_at, data) VALUES ('left-over', 0, 0, '{}')").run()
                    withUnsafeCurrentTask { $0?.cancel() }
                    throw CancellationError()
                }
            }
            _ = await cancelled.result
            try await store.record([StoreFixture.entry("after")])
            #expect(try await store.spendLogs(SpendLogFilter()).count == 1)
            #expect(try await store.team(id: "left-over") == nil)
        }
    }

    @Test func utcDaysAreZeroPadded() {
        #expect(Date(timeIntervalSince1970: 0).utcDay == "1970-01-01")
        #expect(Date(timeIntervalSince1970: 951_782_400).utcDay == "2000-02-29")
        #expect(Date(timeIntervalSince1970: -62_135_596_800).utcDay == "0001-01-01")
        #expect(Date(timeIntervalSince1970: 1_796_256_000 - 1).utcDay == "2026-12-02")
    }
}
