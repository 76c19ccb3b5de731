import Foundation
import SwitchyardCore
import SwitchyardKeys
import Testing

struct UserRoutesTests {
    @Test func createsAUserWithAKeyOfItsOwn() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1"}"#)
            let answer = try await admin.post(
                "/user/new",
                #"""
                {"user_id": "ann", "user_email": "ann@example.com", "user_alias": "Ann", "user_role": "internal_user",
                 "teams": ["t1"], "models": ["gpt"], "max_budget": 20, "budget_duration": "1mo", "tpm_limit": 10, "rpm_limit": 2,
                 "metadata": {"dept": "ml"}, "key_alias": "ann-key", "duration": "2h"}
                """#
            )
            #expect(answer.status == 200)
            let key = try #require(answer["key"]?.stringValue)
            #expect(key.hasPrefix("sk-"))
            #expect(answer.object.keys.first == "key")
            #expect(answer["token"] == nil)
            #expect(answer["user_id"] == "ann")
            #expect(answer["user_email"] == "ann@example.com")
            #expect(answer["user_alias"] == "Ann")
            #expect(answer["user_role"] == "internal_user")
            #expect(answer["teams"] == ["t1"])
            #expect(answer["models"] == ["gpt"])
            #expect(answer["max_budget"] == 20)
            #expect(answer["budget_duration"] == "1mo")
            #expect(answer["budget_reset_at"]?.stringValue.flatMap(ISOTime.parse) != nil)
            #expect(answer["tpm_limit"] == 10)
            #expect(answer["rpm_limit"] == 2)
            #expect(answer["metadata"] == ["dept": "ml"])
            #expect(answer["key_alias"] == "ann-key")
            #expect(answer["expires"]?.stringValue != nil)
            let stored = try #require(try await admin.store.key(hash: VirtualKey.hash(key)))
            #expect(stored.userID == "ann")
            #expect(try await admin.store.team(id: "t1")?.members.map(\.userID) == ["ann"])
            #expect(try await admin.get("/key/info", key: key).status == 200)
        }
    }

    @Test func createsAUserWithoutAKeyWhenAsked() async throws {
        try await AdminFixture.run { admin in
            let answer = try await admin.post("/user/new", #"{"auto_create_key": false}"#)
            #expect(answer.status == 200)
            #expect(answer["key"] == .null)
            let id = try #require(answer["user_id"]?.stringValue)
            #expect(UUID(uuidString: id) != nil)
            #expect(answer["user_role"] == "internal_user")
            #expect(try await admin.get("/key/list")["total_count"] == 0)
        }
    }

    @Test func refusesADuplicateUserAndUnknownTeamsOrRoles() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/user/new", #"{"user_id": "ann", "user_email": "ann@example.com"}"#)
            #expect(try await admin.post("/user/new", #"{"user_id": "ann"}"#).status == 409)
            #expect(try await admin.post("/user/new", #"{"user_email": "ANN@example.com"}"#).status == 409)
            let team = try await admin.post("/user/new", #"{"teams": ["ghost"]}"#)
            #expect(team.status == 400)
            #expect(team.error("param") == "teams")
            let role = try await admin.post("/user/new", #"{"user_role": "king"}"#)
            #expect(role.status == 400)
            #expect(role.error("param") == "user_role")
        }
    }

    @Test func updatesAUserByIDOrEmail() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/user/new", #"{"user_id": "ann", "user_email": "ann@example.com", "max_budget": 1}"#)
            let byID = try await admin.post("/user/update", #"{"user_id": "ann", "max_budget": 5, "user_role": "proxy_admin"}"#)
            #expect(byID.status == 200)
            #expect(byID["user_id"] == "ann")
            #expect(byID["data"]?.objectValue?["max_budget"] == 5)
            #expect(byID["data"]?.objectValue?["user_role"] == "proxy_admin")
            let byEmail = try await admin.post("/user/update", #"{"user_email": "ann@example.com", "user_alias": "Ann"}"#)
            #expect(byEmail["data"]?.objectValue?["user_alias"] == "Ann")
            #expect(try await admin.store.user(id: "ann")?.limits.maxBudget == 5)
            #expect(try await admin.post("/user/update", #"{"user_id": "ghost", "max_budget": 1}"#).status == 404)
        }
    }

    @Test func showsAUserWithItsKeysAndTeams() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1", "team_alias": "one"}"#)
            _ = try await admin.post("/user/new", #"{"user_id": "ann", "teams": ["t1"], "auto_create_key": false}"#)
            let key = try await admin.generateKey(#"{"user_id": "ann", "team_id": "t1"}"#)
            let answer = try await admin.get("/user/info?user_id=ann")
            #expect(answer.status == 200)
            #expect(answer["user_id"] == "ann")
            #expect(answer["user_info"]?.objectValue?["teams"] == ["t1"])
            let keys = try #require(answer["keys"]?.arrayValue)
            #expect(keys.first?.objectValue?["token"]?.stringValue == key.hash)
            #expect(keys.first?.objectValue?["team_alias"] == "one")
            #expect(answer["teams"]?.arrayValue?.first?.objectValue?["team_id"] == "t1")
            #expect(try await admin.get("/user/info?user_id=ghost").status == 404)
            let everything = try await admin.get("/user/info")
            #expect(everything["user_id"] == .null)
            #expect(everything["user_info"] == .null)
            #expect(everything["keys"]?.arrayValue?.count == 1)
            #expect(everything["teams"]?.arrayValue?.count == 1)
        }
    }

    @Test func listsUsersPageByPageWithTheirKeyCounts() async throws {
        try await AdminFixture.run { admin in
            for id in ["a", "b", "c"] { _ = try await admin.post("/user/new", #"{"user_id": "\#(id)", "auto_create_key": \#(id == "a")}"#) }
            _ = try await admin.post("/user/new", #"{"user_id": "root", "user_role": "proxy_admin", "auto_create_key": false}"#)
            let page = try await admin.get("/user/list?page=1&page_size=3")
            #expect(page["total"] == 4)
            #expect(page["page"] == 1)
            #expect(page["page_size"] == 3)
            #expect(page["total_pages"] == 2)
            #expect(page["users"]?.arrayValue?.count == 3)
            let everyone = try await admin.get("/user/list?page_size=10")
            let counts = everyone["users"]?.arrayValue?.compactMap { user -> (String, Int)? in
                guard let id = user.objectValue?["user_id"]?.stringValue, let count = user.objectValue?["key_count"]?.intValue else { return nil }
                return (id, count)
            }
            #expect(counts.map { Dictionary(uniqueKeysWithValues: $0) } == ["a": 1, "b": 0, "c": 0, "root": 0])
            let admins = try await admin.get("/user/list?role=proxy_admin")
            #expect(admins["users"]?.arrayValue?.compactMap { $0.objectValue?["user_id"]?.stringValue } == ["root"])
        }
    }

    @Test func deletesUsersWithTheirKeysAndMemberships() async throws {
        try await AdminFixture.run { admin in
            _ = try await admin.post("/team/new", #"{"team_id": "t1"}"#)
            let created = try await admin.post("/user/new", #"{"user_id": "ann", "teams": ["t1"]}"#)
            let key = try #require(created["key"]?.stringValue)
            #expect(try await admin.post("/user/delete", #"{"user_ids": ["ann", "ghost"]}"#).status == 404)
            let answer = try await admin.post("/user/delete", #"{"user_ids": ["ann"]}"#)
            #expect(answer.status == 200)
            #expect(answer["deleted_users"] == ["ann"])
            #expect(try await admin.store.user(id: "ann") == nil)
            #expect(try await admin.store.key(hash: VirtualKey.hash(key)) == nil)
            #expect(try await admin.store.team(id: "t1")?.members.isEmpty == true)
            #expect(try await admin.get("/key/info", key: key).status == 401)
        }
    }
}
