import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct PerModelLimitTests {
    @Test func aModelRPMLimitAppliesToThatModelOnly() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.modelRPMLimit = ["gpt-4o": 1] }
            _ = try await h.admit(key, model: "gpt-4o")
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o") }
            #expect(error?.status == 429)
            #expect(error?.message.contains("model=gpt-4o") == true)
            for _ in 0..<3 { _ = try await h.admit(key, model: "claude") }
        }
    }

    @Test func aModelTPMLimitCountsThatModelsTokens() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.modelTPMLimit = ["gpt-4o": 50] }
            await h.finish(try await h.admit(key, model: "gpt-4o"), promptTokens: 50)
            await h.finish(try await h.admit(key, model: "claude"), promptTokens: 500)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o") }?.status == 429)
            _ = try await h.admit(key, model: "claude")
        }
    }

    @Test func aModelBudgetAppliesToThatModelsSpendOnly() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.modelMaxBudget = ["gpt-4o": 1] }
            await h.finish(try await h.admit(key, model: "claude"), cost: 5)
            await h.finish(try await h.admit(key, model: "gpt-4o"), cost: 1)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o") }
            #expect(error?.code == "budget_exceeded")
            #expect(error?.message.contains("model=gpt-4o") == true)
            _ = try await h.admit(key, model: "claude")
        }
    }

    @Test func aTeamsModelLimitsApplyToItsKeys() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") {
                $0.limits.modelRPMLimit = ["gpt-4o": 1]
                $0.limits.modelMaxBudget = ["claude": 1]
            }
            let first = try await h.addKey(team: "team-1")
            let second = try await h.addKey(team: "team-1")
            _ = try await h.admit(first, model: "gpt-4o")
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(second, model: "gpt-4o") }?.status == 429)
            await h.finish(try await h.admit(first, model: "claude"), cost: 1)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(second, model: "claude") }?.code == "budget_exceeded")
        }
    }

    @Test func anAliasedModelIsLimitedUnderItsTarget() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey {
                $0.aliases = ["fast": "gpt-4o-mini"]
                $0.limits.modelRPMLimit = ["gpt-4o-mini": 1]
            }
            _ = try await h.admit(key, model: "fast")
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key, model: "gpt-4o-mini") }?.status == 429)
        }
    }
}
