import Foundation
import SQLKit

extension TeamRecord: StoredRecord {
    static let table = "switchyard_teams"
    static let idColumn = "team_id"
    static let noun = "team"
    static let modelSpendKind: EntityKind? = .team
    static let columns = ["team_id", "blocked", "spend", "budget_duration", "budget_reset_at", "created_at", "updated_at", "data"]

    var storedID: String { teamID }

    var storedFields: [(column: String, value: any Encodable & Sendable)] {
        [
            ("blocked", blocked), ("budget_duration", limits.budgetDuration),
            ("budget_reset_at", limits.budgetResetAt?.storedValue), ("data", RecordData.team(self)),
        ]
    }

    static func decode(_ row: any SQLRow) throws -> TeamRecord {
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

extension SQLKeyStore {
    public func insertTeam(_ record: TeamRecord) async throws { try await insert(record) }

    public func team(id: String) async throws -> TeamRecord? { try await fetch(TeamRecord.self, id: id) }

    public func teams(page: Int, size: Int) async throws -> Page<TeamRecord> { try await self.page(TeamRecord.self, page: page, size: size) }

    public func updateTeam(_ record: TeamRecord) async throws { try await update(record) }

    public func deleteTeams(ids: [String]) async throws -> [String] {
        try await deleteRows(table: TeamRecord.table, idColumn: TeamRecord.idColumn, kind: .team, ids: ids)
    }
}
