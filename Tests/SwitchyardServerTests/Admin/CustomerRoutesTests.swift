import Foundation
import SwitchyardCore
import SwitchyardKeys
import Testing

struct CustomerRoutesTests {
    @Test func createsACustomerWithItsBudgetNestedAsLiteLLMDoes() async throws {
        try await AdminFixture.run { admin in
            let answer = try await admin.post(
                "/customer/new",
                #"""
                {"user_id": "acme", "alias": "Acme", "max_budget": 12, "budget_duration": "1d", "tpm_limit": 9, "rpm_limit": 3,
                 "models": ["gpt"], "allowed_model_region": "eu", "default_model": "gpt", "metadata": {"tier": "gold"}}
                """#
            )
            #expect(answer.status == 200)
            #expect(answer["user_id"] == "acme")
            #expect(answer["alias"] == "Acme")
            #expect(answer["blocked"] == false)
            #expect(answer["spend"] == 0)
            #expect(answer["allowed_model_region"] == "eu")
            #expect(answer["default_model"] == "gpt")
            #expect(answer["models"] == ["gpt"])
            #expect(answer["metadata"] == ["tier": "gold"])
            let budget = try #require(answer["litellm_budget_table"]?.objectValue)
            #expect(budget["max_budget"] == 12)
            #expect(budget["tpm_limit"] == 9)
            #expect(budget["rpm_limit"] == 3)
            #expect(budget["budget_duration"] == "1d")
            #expect(budget["budget_reset_at"]?.stringValue.flatMap(ISOTime.parse) != nil)
            let info = try await admin.get("/customer/info?end_user_id=acme")
            #expect(info.json == answer.json)
        }
    }

    @Test func refusesDuplicatesUnknownModelsAndRegions() async throws {
        try await AdminFixture.run { admin in
            #expect(try await admin.post("/customer/new", #"{"user_id": "acme"}"#).status == 200)
            #expect(try await admin.post("/customer/new", #"{"user_id": "acme"}"#).status == 400)
            #expect(try await admin.post("/customer/new", #"{"alias": "no id"}"#).status == 400)
            let model = try await admin.post("/customer/new", #"{"user_id": "b", "default_model": "nope"}"#)
            #expect(model.status == 422)
            #expect(model.error("param") == "default_model")
            #expect(try await admin.post("/customer/new", #"{"user_id": "c", "allowed_model_region": "mars"}"#).status == 400)
            #expect(try await admin.get("/customer/info?end_user_id=ghost").status == 404)
            #expect(try await admin.get("/customer/info").status == 400)
        }
    }

    @Test func updatesListsAndDeletesCustomers() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/customer/new", #"{"user_id": "a", "max_budget": 1}"#)
            _ = try await admin.post("/customer/new", #"{"user_id": "b"}"#)
            let update = try await admin.post("/customer/update", #"{"user_id": "a", "max_budget": 4, "alias": "A"}"#)
            #expect(update.status == 200)
            #expect(update["alias"] == "A")
            #expect(update["litellm_budget_table"]?.objectValue?["max_budget"] == 4)
            #expect(try await admin.post("/customer/update", #"{"user_id": "ghost"}"#).status == 404)
            let list = try await admin.get("/customer/list")
            #expect(Set(list.json.arrayValue?.compactMap { $0.objectValue?["user_id"]?.stringValue } ?? []) == ["a", "b"])
            let missing = try await admin.post("/customer/delete", #"{"user_ids": ["a", "ghost"]}"#)
            #expect(missing.status == 404)
            #expect(missing.error("message") == "End User Id(s)=ghost do not exist in db")
            let deleted = try await admin.post("/customer/delete", #"{"user_ids": ["a", "b"]}"#)
            #expect(deleted["deleted_customers"] == 2)
            #expect(deleted["message"] == "Successfully deleted customers with ids: ['a', 'b']")
            #expect(try await admin.get("/customer/list").json == [])
        }
    }

    @Test func blocksCustomersCreatingUnknownOnesAndUnblocksThem() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/customer/new", #"{"user_id": "a"}"#)
            let blocked = try await admin.post("/customer/block", #"{"user_ids": ["a", "new"]}"#)
            #expect(blocked.status == 200)
            #expect(blocked["blocked_users"]?.arrayValue?.compactMap { $0.objectValue?["blocked"] } == [true, true])
            #expect(try await admin.store.customer(id: "new")?.blocked == true)
            let unblocked = try await admin.post("/customer/unblock", #"{"user_ids": ["a"]}"#)
            #expect(unblocked["unblocked_users"]?.arrayValue?.first?.objectValue?["blocked"] == false)
            #expect(try await admin.store.customer(id: "a")?.blocked == false)
            #expect(try await admin.post("/customer/unblock", #"{"user_ids": ["ghost"]}"#).status == 404)
        }
    }
}
