import Foundation
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

extension KeyRoutes {
    /// `POST /key/generate`: a new key, returned in plaintext this once (`key`), with its hash (`token`)
    /// and every stored field. A caller-supplied `key` must start with `sk-`.
    static func generate(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        let plaintext = try newKey(body, field: "key")
        var record = KeyRecord(tokenHash: VirtualKey.hash(plaintext), keyName: VirtualKey.displayName(plaintext), createdAt: request.now)
        record.createdBy = request.caller.actor
        try await applyFields(body, to: &record, request)
        if let spend = try body.amount("spend") { record.spend = spend }
        do {
            try await request.store.insertKey(record)
        } catch KeyStoreError.duplicate {
            throw GatewayError(.badRequest, "A key with this value or alias already exists.", param: "key", code: "duplicate")
        }
        // A lookup of this hash may have been cached as unknown before the key existed.
        request.access.invalidateKey(hash: record.tokenHash)
        return .object(generated(record, plaintext: plaintext))
    }

    /// `POST /key/update`: changes the fields the body carries (`duration` restarts the key's lifetime
    /// now). Answers the key object with `key` set to the hash.
    static func update(_ request: AdminRequest) async throws -> JSONValue {
        let body = try await request.body()
        var record = try await find(AdminRequest.keyHash(try body.requiredString("key")), in: request)
        try await applyFields(body, to: &record, request)
        record.updatedAt = request.now
        try await request.store.updateKey(record)
        request.access.invalidateKey(hash: record.tokenHash)
        var object: JSONObject = ["key": .string(record.tokenHash)]
        for (name, value) in AdminJSON.key(record) { object[name] = value }
        return .object(object)
    }

    /// `POST /key/regenerate` and `/key/{key}/regenerate`: the key gets a new value (`new_key`, or a
    /// generated one) and keeps its spend and settings, updated by any fields the body carries. The
    /// old value stops working at once.
    static func regenerate(_ request: AdminRequest, pathKey: String?) async throws -> JSONValue {
        let body = try await request.body()
        let oldHash = AdminRequest.keyHash(try pathKey ?? body.requiredString("key"))
        var record = try await find(oldHash, in: request)
        let plaintext = try newKey(body, field: "new_key")
        record.tokenHash = VirtualKey.hash(plaintext)
        record.keyName = VirtualKey.displayName(plaintext)
        try await applyFields(body, to: &record, request)
        record.updatedAt = request.now
        // Spend queued under the old hash is written first, so that the replaced row carries it.
        await request.access.spendWriter.flush()
        do {
            try await request.store.replaceKey(oldHash: oldHash, with: record)
        } catch KeyStoreError.duplicate {
            throw GatewayError(.badRequest, "A key with this value or alias already exists.", param: "new_key", code: "duplicate")
        }
        await request.access.keyReplaced(oldHash: oldHash, with: record)
        return .object(generated(record, plaintext: plaintext))
    }

    /// LiteLLM's `GenerateKeyResponse`: `key` (the plaintext), then the key object (`token` is the
    /// hash), then `token_id` (the hash again, as LiteLLM sends it).
    static func generated(_ record: KeyRecord, plaintext: String) -> JSONObject {
        var object: JSONObject = ["key": .string(plaintext)]
        for (name, value) in AdminJSON.key(record) { object[name] = value }
        object["token_id"] = .string(record.tokenHash)
        return object
    }

    /// The caller's key from `field`, or a fresh one. LiteLLM refuses keys that do not start with `sk-`;
    /// the refusal shows only the key's ends.
    static func newKey(_ body: AdminBody, field: String) throws(GatewayError) -> String {
        guard let given = try body.string(field) else { return VirtualKey.generate() }
        guard given.hasPrefix("sk-"), given.utf8.count > 3 else {
            let masked = given.count > 8 ? "\(given.prefix(4))****\(given.suffix(4))" : "****"
            throw GatewayError(
                .badRequest,
                "Invalid key format. LiteLLM Virtual Key must start with 'sk-'. Received: \(masked)",
                param: field,
                code: "invalid_request_body"
            )
        }
        return given
    }

    /// Applies the key fields the body carries to `record`: alias (unique), models, aliases, limits,
    /// `duration` (→ `expires`), metadata, team and user (which must exist), `blocked`.
    static func applyFields(_ body: AdminBody, to record: inout KeyRecord, _ request: AdminRequest) async throws {
        let previousAlias = record.keyAlias
        try body.applyString("key_alias", to: &record.keyAlias)
        if let alias = record.keyAlias, alias != previousAlias, let other = try await request.store.key(alias: alias),
            other.tokenHash != record.tokenHash
        {
            throw GatewayError(
                .badRequest,
                "Key with alias '\(alias)' already exists. Unique key aliases across all keys are required.",
                param: "key_alias",
                code: "duplicate"
            )
        }
        try body.applyModels(to: &record.models)
        if body.contains("aliases") { record.aliases = try body.stringMap("aliases") ?? [:] }
        try body.applyLimits(to: &record.limits, now: request.now)
        try body.applyMetadata(to: &record.metadata)
        try body.applyBlocked(to: &record.blocked)
        if body.contains("duration") {
            // LiteLLM reads `null` and "-1" as "never expires".
            if let text = try body.string("duration"), !text.isEmpty, text != "-1" {
                record.expires = try AdminTime.duration(text, param: "duration").expiry(from: request.now)
            } else {
                record.expires = nil
            }
        }
        let previousTeam = record.teamID
        try body.applyString("team_id", to: &record.teamID)
        if let team = record.teamID, team != previousTeam, try await request.store.team(id: team) == nil {
            throw GatewayError(.badRequest, "Team not found, passed team_id=\(team). Create it with /team/new.", param: "team_id", code: "not_found")
        }
        let previousUser = record.userID
        try body.applyString("user_id", to: &record.userID)
        if let user = record.userID, user != previousUser, try await request.store.user(id: user) == nil {
            throw GatewayError(.badRequest, "User not found, passed user_id=\(user). Create it with /user/new.", param: "user_id", code: "not_found")
        }
    }
}
