import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

extension TeamRoutes {
    /// `POST /team/member_add` with `team_id` and `member` (one `{role, user_id, user_email}` or an
    /// array): adds the members, creating a user for any that has none. Answers the team object plus
    /// `updated_users` and `updated_team_memberships`, as LiteLLM's `TeamAddMemberResponse`.
    static func memberAdd(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        let teamID = try body.requiredString("team_id")
        guard let newMembers = try members(body, field: "member"), !newMembers.isEmpty else {
            throw GatewayError.missingParameter("member", expected: "an object or an array of {role, user_id, user_email}")
        }
        guard var team = try await request.store.team(id: teamID) else {
            throw GatewayError(.notFound, "Team not found for team_id=\(teamID)", param: "team_id", code: "not_found")
        }
        for member in newMembers where team.members.contains(where: { isSame($0, member) }) {
            throw GatewayError(
                .badRequest,
                "User=\(member.userID ?? member.userEmail ?? "") already in team.",
                param: "member",
                code: "team_member_already_in_team"
            )
        }
        var updatedUsers: [JSONValue] = []
        for member in newMembers {
            let joined = try await join(member, teamID: teamID, request)
            team.members.append(joined.member)
            updatedUsers.append(.object(AdminJSON.user(joined.user)))
        }
        team.updatedAt = request.now
        try await request.store.updateTeam(team)
        request.access.invalidateTeam(id: teamID)
        var object = AdminJSON.team(team)
        object["updated_users"] = .array(updatedUsers)
        object["updated_team_memberships"] = .array([])
        return .object(object)
    }

    /// `POST /team/member_delete` with `team_id` and `user_id` or `user_email`: removes the member and
    /// takes the team out of the user's `teams`. Answers the team object.
    static func memberDelete(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        let teamID = try body.requiredString("team_id")
        let userID = try body.string("user_id")
        let email = try body.string("user_email")
        guard userID != nil || email != nil else {
            throw GatewayError(.badRequest, "Either user_id or user_email needs to be passed in", param: "user_id", code: "invalid_request_body")
        }
        var team = try await find(teamID, in: request)
        let removed = team.members.filter { (userID != nil && $0.userID == userID) || (email != nil && $0.userEmail == email) }
        guard !removed.isEmpty else {
            throw GatewayError(.badRequest, "User not found in team", param: userID == nil ? "user_email" : "user_id", code: "invalid_request_body")
        }
        team.members.removeAll { member in removed.contains { $0 == member } }
        team.updatedAt = request.now
        try await request.store.updateTeam(team)
        request.access.invalidateTeam(id: teamID)
        for id in Set(removed.compactMap(\.userID)) {
            guard var user = try await request.store.user(id: id), user.teams.contains(teamID) else { continue }
            user.teams.removeAll { $0 == teamID }
            user.updatedAt = request.now
            try await request.store.updateUser(user)
            request.access.invalidateUser(id: id)
        }
        return .object(AdminJSON.team(team))
    }

    /// Members from `field`: one `{role, user_id, user_email}` object or an array of them; `role` is
    /// `admin` or `user` (the default), and each needs a `user_id` or a `user_email`.
    static func members(_ body: AdminBody, field: String) throws(GatewayError) -> [TeamRecord.Member]? {
        guard let value = body.object[field], !value.isNull else { return nil }
        let elements = value.arrayValue ?? [value]
        var members: [TeamRecord.Member] = []
        for element in elements {
            guard let object = element.objectValue else { throw AdminBody.invalid(field, "an object or an array of objects") }
            let item = AdminBody(object)
            let role = try item.string("role") ?? "user"
            guard role == "admin" || role == "user" else { throw AdminBody.invalid("\(field).role", "\"admin\" or \"user\"") }
            let member = TeamRecord.Member(userID: try item.string("user_id"), userEmail: try item.string("user_email"), role: role)
            guard member.userID != nil || member.userEmail != nil else {
                throw GatewayError(.badRequest, "Each member needs a user_id or a user_email.", param: field, code: "invalid_request_body")
            }
            members.append(member)
        }
        return members
    }

    /// Whether two members name the same person (by id when both have one, else by email).
    static func isSame(_ lhs: TeamRecord.Member, _ rhs: TeamRecord.Member) -> Bool {
        if let left = lhs.userID, let right = rhs.userID { return left == right }
        if let left = lhs.userEmail, let right = rhs.userEmail { return left == right }
        return false
    }

    /// Makes sure `member` has a user row that lists `teamID` in its `teams`, creating the user when
    /// none has its id or email. Returns the member with its `user_id` filled in, and the user.
    static func join(_ member: TeamRecord.Member, teamID: String, _ request: AdminRequest) async throws -> (
        member: TeamRecord.Member, user: UserRecord
    ) {
        var found: UserRecord?
        if let id = member.userID {
            found = try await request.store.user(id: id)
        } else if let email = member.userEmail {
            found = try await UserRoutes.user(email: email, request)
        }
        var resolved = member
        if var user = found {
            resolved.userID = user.userID
            if !user.teams.contains(teamID) {
                user.teams.append(teamID)
                user.updatedAt = request.now
                try await request.store.updateUser(user)
                request.access.invalidateUser(id: user.userID)
            }
            return (resolved, user)
        }
        var user = UserRecord(userID: member.userID ?? AdminRequest.newID(), createdAt: request.now)
        user.userEmail = member.userEmail
        user.teams = [teamID]
        try await request.store.insertUser(user)
        resolved.userID = user.userID
        return (resolved, user)
    }
}
