import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct SpendLogTests {
    @Test func finishWritesASpendLogRowWithWhoPaidAndWhatItCost() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1")
            try await h.addUser("user-1")
            let key = try await h.addKey(team: "team-1", user: "user-1")
            let admission = try await h.admit(key, model: "gpt-4o", customer: "cust-1")
            h.clock.advance(2)
            var outcome = RequestOutcome(requestID: "req-42", callType: "completion", model: "gpt-4o-2024-08-06")
            outcome.deploymentID = "dep-1"
            outcome.apiBase = "https://api.openai.com/v1"
            outcome.promptTokens = 10
            outcome.completionTokens = 5
            outcome.cost = 0.02
            outcome.firstTokenAt = EnforcementClock.start.addingTimeInterval(1)
            await h.access.finish(admission, outcome: outcome)
            #expect(try await h.sql.spendLogs(SpendLogFilter()).isEmpty)
            #expect(await h.access.spendWriter.flush())

            var filter = SpendLogFilter()
            filter.requestID = "req-42"
            let row = try #require(try await h.sql.spendLogs(filter).first)
            #expect(row.keyHash == VirtualKey.hash(key))
            #expect(row.teamID == "team-1")
            #expect(row.userID == "user-1")
            #expect(row.customerID == "cust-1")
            #expect(row.modelGroup == "gpt-4o")
            #expect(row.model == "gpt-4o-2024-08-06")
            #expect(row.modelID == "dep-1")
            #expect(row.apiBase == "https://api.openai.com/v1")
            #expect(row.callType == "completion")
            #expect(row.promptTokens == 10)
            #expect(row.completionTokens == 5)
            #expect(row.spend == 0.02)
            #expect(row.status == "success")
            #expect(row.startTime == EnforcementClock.start)
            #expect(row.endTime == EnforcementClock.start.addingTimeInterval(2))
            #expect(row.completionStartTime == EnforcementClock.start.addingTimeInterval(1))
            #expect(row.cacheHit == false)

            #expect(try await h.sql.key(hash: VirtualKey.hash(key))?.spend == 0.02)
            #expect(try await h.sql.team(id: "team-1")?.spend == 0.02)
            #expect(try await h.sql.user(id: "user-1")?.spend == 0.02)
            #expect(try await h.sql.customer(id: "cust-1")?.spend == 0.02)
        }
    }

    @Test func aFailedRequestIsLoggedAsAFailureWithItsErrorKind() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey()
            let admission = try await h.admit(key, model: "claude")
            var outcome = RequestOutcome(requestID: "req-failed", callType: "completion", model: "claude-sonnet")
            outcome.errorKind = "timeout"
            outcome.cacheHit = false
            await h.access.finish(admission, outcome: outcome)
            #expect(await h.access.spendWriter.flush())
            let row = try #require(try await h.sql.spendLogs(SpendLogFilter()).first)
            #expect(row.status == "failure")
            #expect(row.metadata["error"] == .string("timeout"))
            #expect(row.spend == 0)
            #expect(row.modelGroup == "claude")
        }
    }

    @Test func theMasterKeysRequestsAreLoggedWithAnEmptyKeyHash() async throws {
        try await EnforcementHarness.run { h in
            let admission = try await h.access.admit(.master, model: "gpt-4o", customerID: nil)
            var outcome = RequestOutcome(requestID: "req-master", callType: "embedding", model: "text-embedding-3-small")
            outcome.cacheHit = true
            await h.access.finish(admission, outcome: outcome)
            #expect(await h.access.spendWriter.flush())
            let row = try #require(try await h.sql.spendLogs(SpendLogFilter()).first)
            #expect(row.keyHash == "")
            #expect(row.teamID == nil)
            #expect(row.cacheHit)
            #expect(row.callType == "embedding")
        }
    }
}
