import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// `/team/*`: teams share a budget, limits and a model list among their keys and members.
enum TeamRoutes {
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        router.post("/team/new", use: AdminRoutes.handler("/team/new", gateway: gateway, new))
        router.post("/team/update", use: AdminRoutes.handler("/team/update", gateway: gateway, update))
        router.post("/team/delete", use: AdminRoutes.handler("/team/delete", gateway: gateway, delete))
        router.get("/team/info", use: AdminRoutes.handler("/team/info", gateway: gateway, info))
        router.get("/team/list", use: AdminRoutes.handler("/team/list", gateway: gateway, list))
        router.post("/team/member_add", use: AdminRoutes.handler("/team/member_add", gateway: gateway, memberAdd))
        router.post("/team/member_delete", use: AdminRoutes.handler("/team/member_delete", gateway: gateway, memberDelete))
        router.post("/team/block", use: AdminRoutes.handler("/team/block", gateway: gateway) { try await setBlocked($0, true) })
        router.post("/team/unblock", use: AdminRoutes.handler("/team/unblock", gateway: gateway) { try await setBlocked($0, false) })
    }

    /// `POST /team/new`: a team (`team_id` generated when absent). Each of `members_with_roles` gets the
    /// team in its user's `teams`, and a user row when it has none, as LiteLLM does; a team made with a
    /// user's key has that user as an admin.
    static func new(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        let teamID = try body.string("team_id") ?? AdminRequest.newID()
        guard try await request.store.team(id: teamID) == nil else {
            throw GatewayError(
                .badRequest,
                "Team id = \(teamID) already exists. Please use a different team id.",
                param: "team_id",
                code: "duplicate"
            )
        }
        var record = TeamRecord(teamID: teamID, createdAt: request.now)
        try apply(body, to: &record, request)
        var members = try members(body, field: "members_with_roles") ?? []
        // LiteLLM makes the user whose key creates the team one of its admins.
        if let creator = request.caller.user?.userID, !members.contains(where: { $0.userID == creator }) {
            members.append(TeamRecord.Member(userID: creator, role: "admin"))
        }
        try await request.store.insertTeam(record)
        if !members.isEmpty {
            for member in members {
                record.members.append(try await join(member, teamID: teamID, request).member)
            }
            try await request.store.updateTeam(record)
        }
        request.access.invalidateTeam(id: teamID)
        return .object(AdminJSON.team(record))
    }

    /// `POST /team/update`: changes the fields the body carries. Answers `{"team_id", "data": team}`.
    static func update(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        var record = try await find(try body.requiredString("team_id"), in: request)
        try apply(body, to: &record, request)
        record.updatedAt = request.now
        try await request.store.updateTeam(record)
        request.access.invalidateTeam(id: record.teamID)
        return ["team_id": .string(record.teamID), "data": .object(AdminJSON.team(record))]
    }

    /// `POST /team/delete` with `team_ids`: deletes the teams and their keys, and takes the teams out of
    /// their members' `teams`. All must exist, or nothing is deleted.
    static func delete(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        guard let ids = try body.strings("team_ids"), !ids.isEmpty else {
            throw GatewayError.missingParameter("team_ids", expected: "a non-empty array of team ids")
        }
        var teams: [TeamRecord] = []
        for id in ids { teams.append(try await find(id, in: request)) }
        for team in teams {
            let keys = try await keys(ofTeam: team.teamID, request)
            if !keys.isEmpty {
                for hash in try await request.store.deleteKeys(hashes: keys.map(\.tokenHash)) { request.access.invalidateKey(hash: hash) }
            }
            for member in team.members {
                guard let userID = member.userID, var user = try await request.store.user(id: userID), user.teams.contains(team.teamID)
                else { continue }
                user.teams.removeAll { $0 == team.teamID }
                user.updatedAt = request.now
                try await request.store.updateUser(user)
                request.access.invalidateUser(id: userID)
            }
        }
        let deleted = try await request.store.deleteTeams(ids: ids)
        for id in ids { request.access.invalidateTeam(id: id) }
        return ["deleted_teams": AdminJSON.strings(deleted)]
    }

    /// `GET /team/info?team_id=`: `{"team_id", "team_info", "keys", "team_memberships"}`.
    static func info(_ request: AdminRequest) async throws -> JSONValue {
        guard let teamID = request.query("team_id") else {
            throw GatewayError(.unprocessable, "Malformed request. No team id passed in.", param: "team_id", code: "invalid_request_body")
        }
        guard let stored = try await request.store.team(id: teamID) else {
            throw GatewayError(.notFound, "Team not found, passed team id: \(teamID).", param: "team_id", code: "not_found")
        }
        let record = await request.access.withLiveSpend(stored)
        var liveKeys: [KeyRecord] = []
        for key in try await keys(ofTeam: teamID, request) { liveKeys.append(await request.access.withLiveSpend(key)) }
        return [
            "team_id": .string(teamID),
            "team_info": .object(AdminJSON.team(record)),
            "keys": .array(liveKeys.map { .object(AdminJSON.key($0)) }),
            "team_memberships": .array([]),
        ]
    }

    /// `GET /team/list` (optionally `?user_id=` for the teams a user is a member of): every team with
    /// its keys, sorted by alias as LiteLLM sorts them.
    static func list(_ request: AdminRequest) async throws -> JSONValue {
        var teams = try await AdminRoutes.all { page, size in try await request.store.teams(page: page, size: size) }
        if let userID = request.query("user_id") {
            teams = teams.filter { $0.members.contains { $0.userID == userID } }
        }
        teams.sort { ($0.teamAlias ?? "") < ($1.teamAlias ?? "") }
        var result: [JSONValue] = []
        for team in teams {
            var object = AdminJSON.team(team)
            object["keys"] = .array(try await keys(ofTeam: team.teamID, request).map { .object(AdminJSON.key($0)) })
            object["team_memberships"] = .array([])
            result.append(.object(object))
        }
        return .array(result)
    }

    /// `POST /team/block` / `/team/unblock` with `{"team_id"}`: every key of a blocked team is refused.
    /// Answers the team object.
    static func setBlocked(_ request: AdminRequest, _ blocked: Bool) async throws -> JSONValue {
        let body = try await request.body()
        var record = try await find(try body.requiredString("team_id"), in: request)
        record.blocked = blocked
        record.updatedAt = request.now
        try await request.store.updateTeam(record)
        request.access.invalidateTeam(id: record.teamID)
        return .object(AdminJSON.team(record))
    }

    /// Applies the team fields the body carries: alias, models, limits, metadata, `blocked`.
    static func apply(_ body: AdminBody, to record: inout TeamRecord, _ request: AdminRequest) throws(GatewayError) {
        try body.applyString("team_alias", to: &record.teamAlias)
        try body.applyModels(to: &record.models)
        try body.applyLimits(to: &record.limits, now: request.now)
        try body.applyMetadata(to: &record.metadata)
        try body.applyBlocked(to: &record.blocked)
    }

    /// The team with this id, or LiteLLM's 404.
    static func find(_ teamID: String, in request: AdminRequest) async throws -> TeamRecord {
        guard let record = try await request.store.team(id: teamID) else {
            throw GatewayError(.notFound, "Team not found, passed team_id=\(teamID)", param: "team_id", code: "not_found")
        }
        return record
    }

    /// Every key of a team.
    static func keys(ofTeam teamID: String, _ request: AdminRequest) async throws -> [KeyRecord] {
        try await AdminRoutes.all(pageSize: 100) { page, size in
            var filter = KeyFilter()
            filter.teamID = teamID
            filter.page = page
            filter.size = size
            return try await request.store.keys(filter)
        }
    }
}
