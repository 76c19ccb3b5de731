import Foundation
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

extension SpendRoutes {
    /// The most rows a `/spend/logs` summary adds up; a range with more is summarized from its newest rows.
    static let summaryRowLimit = 200_000
    /// The most zero-spend days a summary appends after its last day with spend (ten years).
    static let maximumPaddingDays = 3_660

    /// LiteLLM's `/spend/logs` summary: one entry per UTC day, oldest first,
    /// `{"users": {user: spend}, "models": {model: spend}, "spend": total, "<api key hash>": spend, …,
    /// "startTime": "YYYY-MM-DD"}`, followed by zero-spend days up to `lastDay` (LiteLLM pads only after
    /// the last day with spend, and answers `[]` when there is none). A row without a user counts under
    /// `"null"`, as LiteLLM's JSON shows it.
    static func summary(_ rows: [SpendLogRecord], through lastDay: String) -> JSONValue {
        struct Day {
            var users: [String: Double] = [:]
            var models: [String: Double] = [:]
            var spend = 0.0
            var keys: [String: Double] = [:]
        }
        var days: [String: Day] = [:]
        for row in rows {
            let day = AdminTime.dayString(row.startTime)
            days[day, default: Day()].users[row.userID ?? "null", default: 0] += row.spend
            days[day, default: Day()].models[row.model, default: 0] += row.spend
            days[day, default: Day()].spend += row.spend
            days[day, default: Day()].keys[row.keyHash, default: 0] += row.spend
        }
        var entries: [JSONValue] = days.keys.sorted().map { day in
            let totals = days[day] ?? Day()
            var object: JSONObject = ["users": AdminJSON.amounts(totals.users), "models": AdminJSON.amounts(totals.models)]
            object["spend"] = AdminJSON.number(totals.spend)
            for (key, spend) in totals.keys.sorted(by: { $0.key < $1.key }) { object[key] = AdminJSON.number(spend) }
            object["startTime"] = .string(day)
            return .object(object)
        }
        if let final = days.keys.max(), var next = AdminTime.day(final) {
            // Bounded, so that `end_date=9999-12-31` cannot make the gateway build millions of entries.
            for _ in 0..<maximumPaddingDays {
                next = next.addingTimeInterval(86_400)
                let day = AdminTime.dayString(next)
                guard day <= lastDay else { break }
                entries.append(["startTime": .string(day), "spend": 0, "users": [:], "models": [:]])
            }
        }
        return .array(entries)
    }
}
