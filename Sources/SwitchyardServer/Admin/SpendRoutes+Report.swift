import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

extension SpendRoutes {
    /// `GET /global/spend/report?start_date=&end_date=&group_by=team|customer|api_key|model[&api_key=]`,
    /// in LiteLLM's shapes:
    ///
    /// - `team` (the default) and `customer`: one entry per day,
    ///   `{"group_by_day": "YYYY-MM-DD", "teams": [{"team_name", "total_spend", "metadata": [{"model",
    ///   "api_key", "spend", "total_tokens"}]}]}` (`customers` with `customer` for customers);
    /// - `api_key`: one entry per key over the whole range, `{"api_key", "total_cost",
    ///   "total_input_tokens", "total_output_tokens", "model_details": [{"model", "total_cost",
    ///   "total_input_tokens", "total_output_tokens"}]}`, most expensive first;
    /// - `model` (Switchyard's addition): per day, `"models": [{"model", "total_spend", "metadata":
    ///   [{"api_key", "spend", "total_tokens"}]}]`.
    static func report(_ request: AdminRequest) async throws -> JSONValue {
        let groupBy = request.query("group_by") ?? "team"
        guard ["team", "customer", "api_key", "model"].contains(groupBy) else {
            throw GatewayError(
                .badRequest,
                "group_by must be one of team, customer, api_key, model; got '\(groupBy)'.",
                param: "group_by",
                code: "invalid_request_body"
            )
        }
        let (start, end) = try range(request)
        var rows = try await request.store.dailySpend(from: start, to: end)
        if let key = request.query("api_key").map(AdminRequest.keyHash) { rows = rows.filter { $0.keyHash == key } }
        switch groupBy {
        case "api_key":
            return byKey(rows)
        case "model":
            return byDay(rows, listName: "models", nameField: "model", name: { $0.modelGroup }, detail: { ["api_key": .string($0.keyHash)] })
        case "customer":
            return byDay(rows, listName: "customers", nameField: "customer", name: { $0.customerID }, detail: modelAndKey)
        default:
            var names: [String: String] = [:]
            for teamID in Set(rows.compactMap(\.teamID)) {
                names[teamID] = try await request.store.team(id: teamID)?.teamAlias ?? teamID
            }
            return byDay(
                rows, listName: "teams", nameField: "team_name", name: { row in row.teamID.map { names[$0] ?? $0 } ?? "Unassigned Team" },
                detail: modelAndKey)
        }
    }

    /// The `model` and `api_key` of a metadata entry.
    static func modelAndKey(_ row: DailySpend) -> JSONObject {
        ["model": .string(row.modelGroup), "api_key": .string(row.keyHash)]
    }

    /// Rows grouped by day, then by `name`, each group with its total and its rows merged by `detail`.
    static func byDay(
        _ rows: [DailySpend],
        listName: String,
        nameField: String,
        name: (DailySpend) -> String?,
        detail: (DailySpend) -> JSONObject
    ) -> JSONValue {
        var days: [String: [String?: [DailySpend]]] = [:]
        for row in rows { days[row.day, default: [:]][name(row), default: []].append(row) }
        return .array(
            days.keys.sorted().map { day in
                let groups = days[day] ?? [:]
                let entries: [JSONValue] = groups.keys.sorted { ($0 ?? "") < ($1 ?? "") }.map { group in
                    let members = groups[group] ?? []
                    return .object([
                        nameField: AdminJSON.string(group),
                        "total_spend": AdminJSON.number(members.reduce(0) { $0 + $1.spend }),
                        "metadata": .array(merged(members, by: detail)),
                    ])
                }
                return .object(["group_by_day": .string(day), listName: .array(entries)])
            }
        )
    }

    /// Rows with the same `detail` summed into one `{…detail, "spend", "total_tokens"}` entry.
    static func merged(_ rows: [DailySpend], by detail: (DailySpend) -> JSONObject) -> [JSONValue] {
        var order: [JSONObject] = []
        var sums: [JSONObject: (spend: Double, tokens: Int)] = [:]
        for row in rows {
            let key = detail(row)
            if sums[key] == nil { order.append(key) }
            let previous = sums[key] ?? (0, 0)
            sums[key] = (previous.spend + row.spend, previous.tokens + row.promptTokens + row.completionTokens)
        }
        return order.map { key in
            var object = key
            object["spend"] = AdminJSON.number(sums[key]?.spend ?? 0)
            object["total_tokens"] = AdminJSON.number(sums[key]?.tokens ?? 0)
            return .object(object)
        }
    }

    /// Rows summed per key over the whole range, with a breakdown per model; most expensive key first.
    static func byKey(_ rows: [DailySpend]) -> JSONValue {
        struct Totals {
            var cost = 0.0
            var input = 0
            var output = 0
        }
        var keys: [String: Totals] = [:]
        var models: [String: [String: Totals]] = [:]
        for row in rows {
            keys[row.keyHash, default: Totals()].cost += row.spend
            keys[row.keyHash, default: Totals()].input += row.promptTokens
            keys[row.keyHash, default: Totals()].output += row.completionTokens
            models[row.keyHash, default: [:]][row.modelGroup, default: Totals()].cost += row.spend
            models[row.keyHash, default: [:]][row.modelGroup, default: Totals()].input += row.promptTokens
            models[row.keyHash, default: [:]][row.modelGroup, default: Totals()].output += row.completionTokens
        }
        func totals(_ totals: Totals, cost: String) -> JSONObject {
            [
                cost: AdminJSON.number(totals.cost),
                "total_input_tokens": AdminJSON.number(totals.input),
                "total_output_tokens": AdminJSON.number(totals.output),
            ]
        }
        let ordered = keys.sorted { $0.value.cost != $1.value.cost ? $0.value.cost > $1.value.cost : $0.key < $1.key }
        return .array(
            ordered.map { key, sum in
                var object: JSONObject = ["api_key": .string(key)]
                for (name, value) in totals(sum, cost: "total_cost") { object[name] = value }
                let details = (models[key] ?? [:]).sorted { $0.key < $1.key }.map { model, sum in
                    var detail: JSONObject = ["model": .string(model)]
                    for (name, value) in totals(sum, cost: "total_cost") { detail[name] = value }
                    return JSONValue.object(detail)
                }
                object["model_details"] = .array(details)
                return .object(object)
            }
        )
    }
}
