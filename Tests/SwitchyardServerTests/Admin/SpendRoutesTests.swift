import Foundation
import SwitchyardCore
import SwitchyardKeys
import Testing

struct SpendRoutesTests {
    /// 2026-01-10T12:00:00Z.
    static let day1 = Date(timeIntervalSince1970: 1_768_046_400)
    /// 2026-01-11T12:00:00Z.
    static let day2 = day1.addingTimeInterval(86_400)

    static func row(
        _ id: String,
        key: String,
        spend: Double,
        at start: Date,
        model: String = "gpt",
        team: String? = nil,
        user: String? = nil,
        customer: String? = nil
    ) -> SpendLogEntry {
        var record = SpendLogRecord(
            requestID: id,
            callType: "acompletion",
            keyHash: key,
            spend: spend,
            promptTokens: 10,
            completionTokens: 5,
            startTime: start,
            endTime: start.addingTimeInterval(1),
            model: "gpt-4o-2024-08-06",
            modelGroup: model,
            status: "success"
        )
        record.modelID = "d1"
        record.teamID = team
        record.userID = user
        record.customerID = customer
        record.cacheHit = id == "r3"
        return SpendLogEntry(id: "e-\(id)", record: record)
    }

    /// Two teams' keys, three requests over two days.
    static func seed(_ admin: AdminFixture) async throws -> (String, String) {
        _ = try await admin.post("/team/new", #"{"team_id": "t1", "team_alias": "research"}"#)
        _ = try await admin.post("/user/new", #"{"user_id": "ann", "auto_create_key": false}"#)
        let first = try await admin.generateKey(#"{"team_id": "t1", "user_id": "ann"}"#)
        let second = try await admin.generateKey()
        try await admin.store.record([
            row("r1", key: first.hash, spend: 0.5, at: day1, team: "t1", user: "ann", customer: "acme"),
            row("r2", key: second.hash, spend: 0.25, at: day1, model: "claude"),
            row("r3", key: first.hash, spend: 1, at: day2, team: "t1", user: "ann", customer: "acme"),
        ])
        return (first.key, second.hash)
    }

    @Test func listsSpendLogRowsWithLiteLLMsFields() async throws {
        try await AdminFixture.run { admin in
            let (key, _) = try await Self.seed(admin)
            let rows = try #require(try await admin.get("/spend/logs?request_id=r3").json.arrayValue)
            #expect(rows.count == 1)
            let row = try #require(rows.first?.objectValue)
            #expect(row["request_id"] == "r3")
            #expect(row["call_type"] == "acompletion")
            #expect(row["api_key"]?.stringValue == VirtualKey.hash(key))
            #expect(row["spend"] == 1)
            #expect(row["total_tokens"] == 15)
            #expect(row["prompt_tokens"] == 10)
            #expect(row["completion_tokens"] == 5)
            #expect(row["startTime"]?.stringValue.flatMap(ISOTime.parse) == Self.day2)
            #expect(row["endTime"]?.stringValue.flatMap(ISOTime.parse) == Self.day2.addingTimeInterval(1))
            #expect(row["completionStartTime"] == .null)
            #expect(row["model"] == "gpt-4o-2024-08-06")
            #expect(row["model_id"] == "d1")
            #expect(row["model_group"] == "gpt")
            #expect(row["user"] == "ann")
            #expect(row["team_id"] == "t1")
            #expect(row["end_user"] == "acme")
            #expect(row["cache_hit"] == "True")
            #expect(row["status"] == "success")
        }
    }

    @Test func filtersSpendLogsByKeyUserTeamAndDate() async throws {
        try await AdminFixture.run { admin in
            let (key, secondHash) = try await Self.seed(admin)
            func ids(_ query: String) async throws -> Set<String> {
                Set(try await admin.get("/spend/logs?\(query)").json.arrayValue?.compactMap { $0.objectValue?["request_id"]?.stringValue } ?? [])
            }
            #expect(try await ids("api_key=\(key)") == ["r1", "r3"])
            #expect(try await ids("api_key=\(secondHash)") == ["r2"])
            #expect(try await ids("user_id=ann") == ["r1", "r3"])
            #expect(try await ids("team_id=t1&start_date=2026-01-11") == ["r3"])
            #expect(try await ids("start_date=2026-01-10&end_date=2026-01-10&summarize=false") == ["r1", "r2"])
            #expect(try await ids("start_date=2026-01-11T00:00:00Z") == ["r3"])
            let bad = try await admin.get("/spend/logs?start_date=yesterday")
            #expect(bad.status == 400)
            #expect(bad.error("param") == "start_date")
        }
    }

    @Test func summarizesSpendLogsPerDayWhenGivenADateRange() async throws {
        try await AdminFixture.run { admin in
            let (key, secondHash) = try await Self.seed(admin)
            let days = try #require(try await admin.get("/spend/logs?start_date=2026-01-10&end_date=2026-01-12").json.arrayValue)
            #expect(days.compactMap { $0.objectValue?["startTime"]?.stringValue } == ["2026-01-10", "2026-01-11", "2026-01-12"])
            let first = try #require(days.first?.objectValue)
            #expect(first["spend"] == 0.75)
            #expect(first[VirtualKey.hash(key)] == 0.5)
            #expect(first[secondHash] == 0.25)
            #expect(first["users"] == ["ann": 0.5, "null": 0.25])
            #expect(first["models"] == ["gpt-4o-2024-08-06": 0.75])
            #expect(days.last == ["startTime": "2026-01-12", "spend": 0, "users": [:], "models": [:]])
            #expect(try await admin.get("/spend/logs?start_date=2025-01-01&end_date=2025-01-02").json == [])
        }
    }

    @Test func reportsSpendPerDayAndTeamByDefault() async throws {
        try await AdminFixture.run { admin in
            let (key, secondHash) = try await Self.seed(admin)
            let report = try await admin.get("/global/spend/report?start_date=2026-01-10&end_date=2026-01-11")
            #expect(report.status == 200)
            let days = try #require(report.json.arrayValue)
            #expect(days.compactMap { $0.objectValue?["group_by_day"]?.stringValue } == ["2026-01-10", "2026-01-11"])
            let teams = try #require(days.first?.objectValue?["teams"]?.arrayValue)
            #expect(teams.compactMap { $0.objectValue?["team_name"]?.stringValue } == ["Unassigned Team", "research"])
            let research = try #require(teams.last?.objectValue)
            #expect(research["total_spend"] == 0.5)
            #expect(research["metadata"] == [["model": "gpt", "api_key": .string(VirtualKey.hash(key)), "spend": 0.5, "total_tokens": 15]])
            #expect(teams.first?.objectValue?["metadata"]?.arrayValue?.first?.objectValue?["api_key"]?.stringValue == secondHash)
        }
    }

    @Test func reportsSpendPerCustomerKeyAndModel() async throws {
        try await AdminFixture.run { admin in
            let (key, secondHash) = try await Self.seed(admin)
            let customers = try await admin.get("/global/spend/report?start_date=2026-01-10&end_date=2026-01-11&group_by=customer")
            let firstDay = try #require(customers.json.arrayValue?.first?.objectValue?["customers"]?.arrayValue)
            #expect(firstDay.compactMap { $0.objectValue?["customer"] } == [.null, "acme"])
            let keys = try #require(try await admin.get("/global/spend/report?group_by=api_key").json.arrayValue)
            #expect(keys.compactMap { $0.objectValue?["api_key"]?.stringValue } == [VirtualKey.hash(key), secondHash])
            let top = try #require(keys.first?.objectValue)
            #expect(top["total_cost"] == 1.5)
            #expect(top["total_input_tokens"] == 20)
            #expect(top["total_output_tokens"] == 10)
            #expect(top["model_details"] == [["model": "gpt", "total_cost": 1.5, "total_input_tokens": 20, "total_output_tokens": 10]])
            let models = try #require(try await admin.get("/global/spend/report?group_by=model&end_date=2026-01-10").json.arrayValue)
            #expect(models.count == 1)
            let names = models.first?.objectValue?["models"]?.arrayValue?.compactMap { $0.objectValue?["model"]?.stringValue }
            #expect(names == ["claude", "gpt"])
            #expect(try await admin.get("/global/spend/report?group_by=planet").status == 400)
        }
    }
}
