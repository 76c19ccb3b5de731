import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

/// `disable_spend_logs`: spend still reaches the totals, no row is stored.
struct SpendTotalsOnlyTests {
    @Test func aWriterWithoutRowsAddsSpendToTheKeyButStoresNoRow() async throws {
        try await EnforcementHarness.run { harness in
            let key = try await harness.addKey()
            let hash = VirtualKey.hash(key)
            let writer = SpendWriter(store: harness.sql, logger: EnforcementHarness.logger, keepsRows: false)
            let row = SpendLogRecord(
                requestID: "r", callType: "acompletion", keyHash: hash, spend: 0.5, promptTokens: 1, completionTokens: 1,
                startTime: harness.clock.now, endTime: harness.clock.now, model: "m", modelGroup: "g", status: "success")
            writer.enqueue(row)
            writer.enqueue(row)
            #expect(await writer.flush())
            let stored = try #require(try await harness.sql.key(hash: hash))
            #expect(abs(stored.spend - 1.0) < 1e-9)
            #expect(stored.modelSpend["g"].map { abs($0 - 1.0) < 1e-9 } == true)
            var filter = SpendLogFilter()
            filter.keyHash = hash
            let rows = try await harness.sql.spendLogs(filter)
            #expect(rows.isEmpty)
        }
    }
}
