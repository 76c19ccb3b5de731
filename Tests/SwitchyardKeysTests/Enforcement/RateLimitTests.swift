import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

@Suite struct RateLimitTests {
    @Test func refusesTheRequestOverTheRPMLimitWithRetryAfterAndHeaders() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.rpmLimit = 2 }
            _ = try await h.admit(key)
            _ = try await h.admit(key)
            let error = try #require(await h.refusal { () async throws(GatewayError) in try await h.admit(key) })
            #expect(error.status == 429)
            #expect(error.code == "rate_limit_exceeded")
            // The clock stands 20 s before the minute ends.
            #expect(error.retryAfter == 20)
            #expect(error.headers["x-ratelimit-limit-requests"] == "2")
            #expect(error.headers["x-ratelimit-remaining-requests"] == "0")
            #expect(error.headers["x-ratelimit-reset-requests"] == "20s")
        }
    }

    @Test func aNewMinuteAdmitsAgain() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.rpmLimit = 1 }
            _ = try await h.admit(key)
            h.clock.advance(19)
            #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(key) }?.status == 429)
            h.clock.advance(1)
            _ = try await h.admit(key)
        }
    }

    @Test func aRefusedRequestTakesNoSlotAtAnyLevel() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") { $0.limits.rpmLimit = 3 }
            let limited = try await h.addKey(team: "team-1") { $0.limits.rpmLimit = 1 }
            let free = try await h.addKey(team: "team-1")
            _ = try await h.admit(limited)
            for _ in 0..<5 { #expect(await h.refusal { () async throws(GatewayError) in try await h.admit(limited) }?.status == 429) }
            // Only the first request counted against the team: two more fit.
            _ = try await h.admit(free)
            _ = try await h.admit(free)
            let error = await h.refusal { () async throws(GatewayError) in try await h.admit(free) }
            #expect(error?.message.contains("team=team-1") == true)
        }
    }

    @Test func countsTokensAddedByFinishedRequestsAgainstTheTPMLimit() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.tpmLimit = 100 }
            await h.finish(try await h.admit(key), promptTokens: 60, completionTokens: 39)
            await h.finish(try await h.admit(key), promptTokens: 1)
            let error = try #require(await h.refusal { () async throws(GatewayError) in try await h.admit(key) })
            #expect(error.status == 429)
            #expect(error.headers["x-ratelimit-limit-tokens"] == "100")
            #expect(error.headers["x-ratelimit-remaining-tokens"] == "0")
            h.clock.advance(20)
            _ = try await h.admit(key)
        }
    }

    @Test func maxParallelRequestsIsReleasedWhenARequestFinishes() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.maxParallelRequests = 2 }
            let first = try await h.admit(key)
            _ = try await h.admit(key)
            let error = try #require(await h.refusal { () async throws(GatewayError) in try await h.admit(key) })
            #expect(error.status == 429)
            #expect(error.code == "max_parallel_requests")
            #expect(error.retryAfter == 1)
            #expect(error.headers["x-ratelimit-limit-parallel-requests"] == "2")
            await h.finish(first)
            _ = try await h.admit(key)
        }
    }

    @Test func anAdmissionCarriesTheTightestLimitsAsHeaders() async throws {
        try await EnforcementHarness.run { h in
            try await h.addTeam("team-1") {
                $0.limits.rpmLimit = 5
                $0.limits.tpmLimit = 1000
            }
            let key = try await h.addKey(team: "team-1") {
                $0.limits.rpmLimit = 10
                $0.limits.tpmLimit = 5000
            }
            let first = try await h.admit(key)
            #expect(first.header("x-ratelimit-limit-requests") == "5")
            #expect(first.header("x-ratelimit-remaining-requests") == "4")
            #expect(first.header("x-ratelimit-reset-requests") == "20s")
            #expect(first.header("x-ratelimit-limit-tokens") == "1000")
            #expect(first.header("x-ratelimit-remaining-tokens") == "1000")
            #expect(first.header("x-ratelimit-reset-tokens") == "20s")
            await h.finish(first, promptTokens: 300)
            h.clock.advance(5)
            let second = try await h.admit(key)
            #expect(second.header("x-ratelimit-remaining-requests") == "3")
            #expect(second.header("x-ratelimit-remaining-tokens") == "700")
            #expect(second.header("x-ratelimit-reset-requests") == "15s")
        }
    }

    @Test func anAdmissionWithoutRateLimitsCarriesNoHeaders() async throws {
        try await EnforcementHarness.run { h in
            let key = try await h.addKey { $0.limits.maxBudget = 10 }
            #expect(try await h.admit(key).headers.isEmpty)
        }
    }
}
