import Foundation
import SwitchyardCore

/// A virtual key as stored: never the key itself, only its SHA-256 (``tokenHash``) and a display name.
public struct KeyRecord: Sendable, Equatable {
    /// Hex SHA-256 of the key (`token` in LiteLLM's API); the primary key.
    public var tokenHash: String
    /// `key_name`: the key shortened for display, `sk-...abcd`.
    public var keyName: String
    /// `key_alias`: an operator-chosen unique name.
    public var keyAlias: String?
    /// `models`: model groups or access groups this key may call; empty means every model.
    public var models: [String] = []
    /// `aliases`: model names this key may use in place of others (`{"gpt-4": "gpt-4o"}`).
    public var aliases: [String: String] = [:]
    /// Budgets and rate limits of this key.
    public var limits = Limits()
    /// `spend`: USD spent since the last budget reset.
    public var spend: Double = 0
    /// `model_spend`: USD spent per model group since the last budget reset.
    public var modelSpend: [String: Double] = [:]
    /// `expires`: after this instant the key is refused; `nil` never expires.
    public var expires: Date?
    /// `metadata`: free-form JSON kept for the operator.
    public var metadata = JSONObject()
    /// `team_id`: the team whose models, budget and limits also apply.
    public var teamID: String?
    /// `user_id`: the internal user whose budget and limits also apply.
    public var userID: String?
    /// `blocked`: a blocked key is refused until unblocked.
    public var blocked = false
    /// When the key was created.
    public var createdAt: Date
    /// When the key was last changed.
    public var updatedAt: Date
    /// Who created the key (`user_id` of the caller, or `"master_key"`).
    public var createdBy: String?

    /// A key record with its required fields.
    public init(tokenHash: String, keyName: String, createdAt: Date, updatedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.keyName = keyName
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
