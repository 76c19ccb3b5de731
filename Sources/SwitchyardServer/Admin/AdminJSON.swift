import Foundation
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// Records as LiteLLM's management API shows them (`LiteLLM_VerificationToken`, `LiteLLM_TeamTable`,
/// `LiteLLM_UserTable`, `LiteLLM_EndUserTable`, `LiteLLM_SpendLogs`), field names and all.
///
/// Nothing here ever writes a plaintext key: only ``KeyRecord/tokenHash`` and the display name exist.
enum AdminJSON {
    /// A key as `/key/info`, `/key/list` and `/key/block` show it (`token` is the hash).
    static func key(_ record: KeyRecord) -> JSONObject {
        var object = JSONObject()
        object["token"] = .string(record.tokenHash)
        object["key_name"] = .string(record.keyName)
        object["key_alias"] = string(record.keyAlias)
        object["spend"] = number(record.spend)
        object["max_budget"] = number(record.limits.maxBudget)
        object["soft_budget"] = number(record.limits.softBudget)
        object["expires"] = AdminTime.json(record.expires)
        object["models"] = strings(record.models)
        object["aliases"] = .object(JSONObject(record.aliases.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        object["config"] = .object([:])
        object["user_id"] = string(record.userID)
        object["team_id"] = string(record.teamID)
        object["max_parallel_requests"] = number(record.limits.maxParallelRequests)
        object["metadata"] = .object(record.metadata)
        object["tpm_limit"] = number(record.limits.tpmLimit)
        object["rpm_limit"] = number(record.limits.rpmLimit)
        object["budget_duration"] = string(record.limits.budgetDuration)
        object["budget_reset_at"] = AdminTime.json(record.limits.budgetResetAt)
        object["allowed_cache_controls"] = .array([])
        object["permissions"] = .object([:])
        object["model_spend"] = amounts(record.modelSpend)
        object["model_max_budget"] = amounts(record.limits.modelMaxBudget)
        object["model_rpm_limit"] = counts(record.limits.modelRPMLimit)
        object["model_tpm_limit"] = counts(record.limits.modelTPMLimit)
        object["blocked"] = .bool(record.blocked)
        object["created_at"] = AdminTime.json(record.createdAt)
        object["created_by"] = string(record.createdBy)
        object["updated_at"] = AdminTime.json(record.updatedAt)
        return object
    }

    /// A team as `/team/new`, `/team/info` and `/team/list` show it.
    static func team(_ record: TeamRecord) -> JSONObject {
        var object = JSONObject()
        object["team_id"] = .string(record.teamID)
        object["team_alias"] = string(record.teamAlias)
        object["organization_id"] = .null
        object["admins"] = strings(record.members.filter { $0.role == "admin" }.compactMap(\.userID))
        object["members"] = strings(record.members.compactMap(\.userID))
        object["members_with_roles"] = .array(record.members.map { .object(member($0)) })
        object["metadata"] = .object(record.metadata)
        object["tpm_limit"] = number(record.limits.tpmLimit)
        object["rpm_limit"] = number(record.limits.rpmLimit)
        object["max_budget"] = number(record.limits.maxBudget)
        object["soft_budget"] = number(record.limits.softBudget)
        object["budget_duration"] = string(record.limits.budgetDuration)
        object["models"] = strings(record.models)
        object["blocked"] = .bool(record.blocked)
        object["spend"] = number(record.spend)
        object["max_parallel_requests"] = number(record.limits.maxParallelRequests)
        object["budget_reset_at"] = AdminTime.json(record.limits.budgetResetAt)
        object["model_id"] = .null
        object["model_spend"] = amounts(record.modelSpend)
        object["model_max_budget"] = amounts(record.limits.modelMaxBudget)
        object["model_rpm_limit"] = counts(record.limits.modelRPMLimit)
        object["model_tpm_limit"] = counts(record.limits.modelTPMLimit)
        object["created_at"] = AdminTime.json(record.createdAt)
        object["updated_at"] = AdminTime.json(record.updatedAt)
        return object
    }

    /// One of `members_with_roles`.
    static func member(_ member: TeamRecord.Member) -> JSONObject {
        ["user_id": string(member.userID), "user_email": string(member.userEmail), "role": .string(member.role)]
    }

    /// A user as `/user/info` and `/user/list` show it.
    static func user(_ record: UserRecord) -> JSONObject {
        var object = JSONObject()
        object["user_id"] = .string(record.userID)
        object["user_email"] = string(record.userEmail)
        object["user_alias"] = string(record.userAlias)
        object["user_role"] = .string(record.userRole)
        object["teams"] = strings(record.teams)
        object["models"] = strings(record.models)
        object["max_budget"] = number(record.limits.maxBudget)
        object["soft_budget"] = number(record.limits.softBudget)
        object["spend"] = number(record.spend)
        object["model_spend"] = amounts(record.modelSpend)
        object["model_max_budget"] = amounts(record.limits.modelMaxBudget)
        object["model_rpm_limit"] = counts(record.limits.modelRPMLimit)
        object["model_tpm_limit"] = counts(record.limits.modelTPMLimit)
        object["tpm_limit"] = number(record.limits.tpmLimit)
        object["rpm_limit"] = number(record.limits.rpmLimit)
        object["max_parallel_requests"] = number(record.limits.maxParallelRequests)
        object["budget_duration"] = string(record.limits.budgetDuration)
        object["budget_reset_at"] = AdminTime.json(record.limits.budgetResetAt)
        object["metadata"] = .object(record.metadata)
        object["created_at"] = AdminTime.json(record.createdAt)
        object["updated_at"] = AdminTime.json(record.updatedAt)
        return object
    }

    /// A customer as `/customer/info` and `/customer/list` show it: budget and limits nested under
    /// `litellm_budget_table`, as LiteLLM keeps them in a budget row (`null` when none is set).
    static func customer(_ record: CustomerRecord) -> JSONObject {
        var object = JSONObject()
        object["user_id"] = .string(record.customerID)
        object["alias"] = string(record.alias)
        object["spend"] = number(record.spend)
        object["allowed_model_region"] = string(record.allowedModelRegion)
        object["default_model"] = string(record.defaultModel)
        object["budget_id"] = .null
        object["blocked"] = .bool(record.blocked)
        object["models"] = strings(record.models)
        object["metadata"] = .object(record.metadata)
        object["litellm_budget_table"] = record.limits == Limits() ? .null : .object(budget(record.limits))
        object["created_at"] = AdminTime.json(record.createdAt)
        object["updated_at"] = AdminTime.json(record.updatedAt)
        return object
    }

    /// A `LiteLLM_BudgetTable` row made of `limits`.
    static func budget(_ limits: Limits) -> JSONObject {
        var object = JSONObject()
        object["max_budget"] = number(limits.maxBudget)
        object["soft_budget"] = number(limits.softBudget)
        object["max_parallel_requests"] = number(limits.maxParallelRequests)
        object["tpm_limit"] = number(limits.tpmLimit)
        object["rpm_limit"] = number(limits.rpmLimit)
        object["model_max_budget"] = amounts(limits.modelMaxBudget)
        object["budget_duration"] = string(limits.budgetDuration)
        object["budget_reset_at"] = AdminTime.json(limits.budgetResetAt)
        return object
    }

    /// A spend log row as `/spend/logs` shows it. `cache_hit` is the string `"True"`/`"False"`, as
    /// LiteLLM stores it.
    static func spendLog(_ record: SpendLogRecord) -> JSONObject {
        var object = JSONObject()
        object["request_id"] = .string(record.requestID)
        object["call_type"] = .string(record.callType)
        object["api_key"] = .string(record.keyHash)
        object["spend"] = number(record.spend)
        object["total_tokens"] = number(record.totalTokens)
        object["prompt_tokens"] = number(record.promptTokens)
        object["completion_tokens"] = number(record.completionTokens)
        object["startTime"] = AdminTime.json(record.startTime)
        object["endTime"] = AdminTime.json(record.endTime)
        object["completionStartTime"] = AdminTime.json(record.completionStartTime)
        object["model"] = .string(record.model)
        object["model_id"] = string(record.modelID)
        object["model_group"] = .string(record.modelGroup)
        object["api_base"] = string(record.apiBase)
        object["user"] = string(record.userID)
        object["team_id"] = string(record.teamID)
        object["end_user"] = string(record.customerID)
        object["cache_hit"] = .string(record.cacheHit ? "True" : "False")
        object["status"] = .string(record.status)
        object["request_tags"] = .array([])
        object["metadata"] = .object(record.metadata)
        return object
    }

    // MARK: Values

    static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    static func number(_ value: Double?) -> JSONValue { value.map { .number(JSONNumber($0)) } ?? .null }

    static func number(_ value: Int?) -> JSONValue { value.map { .number(JSONNumber($0)) } ?? .null }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// A map of amounts, keys sorted so that the output is stable.
    static func amounts(_ values: [String: Double]) -> JSONValue {
        .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, number($0.value)) }))
    }

    /// A map of counts, keys sorted so that the output is stable.
    static func counts(_ values: [String: Int]) -> JSONValue {
        .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, number($0.value)) }))
    }
}
