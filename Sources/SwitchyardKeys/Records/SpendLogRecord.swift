import Foundation
import SwitchyardCore

/// One row of the spend log: what one request cost and who made it (LiteLLM's `LiteLLM_SpendLogs`).
public struct SpendLogRecord: Sendable, Equatable {
    /// `request_id`: the `x-request-id` of the request; the primary key.
    public var requestID: String
    /// `call_type`: `completion`, `acompletion`, `embedding`, … (the endpoint that was called).
    public var callType: String
    /// `api_key`: SHA-256 of the key that paid, or empty when the master key was used.
    public var keyHash: String
    /// `spend`: cost in USD.
    public var spend: Double
    /// `prompt_tokens`.
    public var promptTokens: Int
    /// `completion_tokens`.
    public var completionTokens: Int
    /// `total_tokens`.
    public var totalTokens: Int { promptTokens + completionTokens }
    /// `startTime`.
    public var startTime: Date
    /// `endTime`.
    public var endTime: Date
    /// `completionStartTime`: when the first token reached the gateway (streams); `nil` otherwise.
    public var completionStartTime: Date?
    /// `model`: the upstream model that answered (`gpt-4o-2024-08-06`).
    public var model: String
    /// `model_id`: the deployment id that answered.
    public var modelID: String?
    /// `model_group`: the model name the client asked for.
    public var modelGroup: String
    /// `api_base` of the deployment (never a credential).
    public var apiBase: String?
    /// `user`: the key's `user_id`.
    public var userID: String?
    /// `team_id`: the key's team.
    public var teamID: String?
    /// `end_user`: the request's `user` field (the customer).
    public var customerID: String?
    /// `cache_hit`.
    public var cacheHit = false
    /// `status`: `success` or `failure`.
    public var status: String
    /// `metadata`: error kind on failure, attempts, and other facts (never a prompt or a credential).
    public var metadata = JSONObject()

    /// A spend log row with its required fields.
    public init(
        requestID: String,
        callType: String,
        keyHash: String,
        spend: Double,
        promptTokens: Int,
        completionTokens: Int,
        startTime: Date,
        endTime: Date,
        model: String,
        modelGroup: String,
        status: String
    ) {
        self.requestID = requestID
        self.callType = callType
        self.keyHash = keyHash
        self.spend = spend
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.startTime = startTime
        self.endTime = endTime
        self.model = model
        self.modelGroup = modelGroup
        self.status = status
    }
}
