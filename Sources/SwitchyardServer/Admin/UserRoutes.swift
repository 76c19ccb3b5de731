import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// `/user/*`: internal users own keys, belong to teams and have their own budget. A key whose user is
/// a `proxy_admin` may use the management routes.
enum UserRoutes {
    /// The roles LiteLLM knows; only `proxy_admin` changes what a key may do here.
    static let roles: Set<String> = ["proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer", "team", "customer"]

    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        router.post("/user/new", use: AdminRoutes.handler("/user/new", gateway: gateway, new))
        router.post("/user/update", use: AdminRoutes.handler("/user/update", gateway: gateway, update))
        router.post("/user/delete", use: AdminRoutes.handler("/user/delete", gateway: gateway, delete))
        router.get("/user/info", use: AdminRoutes.handler("/user/info", gateway: gateway, info))
        router.get("/user/list", use: AdminRoutes.handler("/user/list", gateway: gateway, list))
    }

    /// `POST /user/new`: a user (`user_id` generated when absent), added to `teams`, and — unless
    /// `auto_create_key` is false — a key of its own, returned in plaintext as `key` this once.
    static func new(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        var user = UserRecord(userID: try body.string("user_id") ?? AdminRequest.newID(), createdAt: request.now)
        if try await request.store.user(id: user.userID) != nil {
            throw GatewayError(.badRequest, "User with id \(user.userID) already exists", param: "user_id", code: "duplicate", status: 409)
        }
        try apply(body, to: &user, request)
        if let email = user.userEmail, try await self.user(email: email, request) != nil {
            throw GatewayError(.badRequest, "User with email \(email) already exists", param: "user_email", code: "duplicate", status: 409)
        }
        var teamIDs = try body.strings("teams") ?? []
        if let teamID = try body.string("team_id"), !teamIDs.contains(teamID) { teamIDs.append(teamID) }
        var teams: [TeamRecord] = []
        for id in teamIDs {
            guard let team = try await request.store.team(id: id) else {
                throw GatewayError(.badRequest, "Team not found, passed team_id=\(id). Create it with /team/new.", param: "teams", code: "not_found")
            }
            teams.append(team)
        }
        user.teams = teamIDs
        let autoCreateKey = try body.bool("auto_create_key") ?? true
        var key: (record: KeyRecord, plaintext: String)?
        if autoCreateKey { key = try await userKey(body, userID: user.userID, request) }
        try await request.store.insertUser(user)
        for var team in teams where !team.members.contains(where: { $0.userID == user.userID }) {
            team.members.append(TeamRecord.Member(userID: user.userID, userEmail: user.userEmail, role: "user"))
            team.updatedAt = request.now
            try await request.store.updateTeam(team)
            request.access.invalidateTeam(id: team.teamID)
        }
        if let key {
            try await request.store.insertKey(key.record)
            request.access.invalidateKey(hash: key.record.tokenHash)
        }
        var object: JSONObject = ["key": key.map { .string($0.plaintext) } ?? .null]
        for (name, value) in AdminJSON.user(user) { object[name] = value }
        object["key_name"] = AdminJSON.string(key?.record.keyName)
        object["key_alias"] = AdminJSON.string(key?.record.keyAlias)
        object["expires"] = AdminTime.json(key?.record.expires)
        return .object(object)
    }

    /// `POST /user/update`: the user named by `user_id` (or `user_email`) gets the fields the body
    /// carries. Answers `{"user_id", "data": user}`. Team membership changes through `/team/member_*`.
    static func update(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        var user: UserRecord
        if let id = try body.string("user_id") {
            user = try await find(id, in: request)
        } else if let email = try body.string("user_email"), let found = try await self.user(email: email, request) {
            user = found
        } else {
            throw GatewayError(.notFound, "User not found: pass the user_id of an existing user.", param: "user_id", code: "not_found")
        }
        try apply(body, to: &user, request)
        user.updatedAt = request.now
        try await request.store.updateUser(user)
        request.access.invalidateUser(id: user.userID)
        return ["user_id": .string(user.userID), "data": .object(AdminJSON.user(user))]
    }

    /// `POST /user/delete` with `user_ids`: deletes the users and their keys, and takes them out of
    /// their teams. All must exist, or nothing is deleted.
    static func delete(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        guard let ids = try body.strings("user_ids"), !ids.isEmpty else {
            throw GatewayError.missingParameter("user_ids", expected: "a non-empty array of user ids")
        }
        var users: [UserRecord] = []
        for id in ids { users.append(try await find(id, in: request)) }
        for user in users {
            let keys = try await keys(ofUser: user.userID, request)
            if !keys.isEmpty {
                for hash in try await request.store.deleteKeys(hashes: keys.map(\.tokenHash)) { request.access.invalidateKey(hash: hash) }
            }
            for teamID in user.teams {
                guard var team = try await request.store.team(id: teamID), team.members.contains(where: { $0.userID == user.userID })
                else { continue }
                team.members.removeAll { $0.userID == user.userID }
                team.updatedAt = request.now
                try await request.store.updateTeam(team)
                request.access.invalidateTeam(id: teamID)
            }
        }
        let deleted = try await request.store.deleteUsers(ids: ids)
        for id in ids { request.access.invalidateUser(id: id) }
        return ["deleted_users": AdminJSON.strings(deleted)]
    }

    /// `GET /user/info?user_id=`: `{"user_id", "user_info", "keys", "teams"}`; each key carries its
    /// team's `team_alias`, as LiteLLM's. Without `user_id` it shows the caller's own user or, for the
    /// master key (which has none), every key and team with `user_id` and `user_info` null, as LiteLLM
    /// answers a proxy admin.
    static func info(_ request: AdminRequest) async throws -> JSONValue {
        guard let userID = request.query("user_id") ?? request.caller.user?.userID else {
            let keys = try await AdminRoutes.all(pageSize: 100) { page, size in
                var filter = KeyFilter()
                filter.page = page
                filter.size = size
                return try await request.store.keys(filter)
            }
            let teams = try await AdminRoutes.all { page, size in try await request.store.teams(page: page, size: size) }
            return infoAnswer(userID: nil, user: nil, keys: keys, teams: teams)
        }
        guard let stored = try await request.store.user(id: userID) else {
            throw GatewayError(.notFound, "User \(userID) not found", param: "user_id", code: "not_found")
        }
        let user = await request.access.withLiveSpend(stored)
        var teams: [TeamRecord] = []
        for id in user.teams {
            if let team = try await request.store.team(id: id) { teams.append(await request.access.withLiveSpend(team)) }
        }
        var liveKeys: [KeyRecord] = []
        for key in try await keys(ofUser: userID, request) { liveKeys.append(await request.access.withLiveSpend(key)) }
        return infoAnswer(userID: userID, user: user, keys: liveKeys, teams: teams)
    }

    /// The body of `/user/info`.
    static func infoAnswer(userID: String?, user: UserRecord?, keys: [KeyRecord], teams: [TeamRecord]) -> JSONValue {
        let teams = teams.sorted { ($0.teamAlias ?? "") < ($1.teamAlias ?? "") }
        let keys: [JSONValue] = keys.map { key in
            var object = AdminJSON.key(key)
            object["team_alias"] = key.teamID.map { id in AdminJSON.string(teams.first { $0.teamID == id }?.teamAlias) } ?? .null
            return .object(object)
        }
        return [
            "user_id": AdminJSON.string(userID),
            "user_info": user.map { .object(AdminJSON.user($0)) } ?? .null,
            "keys": .array(keys),
            "teams": .array(teams.map { .object(AdminJSON.team($0)) }),
        ]
    }

    /// `GET /user/list?role=&page=&page_size=`: `{"users", "total", "page", "page_size", "total_pages"}`,
    /// each user with its `key_count`.
    static func list(_ request: AdminRequest) async throws -> JSONValue {
        let page = try request.pageQuery("page", default: 1, max: 1_000_000)
        let size = try request.pageQuery("page_size", default: 25, max: 100)
        let result = try await request.store.users(role: request.query("role"), page: page, size: size)
        var users: [JSONValue] = []
        for user in result.items {
            var filter = KeyFilter()
            filter.userID = user.userID
            filter.size = 1
            var object = AdminJSON.user(user)
            object["key_count"] = .number(JSONNumber(try await request.store.keys(filter).total))
            users.append(.object(object))
        }
        return [
            "users": .array(users),
            "total": .number(JSONNumber(result.total)),
            "page": .number(JSONNumber(page)),
            "page_size": .number(JSONNumber(size)),
            "total_pages": .number(JSONNumber((result.total + size - 1) / size)),
        ]
    }
}
