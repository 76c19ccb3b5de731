import Foundation
import HTTPTypes
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardServer
import Testing

/// What an LLM request with a virtual key costs, and the limits that stop it.
@Suite struct MeteringTests {
    /// gpt-4o: $2.50 per million input tokens, $10 per million output tokens; the answer used 3 + 1.
    static let answerCost = 3 * 2.5e-6 + 1 * 10e-6

    @Test func answersCarryTheirCostAndWriteASpendLogRow() async throws {
        try await MeteringFixture.run { fixture in
            let (key, hash) = try await fixture.key()
            let answer = try await fixture.chat(key)
            #expect(answer.status == 200)
            let cost = try #require(answer.headers[named: "x-litellm-response-cost"].flatMap(Double.init))
            #expect(abs(cost - Self.answerCost) < 1e-12)
            let rows = try await fixture.rows(of: hash)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.promptTokens == 3 && row.completionTokens == 1)
            #expect(abs(row.spend - Self.answerCost) < 1e-12)
            #expect(row.modelGroup == "gpt" && row.modelID == "d1" && row.status == "success" && row.callType == "acompletion")
            #expect(abs((try await fixture.store.key(hash: hash)?.spend ?? 0) - Self.answerCost) < 1e-12)
        }
    }

    @Test func aKeyOverItsBudgetIsRefusedWithBudgetExceeded() async throws {
        try await MeteringFixture.run { fixture in
            let (key, _) = try await fixture.key { $0.limits.maxBudget = Self.answerCost / 2 }
            #expect(try await fixture.chat(key).status == 200)
            let refused = try await fixture.chat(key)
            #expect(refused.status == 400)
            #expect(refused.body.contains("\"type\":\"budget_exceeded\""))
            #expect(fixture.transport.requests.withLock { $0.count } == 1)
        }
    }

    @Test func theRPMLimitAnswers429WithRateLimitHeaders() async throws {
        try await MeteringFixture.run { fixture in
            let (key, _) = try await fixture.key { $0.limits.rpmLimit = 2 }
            let first = try await fixture.chat(key)
            #expect(first.headers[named: "x-ratelimit-limit-requests"] == "2")
            #expect(first.headers[named: "x-ratelimit-remaining-requests"] == "1")
            #expect(try await fixture.chat(key).status == 200)
            let refused = try await fixture.chat(key)
            #expect(refused.status == 429)
            #expect(refused.headers[.retryAfter] != nil)
            #expect(refused.headers[named: "x-ratelimit-remaining-requests"] == "0")
        }
    }

    @Test func aBlockedKeyIsRefusedAtOnceAfterInvalidation() async throws {
        try await MeteringFixture.run { fixture in
            let (key, hash) = try await fixture.key()
            #expect(try await fixture.chat(key).status == 200)
            var record = try #require(try await fixture.store.key(hash: hash))
            record.blocked = true
            try await fixture.store.updateKey(record)
            fixture.access.invalidateKey(hash: hash)
            #expect(try await fixture.chat(key).status == 401)
        }
    }

    @Test func aKeyLimitedToOtherModelsGets401NamingTheModel() async throws {
        try await MeteringFixture.run { fixture in
            let (key, hash) = try await fixture.key { $0.models = ["other"] }
            let refused = try await fixture.chat(key)
            #expect(refused.status == 401)
            #expect(refused.body.contains("Tried to access gpt"))
            #expect(try await fixture.rows(of: hash).isEmpty)
        }
    }
}
