import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct DatabaseOutageTests {
    @Test func refusesAnUncachedKeyWith503WhileTheDatabaseIsDown() async throws {
        var settings = AccessControl.Settings()
        settings.allowRequestsOnDBUnavailable = true
        try await EnforcementHarness.run(settings) { h in
            let key = try await h.addKey()
            h.store.mode = .down
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.status == 503)
            #expect(error?.code == "database_unavailable")
        }
    }

    @Test func refusesAStaleKeyWith503WhenNotAllowedToServeFromTheCache() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            _ = try await h.access.authenticate(key)
            h.store.mode = .down
            h.clock.advance(61)
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.status == 503)
            #expect(error?.code == "database_unavailable")
        }
    }

    @Test func servesAStaleCachedKeyWhenAllowed() async throws {
        var settings = AccessControl.Settings()
        settings.allowRequestsOnDBUnavailable = true
        try await EnforcementHarness.run(settings) { h in
            let key = try await h.addKey()
            _ = try await h.admit(key)
            h.store.mode = .down
            h.clock.advance(3600)
            let caller = try await h.access.authenticate(key)
            #expect(caller.key?.tokenHash == VirtualKey.hash(key))
            #expect(h.store.keyReads == 2)
            let admission = try await h.access.admit(caller, model: "gpt-4o", customerID: nil)
            await h.finish(admission, cost: 0.5)
            #expect(await h.access.spendWriter.flush() == false)
            h.store.mode = .up
            #expect(await h.access.spendWriter.flush())
            #expect(try await h.sql.key(hash: VirtualKey.hash(key))?.spend == 0.5)
        }
    }

    @Test func servesACachedKeyForANewCustomerWhenAllowed() async throws {
        var settings = AccessControl.Settings()
        settings.allowRequestsOnDBUnavailable = true
        settings.maxEndUserBudget = 1
        try await EnforcementHarness.run(settings) { h in
            let key = try await h.addKey()
            let caller = try await h.access.authenticate(key)
            h.store.mode = .down
            let admission = try await h.access.admit(caller, model: "gpt-4o", customerID: "never-seen")
            await h.finish(admission, cost: 1)
            // The customer's default budget still holds during the outage.
            let error = await h.refusal { () async throws(GatewayError) in
                try await h.access.admit(caller, model: "gpt-4o", customerID: "never-seen")
            }
            #expect(error?.code == "budget_exceeded")
        }
    }

    @Test func refusesANewCustomerWith503WhenNotAllowedToServeFromTheCache() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            let caller = try await h.access.authenticate(key)
            h.store.mode = .down
            let error = await h.refusal { () async throws(GatewayError) in
                try await h.access.admit(caller, model: "gpt-4o", customerID: "never-seen")
            }
            #expect(error?.code == "database_unavailable")
        }
    }
}
