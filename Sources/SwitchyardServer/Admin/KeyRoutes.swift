import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// `/key/*`: virtual keys. Keys are named by themselves (`sk-…`) or by their hash wherever LiteLLM
/// takes a `key`; responses name them by hash only, except the one that creates them.
enum KeyRoutes {
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        router.post("/key/generate", use: AdminRoutes.handler("/key/generate", gateway: gateway, generate))
        router.post("/key/update", use: AdminRoutes.handler("/key/update", gateway: gateway, update))
        router.post("/key/regenerate", use: AdminRoutes.handler("/key/regenerate", gateway: gateway) { try await regenerate($0, pathKey: nil) })
        router.post(
            "/key/{key}/regenerate",
            use: AdminRoutes.handler("/key/{key}/regenerate", gateway: gateway) { request in
                try await regenerate(request, pathKey: request.context.parameters.get("key"))
            }
        )
        router.get("/key/info", use: AdminRoutes.handler("/key/info", gateway: gateway, adminOnly: false, info))
        router.get("/key/list", use: AdminRoutes.handler("/key/list", gateway: gateway, list))
        router.post("/key/delete", use: AdminRoutes.handler("/key/delete", gateway: gateway, delete))
        router.post("/key/block", use: AdminRoutes.handler("/key/block", gateway: gateway) { try await setBlocked($0, true) })
        router.post("/key/unblock", use: AdminRoutes.handler("/key/unblock", gateway: gateway) { try await setBlocked($0, false) })
    }

    /// `GET /key/info?key=`: one key, or the caller's own without `key`. An ordinary key may read only
    /// itself. The answer is `{"key": <hash>, "info": {…}}`, the info without `token`, as LiteLLM's.
    static func info(_ request: AdminRequest) async throws -> JSONValue {
        let hash: String
        if let given = request.query("key") {
            hash = AdminRequest.keyHash(given)
        } else if let own = request.caller.key {
            hash = own.tokenHash
        } else {
            throw GatewayError(.badRequest, "No key passed. Use /key/info?key=<key or hash>.", param: "key", code: "invalid_request_body")
        }
        if !request.caller.isAdmin && hash != request.caller.key?.tokenHash {
            throw GatewayError(
                .permissionDenied,
                "You are not allowed to access this key's info. Your role=\(request.caller.user?.userRole ?? "internal_user")",
                param: "key",
                code: "permission_denied"
            )
        }
        let record = await request.access.withLiveSpend(try await find(hash, in: request))
        var info = AdminJSON.key(record)
        info.removeValue(forKey: "token")
        return ["key": .string(hash), "info": .object(info)]
    }

    /// `GET /key/list`: a page of keys, as hashes or (`return_full_object=true`) as key objects.
    static func list(_ request: AdminRequest) async throws -> JSONValue {
        var filter = KeyFilter()
        filter.page = try request.pageQuery("page", default: 1, max: 1_000_000)
        filter.size = try request.pageQuery("size", default: 10, max: 100)
        filter.userID = request.query("user_id")
        filter.teamID = request.query("team_id")
        filter.keyAlias = request.query("key_alias")
        let full = try request.boolQuery("return_full_object") ?? false
        let page = try await request.store.keys(filter)
        let keys: [JSONValue] = page.items.map { full ? .object(AdminJSON.key($0)) : .string($0.tokenHash) }
        return [
            "keys": .array(keys),
            "total_count": .number(JSONNumber(page.total)),
            "current_page": .number(JSONNumber(filter.page)),
            "total_pages": .number(JSONNumber((page.total + filter.size - 1) / filter.size)),
        ]
    }

    /// `POST /key/delete` with `keys` and/or `key_aliases`: deletes all of them or, when one is
    /// unknown, none. Answers `{"deleted_keys": [...]}`: the keys as hashes, then the aliases as given.
    static func delete(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        let keys = try body.strings("keys") ?? []
        let aliases = try body.strings("key_aliases") ?? []
        guard !keys.isEmpty || !aliases.isEmpty else {
            throw GatewayError.missingParameter("keys", expected: "a non-empty array of keys (or pass `key_aliases`)")
        }
        let hashes = keys.map(AdminRequest.keyHash)
        var targets: [String] = []
        var missing: [String] = []
        for hash in hashes {
            if try await request.store.key(hash: hash) != nil { targets.append(hash) } else { missing.append(hash) }
        }
        for alias in aliases {
            if let record = try await request.store.key(alias: alias) { targets.append(record.tokenHash) } else { missing.append(alias) }
        }
        guard missing.isEmpty else {
            throw GatewayError(
                .notFound, "Keys not found: \(missing.joined(separator: ", ")). Nothing was deleted.", param: "keys", code: "not_found")
        }
        let deleted = try await request.store.deleteKeys(hashes: Array(Set(targets)))
        for hash in deleted { request.access.invalidateKey(hash: hash) }
        return ["deleted_keys": AdminJSON.strings(hashes + aliases)]
    }

    /// `POST /key/block` / `/key/unblock` with `{"key": ...}`: the key object after the change.
    static func setBlocked(_ request: AdminRequest, _ blocked: Bool) async throws -> JSONValue {
        let body = try await request.body()
        var record = try await find(AdminRequest.keyHash(try body.requiredString("key")), in: request)
        record.blocked = blocked
        record.updatedAt = request.now
        try await request.store.updateKey(record)
        request.access.invalidateKey(hash: record.tokenHash)
        return .object(AdminJSON.key(record))
    }

    /// The key with this hash, or LiteLLM's 404.
    static func find(_ hash: String, in request: AdminRequest) async throws -> KeyRecord {
        guard let record = try await request.store.key(hash: hash) else {
            throw GatewayError(.notFound, "Key not found in database", param: "key", code: "not_found")
        }
        return record
    }
}
