import Foundation
import SQLKit

extension SQLKeyStore {
    private static let userColumns = "user_id, user_role, spend, budget_duration, budget_reset_at, created_at, updated_at, data"

    public func insertUser(_ record: UserRecord) async throws {
        try await mappingDuplicates("user_id \(record.userID)") {
            try await transaction { db in
                if try await db.raw("SELECT user_id FROM switchyard_users WHERE user_id = \(bind: record.userID)").first() != nil {
                    throw KeyStoreError.duplicate("user_id \(record.userID)")
                }
                try await db.raw(
                    """
                    INSERT INTO switchyard_users (\(unsafeRaw: Self.userColumns)) VALUES (\(bind: record.userID), \
                    \(bind: record.userRole), \(bind: record.spend), \(bind: record.limits.budgetDuration), \
                    \(bind: record.limits.budgetResetAt?.storedValue), \(bind: record.createdAt.storedValue), \
                    \(bind: record.updatedAt.storedValue), \(bind: RecordData.user(record)))
                    """
                ).run()
                try await Self.insertModelSpend(kind: .user, id: record.userID, record.modelSpend, db)
            }
        }
    }

    public func user(id: String) async throws -> UserRecord? {
        try await withSession { db in
            let row = try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM switchyard_users WHERE user_id = \(bind: id)").first()
            guard let row else { return nil }
            var record = try Self.userRecord(row)
            record.modelSpend = try await Self.modelSpend(kind: .user, ids: [id], db)[id] ?? [:]
            return record
        }
    }

    public func users(role: String?, page: Int, size: Int) async throws -> Page<UserRecord> {
        let condition: SQLQueryString = role.map { "user_role = \(bind: $0)" } ?? "1 = 1"
        let bounds = PageBounds(page: page, size: size)
        return try await withSession { db in
            let total = try await Self.count("switchyard_users", where: condition, db)
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.userColumns) FROM switchyard_users WHERE \(condition) \
                ORDER BY created_at, user_id LIMIT \(literal: bounds.limit) OFFSET \(literal: bounds.offset)
                """
            ).all()
            var records = try rows.map(Self.userRecord)
            let spend = try await Self.modelSpend(kind: .user, ids: records.map(\.userID), db)
            for index in records.indices { records[index].modelSpend = spend[records[index].userID] ?? [:] }
            return Page(items: records, total: total)
        }
    }

    public func updateUser(_ record: UserRecord) async throws {
        let updated = try await withSession { db in
            try await db.raw(
                """
                UPDATE switchyard_users SET user_role = \(bind: record.userRole), \
                budget_duration = \(bind: record.limits.budgetDuration), \
                budget_reset_at = \(bind: record.limits.budgetResetAt?.storedValue), \
                created_at = \(bind: record.createdAt.storedValue), updated_at = \(bind: record.updatedAt.storedValue), \
                data = \(bind: RecordData.user(record)) WHERE user_id = \(bind: record.userID) RETURNING user_id
                """
            ).all()
        }
        if updated.isEmpty { throw KeyStoreError.notFound("user \(record.userID)") }
    }

    public func deleteUsers(ids: [String]) async throws -> [String] {
        try await deleteRows(table: "switchyard_users", idColumn: "user_id", kind: .user, ids: ids)
    }

    private static func userRecord(_ row: any SQLRow) throws -> UserRecord {
        let data = try row.jsonObject("data")
        var record = UserRecord(userID: try row.string("user_id"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        record.userRole = try row.string("user_role")
        record.userEmail = data["user_email"]?.stringValue
        record.userAlias = data["user_alias"]?.stringValue
        record.models = RecordData.strings(data["models"])
        record.limits = RecordData.limits(
            data,
            budgetDuration: try row.optional("budget_duration", as: String.self),
            budgetResetAt: try row.optionalDate("budget_reset_at")
        )
        record.spend = try row.double("spend")
        record.teams = RecordData.strings(data["teams"])
        record.metadata = data["metadata"]?.objectValue ?? [:]
        return record
    }
}
