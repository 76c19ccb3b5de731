import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct ModelAccessTests {
    @Test func aKeyMayUseOnlyTheModelsItLists() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.models = ["gpt-4o", "claude-sonnet"] }
            _ = try await h.admit(key, model: "gpt-4o")
            _ = try await h.admit(key, model: "claude-sonnet")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o-mini") }
            #expect(error?.status == 401)
            #expect(error?.code == "model_not_allowed")
            #expect(error?.message.contains("gpt-4o-mini") == true)
        }
    }

    @Test func anEmptyListAllowsEveryModel() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            for model in ["gpt-4o", "anything", "bedrock/claude"] { _ = try await h.admit(key, model: model) }
        }
    }

    @Test func anAccessGroupAllowsItsModels() async throws {
        var settings = AccessControl.Settings()
        settings.accessGroups = ["beta-models": ["gpt-5", "o3"]]
        try await EnforcementHarness.run(settings) { h in
            let key = try await h.addKey { $0.models = ["beta-models"] }
            _ = try await h.admit(key, model: "gpt-5")
            _ = try await h.admit(key, model: "o3")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o") }
            #expect(error?.code == "model_not_allowed")
        }
    }

    @Test func aWildcardAllowsEveryModelWithItsPrefix() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.models = ["openai/*"] }
            _ = try await h.admit(key, model: "openai/gpt-4o")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "anthropic/claude") }
            #expect(error?.code == "model_not_allowed")
        }
    }

    @Test func allTeamModelsDefersToTheTeamsList() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") { $0.models = ["gpt-4o"] }
            let key = try await h.addKey(team: "team-1") { $0.models = ["all-team-models"] }
            _ = try await h.admit(key, model: "gpt-4o")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "claude") }
            #expect(error?.code == "model_not_allowed")
        }
    }

    @Test func allTeamModelsOnAKeyWithoutATeamAllowsNothing() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.models = ["all-team-models"] }
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o") }
            #expect(error?.code == "model_not_allowed")
        }
    }

    @Test func theTeamsListRestrictsAKeyThatAllowsEverything() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") { $0.models = ["gpt-4o"] }
            let key = try await h.addKey(team: "team-1")
            _ = try await h.admit(key, model: "gpt-4o")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "claude") }
            #expect(error?.status == 401)
            #expect(error?.message.contains("team") == true)
        }
    }

    @Test func theUsersListRestrictsTooAndMayUseAgrees() async throws {
        try await EnforcementHarness.run { h in
            try await h.addUser("user-1") { $0.models = ["claude"] }
            let key = try await h.addKey(user: "user-1")
            let caller = try await h.access.authenticate(key)
            #expect(h.access.mayUse(caller, model: "claude"))
            #expect(!h.access.mayUse(caller, model: "gpt-4o"))
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o") }
            #expect(error?.code == "model_not_allowed")
        }
    }

    @Test func aKeyAliasMapsTheRequestedModel() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey {
                $0.models = ["gpt-4o"]
                $0.aliases = ["gpt-4": "gpt-4o"]
            }
            let admission = try await h.admit(key, model: "gpt-4")
            #expect(admission.model == "gpt-4o")
            #expect(h.access.mayUse(try await h.access.authenticate(key), model: "gpt-4"))
        }
    }

    @Test func aCustomersListRestrictsItsRequests() async throws {
        try await EnforcementHarness.run { h in
            try await h.addCustomer("cust-1") { $0.models = ["gpt-4o"] }
            let key = try await h.addKey()
            _ = try await h.admit(key, model: "gpt-4o", customer: "cust-1")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "claude", customer: "cust-1") }
            #expect(error?.status == 401)
            #expect(error?.code == "model_not_allowed")
        }
    }

    @Test func theMasterKeyMayUseEveryModel() async throws {
        try await EnforcementHarness.run { h in
            let admission = try await h.access.admit(.master, model: "anything", customerID: nil)
            #expect(admission.model == "anything")
            #expect(h.access.mayUse(.master, model: "anything"))
        }
    }
}
