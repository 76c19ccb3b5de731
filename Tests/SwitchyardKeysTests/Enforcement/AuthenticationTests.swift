import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct AuthenticationTests {
    @Test func refusesAnUnknownKeyWith401() async throws {
        try await EnforcementHarness.run { h in
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate("sk-not-a-known-key") }
            #expect(error?.status == 401)
            #expect(error?.code == "invalid_api_key")
        }
    }

    @Test func findsAStoredKeyWithItsTeamAndUser() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1")
            try await h.addUser("user-1")
            let key = try await h.addKey(team: "team-1", user: "user-1")
            let caller = try await h.access.authenticate(key)
            #expect(caller.role == .key)
            #expect(caller.key?.tokenHash == VirtualKey.hash(key))
            #expect(caller.team?.teamID == "team-1")
            #expect(caller.user?.userID == "user-1")
            #expect(!caller.isAdmin)
        }
    }

    @Test func refusesABlockedKeyWith401() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.blocked = true }
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.status == 401)
            #expect(error?.code == "key_blocked")
        }
    }

    @Test func refusesAnExpiredKeyWith401() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.expires = h.clock.now.addingTimeInterval(30) }
            _ = try await h.access.authenticate(key)
            h.clock.advance(30)
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.status == 401)
            #expect(error?.code == "key_expired")
        }
    }

    @Test func refusesAKeyOfABlockedTeamWith401() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") { $0.blocked = true }
            let key = try await h.addKey(team: "team-1")
            let error = await h.refusal { () async throws(GatewayError) in try await h.access.authenticate(key) }
            #expect(error?.status == 401)
            #expect(error?.code == "team_blocked")
        }
    }

    @Test func givesTheKeyOfAProxyAdminTheAdminRole() async throws {
        try await EnforcementHarness.run { h in
            try await h.addUser("boss") { $0.userRole = "proxy_admin" }
            try await h.addUser("worker")
            let admin = try await h.access.authenticate(try await h.addKey(user: "boss"))
            let plain = try await h.access.authenticate(try await h.addKey(user: "worker"))
            #expect(admin.role == .admin)
            #expect(admin.isAdmin)
            #expect(plain.role == .key)
        }
    }

    @Test func namesTheUserOrTheKeyAsTheActor() async throws {
        try await EnforcementHarness.run { h in
            try await h.addUser("user-1")
            let withUser = try await h.access.authenticate(try await h.addKey(user: "user-1"))
            let key = try await h.addKey()
            let withoutUser = try await h.access.authenticate(key)
            #expect(withUser.actor == "user-1")
            #expect(withoutUser.actor == VirtualKey.hash(key))
            #expect(Caller.master.actor == "master_key")
            #expect(Caller.master.isAdmin)
        }
    }
}
