import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import Testing

@testable import SwitchyardServer

struct AdminAuthorizationTests {
    static let routes: [(HTTPRequest.Method, String)] = [
        (.post, "/key/generate"), (.post, "/key/update"), (.post, "/key/delete"), (.post, "/key/regenerate"),
        (.get, "/key/list"), (.post, "/key/block"), (.post, "/key/unblock"),
        (.post, "/team/new"), (.post, "/team/update"), (.post, "/team/delete"), (.get, "/team/info?team_id=t"), (.get, "/team/list"),
        (.post, "/team/member_add"), (.post, "/team/member_delete"), (.post, "/team/block"), (.post, "/team/unblock"),
        (.post, "/user/new"), (.post, "/user/update"), (.post, "/user/delete"), (.get, "/user/info?user_id=u"), (.get, "/user/list"),
        (.post, "/customer/new"), (.post, "/customer/update"), (.post, "/customer/delete"), (.get, "/customer/info?end_user_id=c"),
        (.get, "/customer/list"), (.post, "/customer/block"), (.post, "/customer/unblock"),
        (.get, "/spend/logs"), (.get, "/global/spend/report"), (.get, "/spend/keys"), (.get, "/spend/users"),
    ]

    @Test func refusesEveryManagementRouteToAnOrdinaryKey() async throws {
        try await AdminFixture.run { admin in
            let (key, _) = try await admin.generateKey()
            for (method, path) in Self.routes {
                let answer = try await admin.call(method, path, body: method == .post ? "{}" : nil, key: key)
                #expect(answer.status == 403, "\(path)")
                #expect(answer.error("type") == "permission_error", "\(path)")
                #expect(answer.error("message")?.stringValue?.hasPrefix("Only proxy admin can be used") == true, "\(path)")
            }
        }
    }

    @Test func letsTheKeyOfAProxyAdminUserManage() async throws {
        try await AdminFixture.run { admin in
            let user = try await admin.post("/user/new", #"{"user_id": "boss", "user_role": "proxy_admin"}"#)
            let key = try #require(user["key"]?.stringValue)
            let answer = try await admin.post("/key/generate", #"{"key_alias": "by-boss"}"#, key: key)
            #expect(answer.status == 200)
            #expect(answer["created_by"] == "boss")
            let team = try await admin.post("/team/new", #"{"team_id": "t1"}"#, key: key)
            #expect(team.status == 200)
            #expect(team["admins"] == ["boss"])
        }
    }

    @Test func letsAnOrdinaryKeyReadOnlyItsOwnInfo() async throws {
        try await AdminFixture.run { admin in
            let mine = try await admin.generateKey(#"{"key_alias": "mine"}"#)
            let other = try await admin.generateKey(#"{"key_alias": "other"}"#)
            let own = try await admin.get("/key/info", key: mine.key)
            #expect(own.status == 200)
            #expect(own["key"]?.stringValue == mine.hash)
            #expect(own["info"]?.objectValue?["key_alias"] == "mine")
            #expect(try await admin.get("/key/info?key=\(mine.hash)", key: mine.key).status == 200)
            let theirs = try await admin.get("/key/info?key=\(other.hash)", key: mine.key)
            #expect(theirs.status == 403)
        }
    }

    @Test func requireAdminAcceptsTheMasterKeyAndAdminsOnly() throws {
        #expect(throws: Never.self) { try AdminRoutes.requireAdmin(.master, route: "/key/generate") }
        #expect(throws: Never.self) { try AdminRoutes.requireAdmin(Caller(role: .admin), route: "/key/generate") }
        var user = UserRecord(userID: "u1", createdAt: Date())
        user.userRole = "internal_user"
        let error = try #require(throws: GatewayError.self) {
            try AdminRoutes.requireAdmin(Caller(role: .key, user: user), route: "/team/new")
        }
        #expect(error.status == 403)
        #expect(error.message.contains("Route=/team/new"))
        #expect(error.message.contains("Your user_id=u1"))
    }

    @Test func explainsThatManagementNeedsAKeyStore() async throws {
        let transport = ScriptedTransport { _ in ScriptedTransport.json(200, ScriptedTransport.chatAnswer) }
        try await TestGateway.make(transport).test(.router) { client in
            try await client.execute(uri: "/key/generate", method: .post, headers: TestGateway.headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorField("code") == "no_db_connected")
                #expect(response.errorField("message")?.stringValue?.contains("database") == true)
            }
        }
    }
}
