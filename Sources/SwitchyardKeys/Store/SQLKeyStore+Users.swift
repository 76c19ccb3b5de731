import Foundation
import SQLKit

extension UserRecord: StoredRecord {
    static let table = "switchyard_users"
    static let idColumn = "user_id"
    static let noun = "user"
    static let modelSpendKind: EntityKind? = .user
    static let columns = ["user_id", "user_role", "spend", "budget_duration", "budget_reset_at", "created_at", "updated_at", "data"]

    var storedID: String { userID }

    var storedFields: [(column: String, value: any Encodable & Sendable)] {
        [
            ("user_role", userRole), ("budget_duration", limits.budgetDuration),
            ("budget_reset_at", limits.budgetResetAt?.storedValue), ("data", RecordData.user(self)),
        ]
    }

    static func decode(_ row: any SQLRow) throws -> UserRecord {
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

extension SQLKeyStore {
    public func insertUser(_ record: UserRecord) async throws { try await insert(record) }

    public func user(id: String) async throws -> UserRecord? { try await fetch(UserRecord.self, id: id) }

    public func users(role: String?, page: Int, size: Int) async throws -> Page<UserRecord> {
        try await self.page(UserRecord.self, where: role.map { "user_role = \(bind: $0)" } ?? "1 = 1", page: page, size: size)
    }

    public func updateUser(_ record: UserRecord) async throws { try await update(record) }

    public func deleteUsers(ids: [String]) async throws -> [String] {
        try await deleteRows(table: UserRecord.table, idColumn: UserRecord.idColumn, kind: .user, ids: ids)
    }
}
