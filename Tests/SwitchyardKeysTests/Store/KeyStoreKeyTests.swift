import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct KeyStoreKeyTests {
    @Test(arguments: StoreBackend.all)
    func storesAKeyWithEveryFieldAndReadsItBackByHashAndAlias(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var record = StoreFixture.key("hash-a", alias: "ci-bot", team: "team-1", user: "user-1")
            record.models = ["gpt-4o", "claude"]
            record.aliases = ["gpt-4": "gpt-4o"]
            record.limits.maxBudget = 12.5
            record.limits.softBudget = 10
            record.limits.budgetDuration = "30d"
            record.limits.budgetResetAt = StoreFixture.at(86_400)
            record.limits.tpmLimit = 1_000
            record.limits.rpmLimit = 60
            record.limits.maxParallelRequests = 4
            record.limits.modelMaxBudget = ["gpt-4o": 1.5]
            record.limits.modelRPMLimit = ["gpt-4o": 10]
            record.limits.modelTPMLimit = ["gpt-4o": 100]
            record.expires = StoreFixture.at(3_600)
            record.metadata = ["owner": "ops", "tags": ["a", 1, nil]]
            record.blocked = true
            record.createdBy = "master_key"
            record.spend = 0.5
            record.modelSpend = ["gpt-4o": 0.5]
            try await store.insertKey(record)

            #expect(try await store.key(hash: "hash-a") == record)
            #expect(try await store.key(alias: "ci-bot") == record)
            #expect(try await store.key(hash: "missing") == nil)
            #expect(try await store.key(alias: "missing") == nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func refusesADuplicateHashOrAlias(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-a", alias: "bot"))
            await #expect(throws: KeyStoreError.duplicate("token")) {
                try await store.insertKey(StoreFixture.key("hash-a", alias: "other"))
            }
            await #expect(throws: KeyStoreError.duplicate("key_alias bot")) {
                try await store.insertKey(StoreFixture.key("hash-b", alias: "bot"))
            }
            try await store.insertKey(StoreFixture.key("hash-c"))
            try await store.insertKey(StoreFixture.key("hash-d"))
            var renamed = StoreFixture.key("hash-c", alias: "bot")
            renamed.keyName = "sk-...cccc"
            await #expect(throws: KeyStoreError.duplicate("key_alias bot")) { try await store.updateKey(renamed) }
        }
    }

    @Test(arguments: StoreBackend.all)
    func updateWritesEveryFieldButNeverSpend(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-a", alias: "bot"))
            try await store.record([StoreFixture.entry("1", key: "hash-a", spend: 2)])

            var changed = StoreFixture.key("hash-a", alias: "renamed", team: "team-2")
            changed.blocked = true
            changed.limits.maxBudget = 3
            changed.spend = 99
            changed.modelSpend = ["gpt-4o": 99]
            changed.updatedAt = StoreFixture.at(60)
            try await store.updateKey(changed)

            let stored = try #require(try await store.key(hash: "hash-a"))
            #expect(stored.keyAlias == "renamed")
            #expect(stored.teamID == "team-2")
            #expect(stored.blocked)
            #expect(stored.limits.maxBudget == 3)
            #expect(stored.updatedAt == StoreFixture.at(60))
            #expect(stored.spend == 2)
            #expect(stored.modelSpend == ["gpt-4o": 2])
            #expect(try await store.key(alias: "bot") == nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func updatingAnUnknownKeyThrowsNotFound(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: KeyStoreError.notFound("key")) { try await store.updateKey(StoreFixture.key("nope")) }
            await #expect(throws: KeyStoreError.notFound("key")) {
                try await store.replaceKey(oldHash: "nope", with: StoreFixture.key("new"))
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func replacingAKeyKeepsItsSpendAndAliasUnderTheNewHash(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-old", alias: "bot"))
            try await store.record([StoreFixture.entry("1", key: "hash-old", spend: 1.5, model: "claude")])

            var regenerated = StoreFixture.key("hash-new", alias: "bot")
            regenerated.spend = 0
            try await store.replaceKey(oldHash: "hash-old", with: regenerated)

            #expect(try await store.key(hash: "hash-old") == nil)
            let stored = try #require(try await store.key(alias: "bot"))
            #expect(stored.tokenHash == "hash-new")
            #expect(stored.spend == 1.5)
            #expect(stored.modelSpend == ["claude": 1.5])
        }
    }

    @Test(arguments: StoreBackend.all)
    func deleteReturnsOnlyTheKeysThatExisted(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-a"))
            try await store.insertKey(StoreFixture.key("hash-b"))
            try await store.record([StoreFixture.entry("1", key: "hash-a")])

            #expect(try await store.deleteKeys(hashes: ["hash-b", "missing", "hash-a"]) == ["hash-b", "hash-a"])
            #expect(try await store.key(hash: "hash-a") == nil)
            #expect(try await store.deleteKeys(hashes: []) == [])
            // A key created again under the same hash starts without the old per-model spend.
            try await store.insertKey(StoreFixture.key("hash-a"))
            #expect(try await store.key(hash: "hash-a")?.modelSpend == [:])
        }
    }

    @Test(arguments: StoreBackend.all)
    func listsKeysNewestFirstWithFiltersAndPages(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for index in 0..<5 {
                let team = index.isMultiple(of: 2) ? "even" : "odd"
                try await store.insertKey(
                    StoreFixture.key("hash-\(index)", alias: "k\(index)", team: team, user: "u\(index % 3)", created: Double(index)))
            }
            var filter = KeyFilter()
            filter.size = 2
            let first = try await store.keys(filter)
            #expect(first.total == 5)
            #expect(first.items.map(\.tokenHash) == ["hash-4", "hash-3"])
            filter.page = 3
            #expect(try await store.keys(filter).items.map(\.tokenHash) == ["hash-0"])

            var byTeam = KeyFilter()
            byTeam.teamID = "even"
            let even = try await store.keys(byTeam)
            #expect(even.total == 3)
            #expect(even.items.map(\.tokenHash) == ["hash-4", "hash-2", "hash-0"])

            var byUser = KeyFilter()
            byUser.userID = "u1"
            byUser.teamID = "odd"
            #expect(try await store.keys(byUser).items.map(\.tokenHash) == ["hash-1"])

            var byAlias = KeyFilter()
            byAlias.keyAlias = "k2"
            #expect(try await store.keys(byAlias).items.map(\.tokenHash) == ["hash-2"])
        }
    }
}
