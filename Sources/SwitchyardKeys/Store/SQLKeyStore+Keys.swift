import Foundation
import SQLKit

extension SQLKeyStore {
    private static let keyColumns = """
        token_hash, key_name, key_alias, team_id, user_id, blocked, expires, spend, budget_duration, budget_reset_at, \
        created_at, updated_at, data
        """

    public func insertKey(_ record: KeyRecord) async throws {
        try await mappingDuplicates("key \(record.keyAlias ?? record.keyName)") {
            try await transaction { db in
                if try await db.raw("SELECT token_hash FROM switchyard_keys WHERE token_hash = \(bind: record.tokenHash)").first() != nil {
                    throw KeyStoreError.duplicate("token")
                }
                try await Self.checkAliasFree(record.keyAlias, except: nil, db)
                try await db.raw(
                    "INSERT INTO switchyard_keys (\(unsafeRaw: Self.keyColumns)) VALUES (\(Self.keyValues(record, spend: record.spend)))"
                ).run()
                try await Self.insertModelSpend(kind: .key, id: record.tokenHash, record.modelSpend, db)
            }
        }
    }

    public func key(hash: String) async throws -> KeyRecord? {
        try await firstKey(where: "token_hash = \(bind: hash)")
    }

    public func key(alias: String) async throws -> KeyRecord? {
        try await firstKey(where: "key_alias = \(bind: alias)")
    }

