import Foundation
import SwitchyardCore

// The `data` JSON column: every field of a record that SQL never filters, increments or resets, under
// LiteLLM's field names so an operator reading the table recognises them.
enum RecordData {
    static func text(_ pairs: [(String, JSONValue)]) -> String {
        JSONValue.object(JSONObject(pairs.filter { !$0.1.isNull })).jsonString
    }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The limits, except `budget_duration` and `budget_reset_at`, which are real columns.
    static func limits(_ limits: Limits) -> [(String, JSONValue)] {
        func number(_ value: Double?) -> JSONValue { value.map { .number(JSONNumber($0)) } ?? .null }
        func number(_ value: Int?) -> JSONValue { value.map { .number(JSONNumber($0)) } ?? .null }
        func map<V>(_ values: [String: V], _ convert: (V) -> JSONNumber) -> JSONValue {
            .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number(convert($0.value))) }))
        }
        return [
            ("max_budget", number(limits.maxBudget)),
            ("soft_budget", number(limits.softBudget)),
            ("tpm_limit", number(limits.tpmLimit)),
            ("rpm_limit", number(limits.rpmLimit)),
            ("max_parallel_requests", number(limits.maxParallelRequests)),
            ("model_max_budget", map(limits.modelMaxBudget) { JSONNumber($0) }),
            ("model_rpm_limit", map(limits.modelRPMLimit) { JSONNumber($0) }),
            ("model_tpm_limit", map(limits.modelTPMLimit) { JSONNumber($0) }),
        ]
    }

    static func limits(_ data: JSONObject, budgetDuration: String?, budgetResetAt: Date?) -> Limits {
        var limits = Limits()
        limits.maxBudget = data["max_budget"]?.doubleValue
        limits.softBudget = data["soft_budget"]?.doubleValue
        limits.tpmLimit = data["tpm_limit"]?.intValue
        limits.rpmLimit = data["rpm_limit"]?.intValue
        limits.maxParallelRequests = data["max_parallel_requests"]?.intValue
        limits.modelMaxBudget = dictionary(data["model_max_budget"]) { $0.doubleValue }
        limits.modelRPMLimit = dictionary(data["model_rpm_limit"]) { $0.intValue }
        limits.modelTPMLimit = dictionary(data["model_tpm_limit"]) { $0.intValue }
        limits.budgetDuration = budgetDuration
        limits.budgetResetAt = budgetResetAt
        return limits
    }

    static func dictionary<V>(_ value: JSONValue?, _ convert: (JSONValue) -> V?) -> [String: V] {
        var result: [String: V] = [:]
        for (key, element) in value?.objectValue ?? JSONObject() {
            if let converted = convert(element) { result[key] = converted }
        }
        return result
    }

    static func key(_ record: KeyRecord) -> String {
        let aliases = JSONObject(record.aliases.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })
        return text(
            [("models", strings(record.models)), ("aliases", .object(aliases))] + limits(record.limits)
                + [("metadata", .object(record.metadata)), ("created_by", optional(record.createdBy))]
        )
    }

    static func team(_ record: TeamRecord) -> String {
        let members = record.members.map { member -> JSONValue in
            .object(
                JSONObject(
                    [("user_id", optional(member.userID)), ("user_email", optional(member.userEmail)), ("role", .string(member.role))]
                        .filter { !$0.1.isNull }
                )
            )
        }
        return text(
            [("team_alias", optional(record.teamAlias)), ("models", strings(record.models))] + limits(record.limits)
                + [("members_with_roles", .array(members)), ("metadata", .object(record.metadata))]
        )
    }

    static func members(_ value: JSONValue?) -> [TeamRecord.Member] {
        (value?.arrayValue ?? []).compactMap { element in
            guard let object = element.objectValue else { return nil }
            return TeamRecord.Member(
                userID: object["user_id"]?.stringValue,
                userEmail: object["user_email"]?.stringValue,
                role: object["role"]?.stringValue ?? "user"
            )
        }
    }

    static func user(_ record: UserRecord) -> String {
        text(
            [
                ("user_email", optional(record.userEmail)), ("user_alias", optional(record.userAlias)),
                ("models", strings(record.models)),
            ] + limits(record.limits) + [("teams", strings(record.teams)), ("metadata", .object(record.metadata))]
        )
    }

    static func customer(_ record: CustomerRecord) -> String {
        text(
            [("alias", optional(record.alias)), ("models", strings(record.models))] + limits(record.limits)
                + [
                    ("allowed_model_region", optional(record.allowedModelRegion)),
                    ("default_model", optional(record.defaultModel)),
                    ("metadata", .object(record.metadata)),
                ]
        )
    }
}
