import Foundation
import SwitchyardCore

/// An internal user (LiteLLM's `LiteLLM_UserTable`): owns keys, belongs to teams, has its own budget.
public struct UserRecord: Sendable, Equatable {
    /// `user_id`: the primary key.
    public var userID: String
    /// `user_email`.
    public var userEmail: String?
    /// `user_alias`: a display name.
    public var userAlias: String?
    /// `user_role`: `proxy_admin`, `proxy_admin_viewer`, `internal_user` (default) or `internal_user_viewer`.
    /// Keys of a `proxy_admin` may call the management routes.
    public var userRole: String = "internal_user"
    /// `models`: model groups or access groups the user's keys may call; empty means every model.
    public var models: [String] = []
    /// Budgets and rate limits of the user, shared by all of the user's keys.
    public var limits = Limits()
    /// `spend`: USD spent since the last budget reset.
    public var spend: Double = 0
    /// `model_spend`: USD spent per model group since the last budget reset.
    public var modelSpend: [String: Double] = [:]
    /// `teams`: ids of the teams the user belongs to.
    public var teams: [String] = []
    /// `metadata`: free-form JSON kept for the operator.
    public var metadata = JSONObject()
    /// When the user was created.
    public var createdAt: Date
    /// When the user was last changed.
    public var updatedAt: Date

    /// A user with its required fields.
    public init(userID: String, createdAt: Date, updatedAt: Date? = nil) {
        self.userID = userID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
