import Foundation
import SwitchyardCore

/// A customer (LiteLLM's end user): named by the `user` field of a request, with its own budget and limits.
public struct CustomerRecord: Sendable, Equatable {
    /// `user_id` (`end_user_id` in `/customer/info`): the primary key, the request's `user` value.
    public var customerID: String
    /// `alias`: a display name.
    public var alias: String?
    /// `blocked`: a blocked customer's requests are refused.
    public var blocked = false
    /// `models`: model groups or access groups the customer may call; empty means every model.
    public var models: [String] = []
    /// Budgets and rate limits of the customer.
    public var limits = Limits()
    /// `spend`: USD spent since the last budget reset.
    public var spend: Double = 0
    /// `allowed_model_region`: `eu` or `us`, kept for the operator.
    public var allowedModelRegion: String?
    /// `default_model`: kept for the operator.
    public var defaultModel: String?
    /// `metadata`: free-form JSON kept for the operator.
    public var metadata = JSONObject()
    /// When the customer was created.
    public var createdAt: Date
    /// When the customer was last changed.
    public var updatedAt: Date

    /// A customer with its required fields.
    public init(customerID: String, createdAt: Date, updatedAt: Date? = nil) {
        self.customerID = customerID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
