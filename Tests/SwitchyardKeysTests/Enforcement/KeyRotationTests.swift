import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

/// A regenerated key keeps its spend: what was queued, what was in flight, and its budget counter.
struct KeyRotationTests {
    @Test func spendOfRequestsInFlightDuringARotationGoesToTheNewKey() async throws {
        try await EnforcementHarness.run { harness in
            let key = try await harness.addKey { $0.limits.maxBudget = 1 }
            let oldHash = VirtualKey.hash(key)
            let queued = try await harness.admit(key)
            await harness.finish(queued, cost: 0.25)
            let inFlight = try await harness.admit(key)

            await harness.access.spendWriter.flush()
            var record = try #require(try await harness.sql.key(hash: oldHash))
            let newKey = VirtualKey.generate()
            record.tokenHash = VirtualKey.hash(newKey)
            record.keyName = VirtualKey.displayName(newKey)
            try await harness.sql.replaceKey(oldHash: oldHash, with: record)
            await harness.access.keyReplaced(oldHash: oldHash, with: record)
            await harness.finish(inFlight, cost: 0.5)
            await harness.access.spendWriter.flush()

            let stored = try #require(try await harness.sql.key(hash: record.tokenHash))
            #expect(abs(stored.spend - 0.75) < 1e-9)
            // The new key's budget counter starts where the old one stood, not at the stored 0.25.
            let next = try await harness.admit(newKey)
            await harness.finish(next, cost: 0.3)
            let refusal = await harness.refusal { () async throws(GatewayError) in try await harness.admit(newKey) }
            #expect(refusal?.kind == .budgetExceeded)
            let old = await harness.refusal { () async throws(GatewayError) in try await harness.admit(key) }
            #expect(old?.kind == .authentication)
        }
    }

    @Test func rowsQueuedUnderTheOldHashAreWrittenUnderTheNewOne() async throws {
        try await EnforcementHarness.run { harness in
            let writer = harness.access.spendWriter
            let row = SpendLogRecord(
                requestID: "r", callType: "acompletion", keyHash: "old", spend: 1, promptTokens: 1, completionTokens: 1,
                startTime: harness.clock.now, endTime: harness.clock.now, model: "m", modelGroup: "g", status: "success")
            writer.enqueue(row)
            writer.redirect(keyHash: "old", to: "new")
            writer.enqueue(row)
            await writer.flush()
            var filter = SpendLogFilter()
            filter.keyHash = "new"
            let rows = try await harness.sql.spendLogs(filter)
            #expect(rows.count == 2)
        }
    }
}
