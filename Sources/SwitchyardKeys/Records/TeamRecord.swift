import Foundation
import SwitchyardCore

/// A team: shares a budget, limits and a model list among its keys and members.
public struct TeamRecord: Sendable, Equatable {
    /// One member of a team, as LiteLLM's `members_with_roles` lists them.
    public struct Member: Sendable, Equatable {
        /// `user_id` of the member.
        public var userID: String?
        /// `user_email` of the member.
        public var userEmail: String?
        /// `role`: `admin` or `user`.
        public var role: String

        /// A member.
        public init(userID: String?, userEmail: String? = nil, role: String = "user") {
            self.userID = userID
            self.userEmail = userEmail
            self.role = role
        }
    }

    /// `team_id`: the primary key.
    public var teamID: String
    /// `team_alias`: a display name.
    public var teamAlias: String?
    /// `models`: model groups or access groups the team's keys may call; empty means every model.
    public var models: [String] = []
    /// Budgets and rate limits of the team, shared by all of its keys.
    public var limits = Limits()
    /// `spend`: USD spent since the last budget reset.
    public var spend: Double = 0
    /// `model_spend`: USD spent per model group since the last budget reset.
    public var modelSpend: [String: Double] = [:]
    /// `members_with_roles`.
    public var members: [Member] = []
    /// `metadata`: free-form JSON kept for the operator.
    public var metadata = JSONObject()
    /// `blocked`: a blocked team's keys are refused.
    public var blocked = false
    /// When the team was created.
    public var createdAt: Date
    /// When the team was last changed.
    public var updatedAt: Date

    /// A team with its required fields.
    public init(teamID: String, createdAt: Date, updatedAt: Date? = nil) {
        self.teamID = teamID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
