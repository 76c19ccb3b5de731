import Foundation
import SQLKit

/// Who a `switchyard_model_spend` row belongs to.
enum EntityKind: String, Sendable, CaseIterable {
    case key, team, user
}

/// `LIMIT`/`OFFSET` of a 1-based page, with nonsensical requests clamped to the first page of at least one row.
struct PageBounds {
    var limit: Int
    var offset: Int

    init(page: Int, size: Int) {
        limit = min(max(size, 1), 10_000)
        offset = (max(page, 1) - 1) * limit
    }
}

extension SQLKeyStore {
    /// Runs `body`, turning a unique-constraint error that a concurrent writer caused after our own check into
    /// ``KeyStoreError/duplicate``.
    func mappingDuplicates<R>(_ what: String, _ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch  where Self.isUniqueViolation(error) {
            throw KeyStoreError.duplicate(what)
        }
    }

    static func count(_ table: String, where condition: SQLQueryString, _ db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(condition)").first()
        return try row?.int("n") ?? 0
    }

    /// Per-model spend of each id in `ids`.
    static func modelSpend(kind: EntityKind, ids: [String], _ db: any SQLDatabase) async throws -> [String: [String: Double]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT entity_id, model_group, spend FROM switchyard_model_spend \
            WHERE entity_kind = \(bind: kind.rawValue) AND entity_id IN (\(binds: ids))
            """
        ).all()
        var result: [String: [String: Double]] = [:]
        for row in rows {
            result[try row.string("entity_id"), default: [:]][try row.string("model_group")] = try row.double("spend")
        }
        return result
    }

    /// Writes the per-model spend of a new record.
    static func insertModelSpend(kind: EntityKind, id: String, _ spend: [String: Double], _ db: any SQLDatabase) async throws {
        for (group, amount) in spend.sorted(by: { $0.key < $1.key }) {
            try await addModelSpend(kind: kind, id: id, group: group, amount: amount, db)
        }
    }

    /// Adds `amount` to one per-model spend row, creating it at `amount`.
    static func addModelSpend(kind: EntityKind, id: String, group: String, amount: Double, _ db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO switchyard_model_spend (entity_kind, entity_id, model_group, spend) \
            VALUES (\(bind: kind.rawValue), \(bind: id), \(bind: group), \(bind: amount)) \
            ON CONFLICT (entity_kind, entity_id, model_group) \
            DO UPDATE SET spend = switchyard_model_spend.spend + excluded.spend
            """
        ).run()
    }

    /// Deletes the rows with these ids and their per-model spend; returns the ids that existed, in request order.
    func deleteRows(table: String, idColumn: String, kind: EntityKind?, ids: [String]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await transaction { db in
            let rows = try await db.raw("DELETE FROM \(ident: table) WHERE \(ident: idColumn) IN (\(binds: ids)) RETURNING \(ident: idColumn)")
                .all()
            let deleted = Set(try rows.map { try $0.string(idColumn) })
            if let kind, !deleted.isEmpty {
                try await db.raw(
                    "DELETE FROM switchyard_model_spend WHERE entity_kind = \(bind: kind.rawValue) AND entity_id IN (\(binds: Array(deleted)))"
                ).run()
            }
            var seen = Set<String>()
            return ids.filter { deleted.contains($0) && seen.insert($0).inserted }
        }
    }
}
