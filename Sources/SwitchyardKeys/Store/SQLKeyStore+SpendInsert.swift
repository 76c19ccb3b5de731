import Foundation
import NIOCore
import PostgresKit
import SQLKit
import SQLiteKit
import SwitchyardCore

/// The spend-log insert, the one statement written at request rate. SQLKit builds an expression tree per row
/// and encodes each of its 21 values through `Encodable` and dynamic casts; measured on the gateway's
/// benchmark that cost ~28 µs per row, more than SQLite's own work, and kept the writer behind the requests
/// on one core. Here the values go straight into the driver's bind types (`SQLiteData`, `PostgresBindings`)
/// in one multi-row statement, for the two dialects the store runs on; any other `SQLDatabase` takes the
/// SQLKit path.
extension SQLKeyStore {
    /// Inserts `rows` (`ON CONFLICT (id) DO NOTHING`) and returns the ids actually stored.
    static func insertSpendRows(_ rows: ArraySlice<SpendLogEntry>, into db: any SQLDatabase) async throws -> Set<String> {
        if let sqlite = db as? SQLiteSessionDatabase {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(rows.count * spendLogColumnCount)
            for entry in rows { appendSQLiteBinds(entry, to: &binds) }
            let result = try await sqlite.connection.query(insertStatement(rows: rows.count, placeholder: { _ in "?" }), binds)
            var stored = Set<String>(minimumCapacity: result.count)
            for row in result {
                if let id = row.column("id")?.string { stored.insert(id) }
            }
            return stored
        }
        if let postgres = db as? LiveConnectionDatabase {
            var binds = PostgresBindings(capacity: rows.count * spendLogColumnCount)
            for entry in rows { appendPostgresBinds(entry, to: &binds) }
            let query = PostgresQuery(unsafeSQL: insertStatement(rows: rows.count, placeholder: { "$\($0)" }), binds: binds)
            let connection = postgres.connection
            let logger = postgres.logger
            let eventLoop = connection.eventLoop
            // As in `LiveConnectionDatabase`: check the channel and write in one event-loop turn.
            let result = try await eventLoop.flatSubmit { () -> EventLoopFuture<PostgresQueryResult> in
                guard !connection.isClosed else { return eventLoop.makeFailedFuture(ClosedConnectionError()) }
                return connection.query(query, logger: logger)
            }.get()
            var stored = Set<String>(minimumCapacity: result.rows.count)
            for row in result.rows { stored.insert(try row.decode(String.self)) }
            return stored
        }
        let values = rows.map { "(\(spendLogValues($0)))" as SQLQueryString }.joined(separator: ", ")
        let result = try await db.raw(
            "INSERT INTO switchyard_spend_logs (\(unsafeRaw: spendLogColumns)) VALUES \(values) ON CONFLICT (id) DO NOTHING RETURNING id"
        ).all()
        var stored = Set<String>()
        for row in result { stored.insert(try row.string("id")) }
        return stored
    }

    static let spendLogColumnCount = 21

    /// `INSERT … VALUES (…), (…) ON CONFLICT (id) DO NOTHING RETURNING id` for `rows` rows; `placeholder`
    /// names the n-th bound value (1-based).
    static func insertStatement(rows: Int, placeholder: (Int) -> String) -> String {
        var sql = "INSERT INTO switchyard_spend_logs (\(spendLogColumns)) VALUES "
        sql.reserveCapacity(sql.utf8.count + rows * spendLogColumnCount * 6 + 64)
        var index = 0
        for row in 0..<rows {
            sql += row == 0 ? "(" : ", ("
            for column in 0..<spendLogColumnCount {
                index += 1
                if column > 0 { sql += ", " }
                sql += placeholder(index)
            }
            sql += ")"
        }
        sql += " ON CONFLICT (id) DO NOTHING RETURNING id"
        return sql
    }

    /// The row's values in ``spendLogColumns`` order, as SQLite stores them (dates as seconds, flags as 0/1).
    static func appendSQLiteBinds(_ entry: SpendLogEntry, to binds: inout [SQLiteData]) {
        let record = entry.record
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        binds.append(.text(entry.id))
        binds.append(.text(record.requestID))
        binds.append(.text(record.callType))
        binds.append(.text(record.keyHash))
        binds.append(.float(record.spend))
        binds.append(.integer(record.promptTokens))
        binds.append(.integer(record.completionTokens))
        binds.append(.float(record.startTime.storedValue))
        binds.append(.float(record.endTime.storedValue))
        binds.append(record.completionStartTime.map { .float($0.storedValue) } ?? .null)
        binds.append(.text(record.startTime.utcDay))
        binds.append(.text(record.model))
        binds.append(text(record.modelID))
        binds.append(.text(record.modelGroup))
        binds.append(text(record.apiBase))
        binds.append(text(record.userID))
        binds.append(text(record.teamID))
        binds.append(text(record.customerID))
        binds.append(.integer(record.cacheHit ? 1 : 0))
        binds.append(.text(record.status))
        binds.append(.text(JSONValue.object(record.metadata).jsonString))
    }

    /// The row's values in ``spendLogColumns`` order for PostgreSQL (`DOUBLE PRECISION`, `BIGINT`, `BOOLEAN`, `TEXT`).
    static func appendPostgresBinds(_ entry: SpendLogEntry, to binds: inout PostgresBindings) {
        let record = entry.record
        binds.append(entry.id)
        binds.append(record.requestID)
        binds.append(record.callType)
        binds.append(record.keyHash)
        binds.append(record.spend)
        binds.append(Int64(record.promptTokens))
        binds.append(Int64(record.completionTokens))
        binds.append(record.startTime.storedValue)
        binds.append(record.endTime.storedValue)
        binds.append(record.completionStartTime?.storedValue)
        binds.append(record.startTime.utcDay)
        binds.append(record.model)
        binds.append(record.modelID)
        binds.append(record.modelGroup)
        binds.append(record.apiBase)
        binds.append(record.userID)
        binds.append(record.teamID)
        binds.append(record.customerID)
        binds.append(record.cacheHit)
        binds.append(record.status)
        binds.append(JSONValue.object(record.metadata).jsonString)
    }
}
