import Foundation
import SQLKit
import SwitchyardCore

extension SQLKeyStore {
    static let spendLogColumns = """
        id, request_id, call_type, key_hash, spend, prompt_tokens, completion_tokens, start_time, end_time, \
        completion_start_time, day, model, model_id, model_group, api_base, user_id, team_id, customer_id, cache_hit, \
        status, metadata
        """

    /// Rows per `INSERT` statement: 21 bound values each keeps a statement well under SQLite's and
    /// PostgreSQL's parameter limits, and one statement per 200 rows keeps a batch's cost in the rows, not
    /// in statement round trips.
    static let rowsPerInsert = 100

    /// Writes the batch in one transaction. Rows are inserted with `ON CONFLICT (id) DO NOTHING RETURNING id`,
    /// so only rows that were not already stored add their spend: a batch retried after an unknown commit
    /// outcome counts once. Increments are summed per entity first and applied in a fixed order, so two
    /// concurrent batches on PostgreSQL lock rows in the same order and cannot deadlock.
    public func record(_ entries: [SpendLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        let inserted = try await transaction { db -> Int in
            var totals = SpendTotals()
            var start = 0
            while start < entries.count {
                let chunk = entries[start..<min(start + Self.rowsPerInsert, entries.count)]
                start += Self.rowsPerInsert
                let stored = try await Self.insertSpendRows(chunk, into: db)
                for entry in chunk where stored.contains(entry.id) { totals.add(entry.record) }
            }
            try await Self.apply(totals, db)
            return totals.rows
        }
        if inserted < entries.count {
            logger.debug("spend batch had rows already stored", metadata: ["skipped": "\(entries.count - inserted)"])
        }
    }

    public func addSpend(_ entries: [SpendLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { db in
            var totals = SpendTotals()
            for entry in entries { totals.add(entry.record) }
            try await Self.apply(totals, db)
        }
    }

    /// Resets due budgets. The due rows and their next reset are read first, outside the write transaction
    /// (`nextReset` cannot escape into it); the update then re-checks `budget_reset_at <= now`, so a row changed
    /// in between is left for the next run rather than reset twice.
    public func resetBudgets(now: Date, nextReset: @Sendable (_ budgetDuration: String, _ now: Date) -> Date?) async throws -> Int {
        let due = try await withSession { db in
            var due: [DueReset] = []
            for table in ResetTable.all {
                let rows = try await db.raw(
                    """
                    SELECT \(ident: table.idColumn) AS id, budget_duration FROM \(ident: table.name) \
                    WHERE budget_reset_at IS NOT NULL AND budget_reset_at <= \(bind: now.storedValue)
                    """
                ).all()
                for row in rows {
                    due.append(DueReset(table: table, id: try row.string("id"), duration: try row.optional("budget_duration", as: String.self)))
                }
            }
            return due
        }
        guard !due.isEmpty else { return 0 }
        let planned = due.map { item in (item, item.duration.flatMap { nextReset($0, now) }) }
        return try await transaction { db in
            var reset = 0
            for (item, next) in planned {
                let rows = try await db.raw(
                    """
                    UPDATE \(ident: item.table.name) SET spend = 0, budget_reset_at = \(bind: next?.storedValue) \
                    WHERE \(ident: item.table.idColumn) = \(bind: item.id) AND budget_reset_at <= \(bind: now.storedValue) \
                    RETURNING \(ident: item.table.idColumn)
                    """
                ).all()
                guard !rows.isEmpty else { continue }
                reset += 1
                if let kind = item.table.kind {
                    try await db.raw(
                        "DELETE FROM switchyard_model_spend WHERE entity_kind = \(bind: kind.rawValue) AND entity_id = \(bind: item.id)"
                    ).run()
                }
            }
            return reset
        }
    }

    // MARK: Writing

    static func spendLogValues(_ entry: SpendLogEntry) -> SQLQueryString {
        let record = entry.record
        return """
            \(bind: entry.id), \(bind: record.requestID), \(bind: record.callType), \(bind: record.keyHash), \
            \(bind: record.spend), \(bind: record.promptTokens), \(bind: record.completionTokens), \
            \(bind: record.startTime.storedValue), \(bind: record.endTime.storedValue), \
            \(bind: record.completionStartTime?.storedValue), \(bind: record.startTime.utcDay), \(bind: record.model), \
            \(bind: record.modelID), \(bind: record.modelGroup), \(bind: record.apiBase), \(bind: record.userID), \
            \(bind: record.teamID), \(bind: record.customerID), \(bind: record.cacheHit), \(bind: record.status), \
            \(bind: JSONValue.object(record.metadata).jsonString)
            """
    }

    private static func apply(_ totals: SpendTotals, _ db: any SQLDatabase) async throws {
        for kind in EntityKind.allCases {
            let table = ResetTable.table(for: kind)
            for (id, amount) in totals.entities[kind, default: [:]].sorted(by: { $0.key < $1.key }) {
                // RETURNING tells whether the entity exists: a deleted key's late spend must not leave orphan rows.
                let rows = try await db.raw(
                    """
                    UPDATE \(ident: table.name) SET spend = spend + \(bind: amount) \
                    WHERE \(ident: table.idColumn) = \(bind: id) RETURNING \(ident: table.idColumn)
                    """
                ).all()
                guard !rows.isEmpty else { continue }
                let perModel = totals.models[EntityKey(kind: kind, id: id), default: [:]]
                for (group, groupAmount) in perModel.sorted(by: { $0.key < $1.key }) {
                    try await addModelSpend(kind: kind, id: id, group: group, amount: groupAmount, db)
                }
            }
        }
        // A customer is whoever a request names in `user`: created on first spend, as LiteLLM tracks end users.
        for (id, amount) in totals.customers.sorted(by: { $0.key < $1.key }) {
            try await db.raw(
                """
                INSERT INTO switchyard_customers (customer_id, blocked, spend, budget_duration, budget_reset_at, created_at, updated_at, data) \
                VALUES (\(bind: id), \(bind: false), \(bind: amount.spend), NULL, NULL, \(bind: amount.firstSeen.storedValue), \
                \(bind: amount.firstSeen.storedValue), '{}') \
                ON CONFLICT (customer_id) DO UPDATE SET spend = switchyard_customers.spend + excluded.spend
                """
            ).run()
        }
    }
}

/// One entity's id and kind, a key into the per-model totals.
private struct EntityKey: Hashable {
    var kind: EntityKind
    var id: String
}

/// The spend of one batch summed per entity and per entity and model group.
private struct SpendTotals {
    var rows = 0
    var entities: [EntityKind: [String: Double]] = [:]
    var models: [EntityKey: [String: Double]] = [:]
    var customers: [String: (spend: Double, firstSeen: Date)] = [:]

    mutating func add(_ record: SpendLogRecord) {
        rows += 1
        let owners: [(EntityKind, String?)] = [(.key, record.keyHash), (.team, record.teamID), (.user, record.userID)]
        for (kind, id) in owners {
            guard let id, !id.isEmpty else { continue }
            entities[kind, default: [:]][id, default: 0] += record.spend
            models[EntityKey(kind: kind, id: id), default: [:]][record.modelGroup, default: 0] += record.spend
        }
        // LiteLLM's proxy-wide budget (`litellm_settings.max_budget`) is a user row every request pays into; when
        // no budget is configured the row does not exist and the update is a no-op.
        if record.userID != AccessControl.proxyBudgetUserID {
            entities[.user, default: [:]][AccessControl.proxyBudgetUserID, default: 0] += record.spend
        }
        if let customer = record.customerID, !customer.isEmpty {
            let previous = customers[customer] ?? (0, record.startTime)
            customers[customer] = (previous.spend + record.spend, min(previous.firstSeen, record.startTime))
        }
    }
}

/// A table whose rows carry a budget that resets.
struct ResetTable: Sendable {
    var name: String
    var idColumn: String
    var kind: EntityKind?

    static let keys = ResetTable(name: "switchyard_keys", idColumn: "token_hash", kind: .key)
    static let teams = ResetTable(name: "switchyard_teams", idColumn: "team_id", kind: .team)
    static let users = ResetTable(name: "switchyard_users", idColumn: "user_id", kind: .user)
    static let customers = ResetTable(name: "switchyard_customers", idColumn: "customer_id", kind: nil)
    static let all = [keys, teams, users, customers]

    static func table(for kind: EntityKind) -> ResetTable {
        switch kind {
        case .key: keys
        case .team: teams
        case .user: users
        }
    }
}

/// A row whose budget is due to reset.
private struct DueReset: Sendable {
    var table: ResetTable
    var id: String
    var duration: String?
}
