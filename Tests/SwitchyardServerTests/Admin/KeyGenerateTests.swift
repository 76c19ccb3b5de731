import Foundation
import SwitchyardCore
import SwitchyardKeys
import Testing

struct KeyGenerateTests {
    @Test func answersWithLiteLLMsGenerateKeyResponseFields() async throws {
        try await AdminFixture.run { admin in
            let answer = try await admin.post(
                "/key/generate",
                #"""
                {"key_alias": "ci", "models": ["gpt"], "aliases": {"gpt-4": "gpt"}, "duration": "7d", "max_budget": 10,
                 "soft_budget": 5, "budget_duration": "1d", "tpm_limit": 1000, "rpm_limit": 60, "max_parallel_requests": 2,
                 "model_rpm_limit": {"gpt": 10}, "model_tpm_limit": {"gpt": 100}, "metadata": {"app": "ci"}, "spend": 1.5}
                """#
            )
            #expect(answer.status == 200)
            let key = try #require(answer["key"]?.stringValue)
            #expect(key.hasPrefix("sk-"))
            #expect(answer.object.keys.first == "key")
            #expect(answer["token"]?.stringValue == VirtualKey.hash(key))
            #expect(answer["token_id"]?.stringValue == VirtualKey.hash(key))
            #expect(answer["key_name"]?.stringValue == "sk-...\(key.suffix(4))")
            #expect(answer["key_alias"] == "ci")
            #expect(answer["models"] == ["gpt"])
            #expect(answer["aliases"] == ["gpt-4": "gpt"])
            #expect(answer["max_budget"] == 10)
            #expect(answer["soft_budget"] == 5)
            #expect(answer["budget_duration"] == "1d")
            #expect(answer["tpm_limit"] == 1000)
            #expect(answer["rpm_limit"] == 60)
            #expect(answer["max_parallel_requests"] == 2)
            #expect(answer["model_rpm_limit"] == ["gpt": 10])
            #expect(answer["model_tpm_limit"] == ["gpt": 100])
            #expect(answer["metadata"] == ["app": "ci"])
            #expect(answer["spend"] == 1.5)
            #expect(answer["blocked"] == false)
            #expect(answer["created_by"] == "master_key")
            let expires = try #require(answer["expires"]?.stringValue.flatMap(ISOTime.parse))
            #expect(abs(expires.timeIntervalSinceNow - 7 * 86_400) < 60)
            let reset = try #require(answer["budget_reset_at"]?.stringValue.flatMap(ISOTime.parse))
            #expect(reset > Date() && reset.timeIntervalSinceNow <= 86_400)
        }
    }

    @Test func storesOnlyTheHashOfTheKey() async throws {
        try await AdminFixture.run { admin in
            let (key, hash) = try await admin.generateKey()
            let stored = try #require(try await admin.store.key(hash: hash))
            #expect(stored.tokenHash == VirtualKey.hash(key))
            #expect(stored.keyName != key)
        }
    }

    @Test func usesACallerSuppliedKeyThatStartsWithSk() async throws {
        try await AdminFixture.run { admin in
            let answer = try await admin.post("/key/generate", #"{"key": "sk-my-own-key-1234"}"#)
            #expect(answer.status == 200)
            #expect(answer["key"] == "sk-my-own-key-1234")
            #expect(answer["token"]?.stringValue == VirtualKey.hash("sk-my-own-key-1234"))
            let refused = try await admin.post("/key/generate", #"{"key": "my-own-key-1234"}"#)
            #expect(refused.status == 400)
            #expect(refused.error("param") == "key")
            #expect(refused.error("message")?.stringValue?.contains("my-own-key-1234") == false)
        }
    }

    @Test func acceptsBothFormsOfModelMaxBudget() async throws {
        try await AdminFixture.run { admin in
            let flat = try await admin.post("/key/generate", #"{"model_max_budget": {"gpt": 1.5}}"#)
            #expect(flat["model_max_budget"] == ["gpt": 1.5])
            let litellm = try await admin.post("/key/generate", #"{"model_max_budget": {"gpt": {"budget_limit": 2.5, "time_period": "1d"}}}"#)
            #expect(litellm["model_max_budget"] == ["gpt": 2.5])
            let wrong = try await admin.post("/key/generate", #"{"model_max_budget": {"gpt": "a lot"}}"#)
            #expect(wrong.status == 400)
            #expect(wrong.error("param") == "model_max_budget")
        }
    }

    @Test func rejectsAnInvalidDurationNamingTheField() async throws {
        try await AdminFixture.run { admin in
            let duration = try await admin.post("/key/generate", #"{"duration": "7 days"}"#)
            #expect(duration.status == 400)
            #expect(duration.error("param") == "duration")
            let budget = try await admin.post("/key/generate", #"{"budget_duration": "soon"}"#)
            #expect(budget.status == 400)
            #expect(budget.error("param") == "budget_duration")
        }
    }

    @Test func refusesATakenAlias() async throws {
        try await AdminFixture.run { admin in
            #expect(try await admin.post("/key/generate", #"{"key_alias": "ci"}"#).status == 200)
            let again = try await admin.post("/key/generate", #"{"key_alias": "ci"}"#)
            #expect(again.status == 400)
            #expect(again.error("param") == "key_alias")
        }
    }

    @Test func needsTheReferencedTeamAndUserToExist() async throws {
        try await AdminFixture.run { admin in
            let team = try await admin.post("/key/generate", #"{"team_id": "ghost"}"#)
            #expect(team.status == 400)
            #expect(team.error("param") == "team_id")
            let user = try await admin.post("/key/generate", #"{"user_id": "ghost"}"#)
            #expect(user.status == 400)
            #expect(user.error("param") == "user_id")
            #expect(try await admin.post("/team/new", #"{"team_id": "t1"}"#).status == 200)
            let ok = try await admin.post("/key/generate", #"{"team_id": "t1"}"#)
            #expect(ok.status == 200)
            #expect(ok["team_id"] == "t1")
        }
    }

    @Test func rejectsFieldsOfTheWrongTypeAndMalformedJSON() async throws {
        try await AdminFixture.run { admin in
            let type = try await admin.post("/key/generate", #"{"max_budget": "ten"}"#)
            #expect(type.status == 400)
            #expect(type.error("param") == "max_budget")
            let negative = try await admin.post("/key/generate", #"{"max_budget": -1}"#)
            #expect(negative.status == 400)
            let malformed = try await admin.post("/key/generate", #"{"max_budget": "#)
            #expect(malformed.status == 400)
            #expect(malformed.error("code") == "invalid_json")
        }
    }

    @Test func makesAKeyWithDefaultsFromAnEmptyBody() async throws {
        try await AdminFixture.run { admin in
            let answer = try await admin.post("/key/generate", "")
            #expect(answer.status == 200)
            #expect(answer["expires"] == .null)
            #expect(answer["models"] == [])
        }
    }
}