    public func keys(_ filter: KeyFilter) async throws -> Page<KeyRecord> {
        var condition: SQLQueryString = "1 = 1"
        if let userID = filter.userID { condition += " AND user_id = \(bind: userID)" }
        if let teamID = filter.teamID { condition += " AND team_id = \(bind: teamID)" }
        if let alias = filter.keyAlias { condition += " AND key_alias = \(bind: alias)" }
        let bounds = PageBounds(page: filter.page, size: filter.size)
        return try await withSession { [condition] db in
            let total = try await Self.count("switchyard_keys", where: condition, db)
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.keyColumns) FROM switchyard_keys WHERE \(condition) \
                ORDER BY created_at DESC, token_hash LIMIT \(literal: bounds.limit) OFFSET \(literal: bounds.offset)
                """
            ).all()
            var records = try rows.map(Self.keyRecord)
            let spend = try await Self.modelSpend(kind: .key, ids: records.map(\.tokenHash), db)
            for index in records.indices { records[index].modelSpend = spend[records[index].tokenHash] ?? [:] }
            return Page(items: records, total: total)
        }
    }

    public func updateKey(_ record: KeyRecord) async throws {
        try await mappingDuplicates("key_alias \(record.keyAlias ?? "")") {
            try await transaction { db in
                try await Self.checkAliasFree(record.keyAlias, except: record.tokenHash, db)
                let updated = try await db.raw(
                    """
                    UPDATE switchyard_keys SET \(Self.keyAssignments(record)) \
                    WHERE token_hash = \(bind: record.tokenHash) RETURNING token_hash
                    """
                ).all()
                if updated.isEmpty { throw KeyStoreError.notFound("key") }
            }
        }
    }

    public func replaceKey(oldHash: String, with record: KeyRecord) async throws {
        try await mappingDuplicates("key \(record.keyAlias ?? record.keyName)") {
            try await transaction { db in
                let old = try await db.raw("SELECT spend FROM switchyard_keys WHERE token_hash = \(bind: oldHash)").first()
                guard let old else { throw KeyStoreError.notFound("key") }
                let spend = try old.double("spend")
                try await Self.checkAliasFree(record.keyAlias, except: oldHash, db)
                if record.tokenHash == oldHash {
                    try await db.raw("UPDATE switchyard_keys SET \(Self.keyAssignments(record)) WHERE token_hash = \(bind: oldHash)").run()
                    return
                }
                if try await db.raw("SELECT token_hash FROM switchyard_keys WHERE token_hash = \(bind: record.tokenHash)").first() != nil {
                    throw KeyStoreError.duplicate("token")
                }
                // Delete before insert: the alias is UNIQUE and the new row usually keeps it.
                try await db.raw("DELETE FROM switchyard_keys WHERE token_hash = \(bind: oldHash)").run()
                try await db.raw("INSERT INTO switchyard_keys (\(unsafeRaw: Self.keyColumns)) VALUES (\(Self.keyValues(record, spend: spend)))")
                    .run()
                try await db.raw(
                    """
                    UPDATE switchyard_model_spend SET entity_id = \(bind: record.tokenHash) \
                    WHERE entity_kind = \(bind: EntityKind.key.rawValue) AND entity_id = \(bind: oldHash)
                    """
                ).run()
            }
        }
    }

    public func deleteKeys(hashes: [String]) async throws -> [String] {
        try await deleteRows(table: "switchyard_keys", idColumn: "token_hash", kind: .key, ids: hashes)
    }

    // MARK: Rows

    private func firstKey(where condition: SQLQueryString) async throws -> KeyRecord? {
        try await withSession { db in
            let row = try await db.raw("SELECT \(unsafeRaw: Self.keyColumns) FROM switchyard_keys WHERE \(condition)").first()
            guard let row else { return nil }
            var record = try Self.keyRecord(row)
            record.modelSpend = try await Self.modelSpend(kind: .key, ids: [record.tokenHash], db)[record.tokenHash] ?? [:]
            return record
        }
    }

    private static func checkAliasFree(_ alias: String?, except hash: String?, _ db: any SQLDatabase) async throws {
        guard let alias else { return }
        let row = try await db.raw("SELECT token_hash FROM switchyard_keys WHERE key_alias = \(bind: alias)").first()
        if let row, try row.string("token_hash") != hash {
            throw KeyStoreError.duplicate("key_alias \(alias)")
        }
    }

    private static func keyValues(_ record: KeyRecord, spend: Double) -> SQLQueryString {
        """
        \(bind: record.tokenHash), \(bind: record.keyName), \(bind: record.keyAlias), \(bind: record.teamID), \
        \(bind: record.userID), \(bind: record.blocked), \(bind: record.expires?.storedValue), \(bind: spend), \
        \(bind: record.limits.budgetDuration), \(bind: record.limits.budgetResetAt?.storedValue), \
        \(bind: record.createdAt.storedValue), \(bind: record.updatedAt.storedValue), \(bind: RecordData.key(record))
        """
    }

    // Every column but `token_hash` and `spend`.
    private static func keyAssignments(_ record: KeyRecord) -> SQLQueryString {
        """
        key_name = \(bind: record.keyName), key_alias = \(bind: record.keyAlias), team_id = \(bind: record.teamID), \
        user_id = \(bind: record.userID), blocked = \(bind: record.blocked), expires = \(bind: record.expires?.storedValue), \
        budget_duration = \(bind: record.limits.budgetDuration), budget_reset_at = \(bind: record.limits.budgetResetAt?.storedValue), \
        created_at = \(bind: record.createdAt.storedValue), updated_at = \(bind: record.updatedAt.storedValue), \
        data = \(bind: RecordData.key(record))
        """
    }

    private static func keyRecord(_ row: any SQLRow) throws -> KeyRecord {
        let data = try row.jsonObject("data")
        var record = KeyRecord(
            tokenHash: try row.string("token_hash"),
            keyName: try row.string("key_name"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
        record.keyAlias = try row.optional("key_alias", as: String.self)
        record.teamID = try row.optional("team_id", as: String.self)
        record.userID = try row.optional("user_id", as: String.self)
        record.blocked = try row.bool("blocked")
        record.expires = try row.optionalDate("expires")
        record.spend = try row.double("spend")
        record.limits = RecordData.limits(
            data,
            budgetDuration: try row.optional("budget_duration", as: String.self),
            budgetResetAt: try row.optionalDate("budget_reset_at")
        )
        record.models = RecordData.strings(data["models"])
        record.aliases = RecordData.dictionary(data["aliases"]) { $0.stringValue }
        record.metadata = data["metadata"]?.objectValue ?? [:]
        record.createdBy = data["created_by"]?.stringValue
        return record
    }
}
