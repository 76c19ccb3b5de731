import Foundation
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

extension AdminBody {
    /// Writes the budget and rate-limit fields the body carries into `limits`; fields the body does not
    /// carry stay as they are, and `null` clears one. The same call serves create and update.
    ///
    /// Setting `budget_duration` starts a new period now: `budget_reset_at` moves to the end of it
    /// (LiteLLM does the same on create and update).
    func applyLimits(to limits: inout Limits, now: Date) throws(GatewayError) {
        if contains("max_budget") { limits.maxBudget = try amount("max_budget") }
        if contains("soft_budget") { limits.softBudget = try amount("soft_budget") }
        if contains("tpm_limit") { limits.tpmLimit = try count("tpm_limit") }
        if contains("rpm_limit") { limits.rpmLimit = try count("rpm_limit") }
        if contains("max_parallel_requests") { limits.maxParallelRequests = try count("max_parallel_requests") }
        if contains("model_max_budget") { limits.modelMaxBudget = try budgetMap("model_max_budget") ?? [:] }
        if contains("model_rpm_limit") { limits.modelRPMLimit = try countMap("model_rpm_limit") ?? [:] }
        if contains("model_tpm_limit") { limits.modelTPMLimit = try countMap("model_tpm_limit") ?? [:] }
        if contains("budget_duration") {
            if let text = try string("budget_duration")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                limits.budgetResetAt = try AdminTime.nextReset(text, after: now)
                limits.budgetDuration = text
            } else {
                limits.budgetDuration = nil
                limits.budgetResetAt = nil
            }
        }
    }

    /// Replaces `models` when the body carries `models` (`null` means every model).
    func applyModels(to models: inout [String]) throws(GatewayError) {
        if contains("models") { models = try strings("models") ?? [] }
    }

    /// Replaces `metadata` when the body carries it (`null` empties it).
    func applyMetadata(to metadata: inout JSONObject) throws(GatewayError) {
        if contains("metadata") { metadata = try object("metadata") ?? JSONObject() }
    }

    /// `blocked`, when the body carries it (`null` unblocks).
    func applyBlocked(to blocked: inout Bool) throws(GatewayError) {
        if contains("blocked") { blocked = try bool("blocked") ?? false }
    }

    /// The value of an optional text field for an update: absent leaves `value` unchanged, `null` or
    /// `""` clears it.
    func applyString(_ name: String, to value: inout String?) throws(GatewayError) {
        if contains(name) {
            let text = try string(name)
            value = text?.isEmpty == false ? text : nil
        }
    }
}
