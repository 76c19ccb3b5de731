import Foundation
import SQLKit
import SwitchyardCore

extension SQLKeyStore {
    public func spendLogs(_ filter: SpendLogFilter) async throws -> [SpendLogRecord] {
        var condition: SQLQueryString = "1 = 1"
        if let keyHash = filter.keyHash { condition += " AND key_hash = \(bind: keyHash)" }
        if let userID = filter.userID { condition += " AND user_id = \(bind: userID)" }
        if let teamID = filter.teamID { condition += " AND team_id = \(bind: teamID)" }
        if let customerID = filter.customerID { condition += " AND customer_id = \(bind: customerID)" }
        if let requestID = filter.requestID { condition += " AND request_id = \(bind: requestID)" }
        if let start = filter.start { condition += " AND start_time >= \(bind: start.storedValue)" }
        if let end = filter.end { condition += " AND start_time < \(bind: end.storedValue)" }
        let limit = min(max(filter.limit, 0), 100_000)
        return try await withSession { [condition] db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.spendLogColumns) FROM switchyard_spend_logs WHERE \(condition) \
                ORDER BY start_time DESC, id DESC LIMIT \(literal: limit)
                """
            ).all().map(Self.spendLogRecord)
        }
    }

    public func dailySpend(from: Date?, to: Date?) async throws -> [DailySpend] {
        let condition = Self.timeRange(from: from, to: to)
        let rows = try await withSession { db in
            try await db.raw(
                """
                SELECT day, model_group, key_hash, team_id, customer_id, COALESCE(SUM(spend), 0.0) AS spend, \
                CAST(COALESCE(SUM(prompt_tokens), 0) AS BIGINT) AS prompt_tokens, \
                CAST(COALESCE(SUM(completion_tokens), 0) AS BIGINT) AS completion_tokens, COUNT(*) AS requests \
                FROM switchyard_spend_logs WHERE \(condition) GROUP BY day, model_group, key_hash, team_id, customer_id
                """
            ).all()
        }
        let days = try rows.map { row in
            DailySpend(
                day: try row.string("day"),
                modelGroup: try row.string("model_group"),
                keyHash: try row.string("key_hash"),
                teamID: try row.optional("team_id", as: String.self),
                customerID: try row.optional("customer_id", as: String.self),
                spend: try row.double("spend"),
                promptTokens: try row.int("prompt_tokens"),
                completionTokens: try row.int("completion_tokens"),
                requests: try row.int("requests")
            )
        }
        // Sorted here, not in SQL: SQLite and PostgreSQL order NULLs differently.
        return days.sorted { lhs, rhs in
            (lhs.day, lhs.modelGroup, lhs.keyHash, lhs.teamID ?? "", lhs.customerID ?? "")
                < (rhs.day, rhs.modelGroup, rhs.keyHash, rhs.teamID ?? "", rhs.customerID ?? "")
        }
    }

    public func totalSpend(since: Date?) async throws -> Double {
        let condition = Self.timeRange(from: since, to: nil)
        return try await withSession { db in
            let row = try await db.raw("SELECT COALESCE(SUM(spend), 0.0) AS total FROM switchyard_spend_logs WHERE \(condition)").first()
            return try row?.double("total") ?? 0
        }
    }

    private static func timeRange(from: Date?, to: Date?) -> SQLQueryString {
        var condition: SQLQueryString = "1 = 1"
        if let from { condition += " AND start_time >= \(bind: from.storedValue)" }
        if let to { condition += " AND start_time < \(bind: to.storedValue)" }
        return condition
    }

    private static func spendLogRecord(_ row: any SQLRow) throws -> SpendLogRecord {
        var record = SpendLogRecord(
            requestID: try row.string("request_id"),
            callType: try row.string("call_type"),
            keyHash: try row.string("key_hash"),
            spend: try row.double("spend"),
            promptTokens: try row.int("prompt_tokens"),
            completionTokens: try row.int("completion_tokens"),
            startTime: try row.date("start_time"),
            endTime: try row.date("end_time"),
            model: try row.string("model"),
            modelGroup: try row.string("model_group"),
            status: try row.string("status")
        )
        record.completionStartTime = try row.optionalDate("completion_start_time")
        record.modelID = try row.optional("model_id", as: String.self)
        record.apiBase = try row.optional("api_base", as: String.self)
        record.userID = try row.optional("user_id", as: String.self)
        record.teamID = try row.optional("team_id", as: String.self)
        record.customerID = try row.optional("customer_id", as: String.self)
        record.cacheHit = try row.bool("cache_hit")
        record.metadata = try row.jsonObject("metadata")
        return record
    }
}
