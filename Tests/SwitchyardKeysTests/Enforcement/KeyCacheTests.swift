import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct KeyCacheTests {
    @Test func servesACachedKeyWithNoDatabaseRead() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            _ = try await h.access.authenticate(key)
            #expect(h.store.keyReads == 1)
            for _ in 0..<20 { _ = try await h.admit(key) }
            #expect(h.store.keyReads == 1)
        }
    }

    @Test func readsTheKeyAgainOnceTheCacheTTLHasPassed() async throws {
        var settings = AccessControl.Settings()
        settings.cacheTTL = 60
        try await EnforcementHarness.run(settings) { h in
            let key = try await h.addKey()
            _ = try await h.access.authenticate(key)
            var record = try #require(try await h.sql.key(hash: VirtualKey.hash(key)))
            record.blocked = true
            try await h.sql.updateKey(record)
            h.clock.advance(59)
            _ = try await h.access.authenticate(key)
            #expect(h.store.keyReads == 1)
            h.clock.advance(1)
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.code == "key_blocked")
            #expect(h.store.keyReads == 2)
        }
    }

    @Test func invalidatingAKeyTakesEffectOnItsNextRequest() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            _ = try await h.access.authenticate(key)
            var record = try #require(try await h.sql.key(hash: VirtualKey.hash(key)))
            record.blocked = true
            try await h.sql.updateKey(record)
            _ = try await h.access.authenticate(key)
            h.access.invalidateKey(hash: record.tokenHash)
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.code == "key_blocked")
        }
    }

    @Test func aDeletedKeyIsRefusedOnceInvalidated() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            _ = try await h.access.authenticate(key)
            _ = try await h.sql.deleteKeys(hashes: [VirtualKey.hash(key)])
            h.access.invalidateKey(hash: VirtualKey.hash(key))
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.status == 401)
            #expect(error?.code == "invalid_api_key")
        }
    }

    @Test func invalidatingATeamReloadsEveryKeyOfIt() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1")
            let first = try await h.addKey(team: "team-1")
            let second = try await h.addKey(team: "team-1")
            let other = try await h.addKey()
            for key in [first, second, other] { _ = try await h.access.authenticate(key) }
            var team = try #require(try await h.sql.team(id: "team-1"))
            team.blocked = true
            try await h.sql.updateTeam(team)
            _ = try await h.access.authenticate(first)
            h.access.invalidateTeam(id: "team-1")
            for key in [first, second] {
                let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
                #expect(error?.code == "team_blocked")
            }
            let reads = h.store.keyReads
            _ = try await h.access.authenticate(other)
            #expect(h.store.keyReads == reads)
        }
    }

    @Test func invalidatingAUserReloadsEveryKeyOfIt() async throws {
        try await EnforcementHarness.run { h in
            try await h.addUser("user-1")
            let key = try await h.addKey(user: "user-1")
            #expect(try await h.access.authenticate(key).role == .key)
            var user = try #require(try await h.sql.user(id: "user-1"))
            user.userRole = "proxy_admin"
            try await h.sql.updateUser(user)
            #expect(try await h.access.authenticate(key).role == .key)
            h.access.invalidateUser(id: "user-1")
            #expect(try await h.access.authenticate(key).role == .admin)
        }
    }

    @Test func invalidatingACustomerReadsItAgain() async throws {
        try await EnforcementHarness.run { h in
            try await h.addCustomer("cust-1")
            let key = try await h.addKey()
            _ = try await h.admit(key, customer: "cust-1")
            var customer = try #require(try await h.sql.customer(id: "cust-1"))
            customer.blocked = true
            try await h.sql.updateCustomer(customer)
            _ = try await h.admit(key, customer: "cust-1")
            h.access.invalidateCustomer(id: "cust-1")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, customer: "cust-1") }
            #expect(error?.status == 403)
            #expect(error?.code == "customer_blocked")
        }
    }

    // An admin change (/key/block) made while a load was reading the store must win over what it read.
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
}
