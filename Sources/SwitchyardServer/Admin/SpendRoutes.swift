import Foundation
import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// `/spend/*` and `/global/spend/report`: what requests cost, per request and summed per day.
enum SpendRoutes {
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        router.get("/spend/logs", use: AdminRoutes.handler("/spend/logs", gateway: gateway, logs))
        router.get("/global/spend/report", use: AdminRoutes.handler("/global/spend/report", gateway: gateway, report))
        router.get("/spend/keys", use: AdminRoutes.handler("/spend/keys", gateway: gateway, keys))
        router.get("/spend/users", use: AdminRoutes.handler("/spend/users", gateway: gateway, users))
    }

    /// `GET /spend/logs?api_key=&user_id=&team_id=&end_user=&request_id=&start_date=&end_date=`: spend
    /// log rows, newest first (at most 1,000). `api_key` is a key or its hash; dates are `YYYY-MM-DD`
    /// (`end_date` then includes that whole day) or ISO 8601.
    ///
    /// As in LiteLLM, a request with both `start_date` and `end_date` gets the per-day summary (see
    /// ``summary(_:through:)``) unless it says `summarize=false`.
    static func logs(_ request: AdminRequest) async throws -> JSONValue {
        var filter = SpendLogFilter()
        filter.keyHash = request.query("api_key").map(AdminRequest.keyHash)
        filter.userID = request.query("user_id")
        filter.teamID = request.query("team_id")
        filter.customerID = request.query("end_user")
        filter.requestID = request.query("request_id")
        (filter.start, filter.end) = try range(request)
        if let end = filter.end, filter.start != nil, try request.boolQuery("summarize") ?? true {
            filter.limit = summaryRowLimit
            let rows = try await request.store.spendLogs(filter)
            return summary(rows, through: AdminTime.dayString(end.addingTimeInterval(-1)))
        }
        let rows = try await request.store.spendLogs(filter)
        return .array(rows.map { .object(AdminJSON.spendLog($0)) })
    }

    /// `GET /spend/keys`: every key with its spend, as key objects.
    static func keys(_ request: AdminRequest) async throws -> JSONValue {
        let keys = try await AdminRoutes.all(pageSize: 100) { page, size in
            var filter = KeyFilter()
            filter.page = page
            filter.size = size
            return try await request.store.keys(filter)
        }
        return .array(keys.map { .object(AdminJSON.key($0)) })
    }

    /// `GET /spend/users` (`?user_id=` for one): users with their spend.
    static func users(_ request: AdminRequest) async throws -> JSONValue {
        if let userID = request.query("user_id") {
            guard let user = try await request.store.user(id: userID) else { return .array([]) }
            return .array([.object(AdminJSON.user(user))])
        }
        let users = try await AdminRoutes.all { page, size in try await request.store.users(role: nil, page: page, size: size) }
        return .array(users.map { .object(AdminJSON.user($0)) })
    }

    /// `start_date` and `end_date` of the query as a half-open range of instants.
    static func range(_ request: AdminRequest) throws(GatewayError) -> (Date?, Date?) {
        let start = try request.query("start_date").map { text throws(GatewayError) in try AdminTime.queryDate(text, param: "start_date") }
        let end = try request.query("end_date").map { text throws(GatewayError) in
            try AdminTime.queryDate(text, param: "end_date", endOfDay: true)
        }
        if let start, let end, end < start {
            throw GatewayError(.badRequest, "end_date is before start_date.", param: "end_date", code: "invalid_request_body")
        }
        return (start, end)
    }
}
