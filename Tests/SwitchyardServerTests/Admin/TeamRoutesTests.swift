import Foundation
import SwitchyardCore
import SwitchyardKeys
import Testing

struct TeamRoutesTests {
    @Test func createsATeamWithLiteLLMsFields() async throws {
        try await AdminFixture.run { admin in
            let answer = try await admin.post(
                "/team/new",
                #"""
                {"team_alias": "research", "models": ["gpt"], "max_budget": 50, "budget_duration": "30d", "tpm_limit": 5000,
                 "rpm_limit": 100, "max_parallel_requests": 4, "metadata": {"cost_center": 7}, "blocked": false,
                 "members_with_roles": [{"role": "admin", "user_id": "ann"}]}
                """#
            )
            #expect(answer.status == 200)
            let teamID = try #require(answer["team_id"]?.stringValue)
            #expect(UUID(uuidString: teamID) != nil)
            #expect(answer["team_alias"] == "research")
            #expect(answer["models"] == ["gpt"])
            #expect(answer["max_budget"] == 50)
            #expect(answer["budget_duration"] == "30d")
            #expect(answer["budget_reset_at"]?.stringValue.flatMap(ISOTime.parse) != nil)
            #expect(answer["tpm_limit"] == 5000)
            #expect(answer["rpm_limit"] == 100)
            #expect(answer["max_parallel_requests"] == 4)
            #expect(answer["metadata"] == ["cost_center": 7])
            #expect(answer["blocked"] == false)
            #expect(answer["spend"] == 0)
            #expect(answer["members_with_roles"] == [["user_id": "ann", "user_email": nil, "role": "admin"]])
            #expect(answer["admins"] == ["ann"])
            let ann = try #require(try await admin.store.user(id: "ann"))
            #expect(ann.teams == [teamID])
        }
    }

    @Test func refusesATakenTeamID() async throws {
        try await AdminFixture.run { admin in
            #expect(try await admin.post("/team/new", #"{"team_id": "t1"}"#).status == 200)
            let again = try await admin.post("/team/new", #"{"team_id": "t1"}"#)
            #expect(again.status == 400)
            #expect(again.error("message")?.stringValue?.contains("already exists") == true)
        }
    }

    @Test func updatesAndShowsATeamWithItsKeys() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1", "team_alias": "one", "max_budget": 5}"#)
            let key = try await admin.generateKey(#"{"team_id": "t1"}"#)
            let update = try await admin.post("/team/update", #"{"team_id": "t1", "max_budget": 7, "blocked": true}"#)
            #expect(update.status == 200)
            #expect(update["team_id"] == "t1")
            #expect(update["data"]?.objectValue?["max_budget"] == 7)
            #expect(update["data"]?.objectValue?["team_alias"] == "one")
            #expect(update["data"]?.objectValue?["blocked"] == true)
            let info = try await admin.get("/team/info?team_id=t1")
            #expect(info["team_id"] == "t1")
            #expect(info["team_info"]?.objectValue?["max_budget"] == 7)
            #expect(info["keys"]?.arrayValue?.first?.objectValue?["token"]?.stringValue == key.hash)
            #expect(info["team_memberships"] == [])
            #expect(try await admin.get("/team/info?team_id=ghost").status == 404)
            #expect(try await admin.get("/team/info").status == 422)
            #expect(try await admin.post("/team/update", #"{"team_id": "ghost"}"#).status == 404)
            #expect(try await admin.post("/team/update", #"{"max_budget": 1}"#).status == 400)
        }
    }

    @Test func blocksAndUnblocksATeamsKeys() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1"}"#)
            let key = try await admin.generateKey(#"{"team_id": "t1"}"#)
            #expect(try await admin.get("/key/info", key: key.key).status == 200)
            let blocked = try await admin.post("/team/block", #"{"team_id": "t1"}"#)
            #expect(blocked["blocked"] == true)
            #expect(try await admin.get("/key/info", key: key.key).status == 401)
            let unblocked = try await admin.post("/team/unblock", #"{"team_id": "t1"}"#)
            #expect(unblocked["blocked"] == false)
            #expect(try await admin.get("/key/info", key: key.key).status == 200)
            #expect(try await admin.post("/team/block", #"{"team_id": "ghost"}"#).status == 404)
        }
    }

    @Test func listsTeamsByAliasAndFiltersByMember() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "b", "team_alias": "beta", "members_with_roles": [{"user_id": "ann"}]}"#)
            _ = try await admin.post("/team/new", #"{"team_id": "a", "team_alias": "alpha"}"#)
            let all = try await admin.get("/team/list")
            #expect(all.json.arrayValue?.compactMap { $0.objectValue?["team_id"]?.stringValue } == ["a", "b"])
            #expect(all.json.arrayValue?.first?.objectValue?["keys"] == [])
            let anns = try await admin.get("/team/list?user_id=ann")
            #expect(anns.json.arrayValue?.compactMap { $0.objectValue?["team_id"]?.stringValue } == ["b"])
        }
    }

    @Test func addsMembersCreatingUsersThatDoNotExist() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1"}"#)
            _ = try await admin.post("/user/new", #"{"user_id": "bob", "user_email": "bob@example.com", "auto_create_key": false}"#)
            let answer = try await admin.post(
                "/team/member_add",
                #"{"team_id": "t1", "member": [{"role": "user", "user_email": "BOB@example.com"}, {"role": "admin", "user_id": "cat"}]}"#
            )
            #expect(answer.status == 200)
            #expect(answer["team_id"] == "t1")
            let members = answer["members_with_roles"]?.arrayValue?.compactMap { $0.objectValue?["user_id"]?.stringValue }
            #expect(members == ["bob", "cat"])
            #expect(answer["updated_users"]?.arrayValue?.count == 2)
            #expect(answer["updated_team_memberships"] == [])
            #expect(try await admin.store.user(id: "bob")?.teams == ["t1"])
            #expect(try await admin.store.user(id: "cat")?.teams == ["t1"])
            let again = try await admin.post("/team/member_add", #"{"team_id": "t1", "member": {"role": "user", "user_id": "cat"}}"#)
            #expect(again.status == 400)
            #expect(try await admin.post("/team/member_add", #"{"team_id": "ghost", "member": {"user_id": "x"}}"#).status == 404)
            #expect(try await admin.post("/team/member_add", #"{"team_id": "t1", "member": {"role": "owner", "user_id": "x"}}"#).status == 400)
        }
    }

    @Test func removesAMemberFromTheTeamAndTheUser() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1", "members_with_roles": [{"user_id": "ann"}, {"user_id": "bob"}]}"#)
            let answer = try await admin.post("/team/member_delete", #"{"team_id": "t1", "user_id": "ann"}"#)
            #expect(answer.status == 200)
            #expect(answer["members_with_roles"]?.arrayValue?.count == 1)
            #expect(try await admin.store.user(id: "ann")?.teams == [])
            #expect(try await admin.post("/team/member_delete", #"{"team_id": "t1", "user_id": "ann"}"#).status == 400)
            #expect(try await admin.post("/team/member_delete", #"{"team_id": "t1"}"#).status == 400)
        }
    }

    @Test func deletesTeamsWithTheirKeys() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1", "members_with_roles": [{"user_id": "ann"}]}"#)
            let key = try await admin.generateKey(#"{"team_id": "t1"}"#)
            let untouched = try await admin.generateKey()
            #expect(try await admin.post("/team/delete", #"{"team_ids": ["t1", "ghost"]}"#).status == 404)
            #expect(try await admin.store.team(id: "t1") != nil)
            let answer = try await admin.post("/team/delete", #"{"team_ids": ["t1"]}"#)
            #expect(answer.status == 200)
            #expect(answer["deleted_teams"] == ["t1"])
            #expect(try await admin.store.team(id: "t1") == nil)
            #expect(try await admin.store.key(hash: key.hash) == nil)
            #expect(try await admin.store.key(hash: untouched.hash) != nil)
            #expect(try await admin.store.user(id: "ann")?.teams == [])
            #expect(try await admin.get("/key/info", key: key.key).status == 401)
        }
    }
}
