import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

extension UserRoutes {
    /// Applies the user fields the body carries: email, alias, role, models, limits, metadata.
    static func apply(_ body: AdminBody, to user: inout UserRecord, _ request: AdminRequest) throws(GatewayError) {
        try body.applyString("user_email", to: &user.userEmail)
        try body.applyString("user_alias", to: &user.userAlias)
        if let role = try body.string("user_role") {
            guard roles.contains(role) else { throw AdminBody.invalid("user_role", "one of \(roles.sorted().joined(separator: ", "))") }
            user.userRole = role
        }
        try body.applyModels(to: &user.models)
        try body.applyLimits(to: &user.limits, now: request.now)
        try body.applyMetadata(to: &user.metadata)
    }

    /// The key `/user/new` makes for the user: `key_alias`, `duration` and `aliases` from the body; the
    /// user's own budget, limits and models apply to it through the user.
    static func userKey(_ body: AdminBody, userID: String, _ request: AdminRequest) async throws -> (record: KeyRecord, plaintext: String) {
        let plaintext = VirtualKey.generate()
        var record = KeyRecord(tokenHash: VirtualKey.hash(plaintext), keyName: VirtualKey.displayName(plaintext), createdAt: request.now)
        record.userID = userID
        record.createdBy = request.caller.actor
        if let alias = try body.string("key_alias"), !alias.isEmpty {
            if try await request.store.key(alias: alias) != nil {
                throw GatewayError(
                    .badRequest,
                    "Key with alias '\(alias)' already exists. Unique key aliases across all keys are required.",
                    param: "key_alias",
                    code: "duplicate"
                )
            }
            record.keyAlias = alias
        }
        if let duration = try body.string("duration"), !duration.isEmpty, duration != "-1" {
            record.expires = try AdminTime.duration(duration, param: "duration").expiry(from: request.now)
        }
        record.aliases = try body.stringMap("aliases") ?? [:]
        return (record, plaintext)
    }

    /// The user with this id, or LiteLLM's 404.
    static func find(_ userID: String, in request: AdminRequest) async throws -> UserRecord {
        guard let user = try await request.store.user(id: userID) else {
            throw GatewayError(.notFound, "User not found, passed user_id=\(userID)", param: "user_id", code: "not_found")
        }
        return user
    }

    /// The user with this email (compared without case, as LiteLLM does), if any. Scans the users: the
    /// store has no email index, and this only runs on management calls.
    static func user(email: String, _ request: AdminRequest) async throws -> UserRecord? {
        let wanted = email.lowercased()
        let users = try await AdminRoutes.all { page, size in try await request.store.users(role: nil, page: page, size: size) }
        return users.first { $0.userEmail?.lowercased() == wanted }
    }

    /// Every key of a user.
    static func keys(ofUser userID: String, _ request: AdminRequest) async throws -> [KeyRecord] {
        try await AdminRoutes.all(pageSize: 100) { page, size in
            var filter = KeyFilter()
            filter.userID = userID
            filter.page = page
            filter.size = size
            return try await request.store.keys(filter)
        }
    }
}
