import Foundation
import SQLKit

/// A team, user or customer as the SQL store keeps it: one row of its own table, keyed by its id, with
/// its spend and budget period in columns (the reset job and the spend writer update them in place) and
/// everything else in the JSON `data` column; teams and users also keep spend per model group.
///
/// The store reads and writes all three through the same four statements (``SQLKeyStore`` `insert`,
/// `fetch`, `page`, `update` below); a record type says only what differs: its table and id, its typed
/// columns, and how a row becomes a record.
protocol StoredRecord: Sendable {
    /// The table.
    static var table: String { get }
    /// The id column (`team_id`).
    static var idColumn: String { get }
    /// What a missing record is called in errors (`team`).
    static var noun: String { get }
    /// How a taken id is named in errors, as LiteLLM names it (`team_id`; `user_id` for a customer).
    static var idLabel: String { get }
    /// The kind whose per-model spend rows the record keeps, or nil.
    static var modelSpendKind: EntityKind? { get }
    /// Every column read, in order: the id first.
    static var columns: [String] { get }
    /// The record's id.
    var storedID: String { get }
    /// Its typed columns other than the id, `spend` and the times, written by insert and update: for a team
    /// and a customer `blocked`, for a user `user_role`; then `budget_duration`, `budget_reset_at`, `data`.
    var storedFields: [(column: String, value: any Encodable & Sendable)] { get }
    /// USD spent (written at insert; afterwards only the spend writer and the reset job change it).
    var spend: Double { get }
    /// Spend per model group, for kinds that keep it.
    var modelSpend: [String: Double] { get set }
    /// When it was created and last updated.
    var createdAt: Date { get }
    var updatedAt: Date { get }
    /// The record of a row with ``columns``.
    static func decode(_ row: any SQLRow) throws -> Self
}

extension StoredRecord {
    static var modelSpendKind: EntityKind? { nil }
    static var idLabel: String { idColumn }
    var modelSpend: [String: Double] {
        get { [:] }
        set {}
    }
}

extension SQLKeyStore {
    /// Inserts `record`; `KeyStoreError.duplicate` names it when its id is taken.
    func insert<Record: StoredRecord>(_ record: Record) async throws {
        let what = "\(Record.idLabel) \(record.storedID)"
        try await mappingDuplicates(what) {
            try await transaction { db in
                let existing = try await db.raw(
                    "SELECT \(ident: Record.idColumn) FROM \(ident: Record.table) WHERE \(ident: Record.idColumn) = \(bind: record.storedID)"
                ).first()
                if existing != nil { throw KeyStoreError.duplicate(what) }
                let fields = record.storedFields
                let columns = [Record.idColumn] + fields.map(\.column) + ["spend", "created_at", "updated_at"]
                let values: [any Encodable & Sendable] =
                    [record.storedID] + fields.map(\.value) + [record.spend, record.createdAt.storedValue, record.updatedAt.storedValue]
                try await db.raw("INSERT INTO \(ident: Record.table) (\(idents: columns, joinedBy: ", ")) VALUES (\(binds: values))").run()
                if let kind = Record.modelSpendKind { try await Self.insertModelSpend(kind: kind, id: record.storedID, record.modelSpend, db) }
            }
        }
    }

    /// The record with `id`, or nil.
    func fetch<Record: StoredRecord>(_: Record.Type, id: String) async throws -> Record? {
        try await withSession { db in
            let row = try await db.raw(
                "SELECT \(idents: Record.columns, joinedBy: ", ") FROM \(ident: Record.table) WHERE \(ident: Record.idColumn) = \(bind: id)"
            ).first()
            guard let row else { return nil }
            var record = try Record.decode(row)
            if let kind = Record.modelSpendKind { record.modelSpend = try await Self.modelSpend(kind: kind, ids: [id], db)[id] ?? [:] }
            return record
        }
    }

    /// A page of records matching `condition`, oldest first.
    func page<Record: StoredRecord>(_: Record.Type, where condition: SQLQueryString = "1 = 1", page: Int, size: Int) async throws -> Page<Record> {
        let bounds = PageBounds(page: page, size: size)
        return try await withSession { db in
            let total = try await Self.count(Record.table, where: condition, db)
            let rows = try await db.raw(
                """
                SELECT \(idents: Record.columns, joinedBy: ", ") FROM \(ident: Record.table) WHERE \(condition) \
                ORDER BY created_at, \(ident: Record.idColumn) LIMIT \(literal: bounds.limit) OFFSET \(literal: bounds.offset)
                """
            ).all()
            var records = try rows.map(Record.decode)
            if let kind = Record.modelSpendKind {
                let spend = try await Self.modelSpend(kind: kind, ids: records.map(\.storedID), db)
                for index in records.indices { records[index].modelSpend = spend[records[index].storedID] ?? [:] }
            }
            return Page(items: records, total: total)
        }
    }

    /// Writes `record`'s fields and times (never its spend); `KeyStoreError.notFound` when it does not exist.
    func update<Record: StoredRecord>(_ record: Record) async throws {
        let assignments: [SQLQueryString] =
            record.storedFields.map { "\(ident: $0.column) = \(bind: $0.value)" } + [
                "created_at = \(bind: record.createdAt.storedValue)", "updated_at = \(bind: record.updatedAt.storedValue)",
            ]
        let updated = try await withSession { db in
            try await db.raw(
                """
                UPDATE \(ident: Record.table) SET \(assignments.joined(separator: ", ")) \
                WHERE \(ident: Record.idColumn) = \(bind: record.storedID) RETURNING \(ident: Record.idColumn)
                """
            ).all()
        }
        if updated.isEmpty { throw KeyStoreError.notFound("\(Record.noun) \(record.storedID)") }
    }
}
