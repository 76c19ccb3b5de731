import Foundation
import SQLKit

extension SQLKeyStore {
    private static let teamColumns = "team_id, blocked, spend, budget_duration, budget_reset_at, created_at, updated_at, data"

    public func insertTeam(_ record: TeamRecord) async throws {
        try await mappingDuplicates("team_id \(record.teamID)") {
            try await transaction { db in
                if try await db.raw("SELECT team_id FROM switchyard_teams WHERE team_id = \(bind: record.teamID)").first() != nil {
                    throw KeyStoreError.duplicate("team_id \(record.teamID)")
                }
                try await db.raw(
                    """
                    INSERT INTO switchyard_teams (\(unsafeRaw: Self.teamColumns)) VALUES (\(bind: record.teamID), \
                    \(bind: record.blocked), \(bind: record.spend), \(bind: record.limits.budgetDuration), \
                    \(bind: record.limits.budgetResetAt?.storedValue), \(bind: record.createdAt.storedValue), \
                    \(bind: record.updatedAt.storedValue), \(bind: RecordData.team(record)))
                    """
                ).run()
                try await Self.insertModelSpend(kind: .team, id: record.teamID, record.modelSpend, db)
            }
        }
    }

    public func team(id: String) async throws -> TeamRecord? {
        try await withSession { db in
            let row = try await db.raw("SELECT \(unsafeRaw: Self.teamColumns) FROM switchyard_teams WHERE team_id = \(bind: id)").first()
            guard let row else { return nil }
            var record = try Self.teamRecord(row)
            record.modelSpend = try await Self.modelSpend(kind: .team, ids: [id], db)[id] ?? [:]
            return record
        }
    }

    public func teams(page: Int, size: Int) async throws -> Page<TeamRecord> {
        let bounds = PageBounds(page: page, size: size)
        return try await withSession { db in
            let total = try await Self.count("switchyard_teams", where: "1 = 1", db)
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.teamColumns) FROM switchyard_teams \
                ORDER BY created_at, team_id LIMIT \(literal: bounds.limit) OFFSET \(literal: bounds.offset)
                """
            ).all()
            var records = try rows.map(Self.teamRecord)
            let spend = try await Self.modelSpend(kind: .team, ids: records.map(\.teamID), db)
            for index in records.indices { records[index].modelSpend = spend[records[index].teamID] ?? [:] }
            return Page(items: records, total: total)
        }
    }

    public func updateTeam(_ record: TeamRecord) async throws {
        let updated = try await withSession { db in
            try await db.raw(
                """
                UPDATE switchyard_teams SET blocked = \(bind: record.blocked), \
                budget_duration = \(bind: record.limits.budgetDuration), \
                budget_reset_at = \(bind: record.limits.budgetResetAt?.storedValue), \
                created_at = \(bind: record.createdAt.storedValue), updated_at = \(bind: record.updatedAt.storedValue), \
                data = \(bind: RecordData.team(record)) WHERE team_id = \(bind: record.teamID) RETURNING team_id
                """
            ).all()
        }
        if updated.isEmpty { throw KeyStoreError.notFound("team \(record.teamID)") }
    }

    public func deleteTeams(ids: [String]) async throws -> [String] {
        try await deleteRows(table: "switchyard_teams", idColumn: "team_id", kind: .team, ids: ids)
    }

    private static func teamRecord(_ row: any SQLRow) throws -> TeamRecord {
        let data = try row.jsonObject("data")
        var record = TeamRecord(teamID: try row.string("team_id"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        record.teamAlias = data["team_alias"]?.stringValue
        record.models = RecordData.strings(data["models"])
        record.limits = RecordData.limits(
            data,
            budgetDuration: try row.optional("budget_duration", as: String.self),
            budgetResetAt: try row.optionalDate("budget_reset_at")
        )
        record.spend = try row.double("spend")
        record.members = RecordData.members(data["members_with_roles"])
        record.metadata = data["metadata"]?.objectValue ?? [:]
        record.blocked = try row.bool("blocked")
        return record
    }
}
