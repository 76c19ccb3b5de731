import Foundation

/// The budget and rate limits that keys, teams, users and customers share (LiteLLM's field names in
/// comments). Every limit is optional: `nil` means "no limit at this level".
public struct Limits: Sendable, Equatable {
    /// `max_budget`: spend (USD) after which requests are refused until the budget resets.
    public var maxBudget: Double?
    /// `soft_budget`: spend after which the key keeps working but is reported as over its soft budget.
    public var softBudget: Double?
    /// `budget_duration` as written (`30s`, `1d`, `1mo`); `nil` means the budget never resets.
    public var budgetDuration: String?
    /// `budget_reset_at`: when spend next returns to zero.
    public var budgetResetAt: Date?
    /// `tpm_limit`: tokens per minute.
    public var tpmLimit: Int?
    /// `rpm_limit`: requests per minute.
    public var rpmLimit: Int?
    /// `max_parallel_requests`: requests in flight at once.
    public var maxParallelRequests: Int?
    /// `model_max_budget`: a budget per model group (USD).
    public var modelMaxBudget: [String: Double] = [:]
    /// `model_rpm_limit`: requests per minute per model group.
    public var modelRPMLimit: [String: Int] = [:]
    /// `model_tpm_limit`: tokens per minute per model group.
    public var modelTPMLimit: [String: Int] = [:]

    /// No limits.
    public init() {}
}
