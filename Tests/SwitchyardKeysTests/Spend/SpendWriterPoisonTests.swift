import Foundation
import SwitchyardCore
import Testing

@testable import SwitchyardKeys

/// A row the database refuses on its own does not hold the rest of the queue back forever.
struct SpendWriterPoisonTests {
    static func row(_ requestID: String, at date: Date) -> SpendLogRecord {
        SpendLogRecord(
            requestID: requestID, callType: "acompletion", keyHash: "", spend: 0.1, promptTokens: 1, completionTokens: 1,
            startTime: date, endTime: date, model: "m", modelGroup: "g", status: "success")
    }

    @Test func aRefusedRowIsDroppedAfterRepeatedFailuresAndTheOthersAreWritten() async throws {
        try await EnforcementHarness.run { harness in
            harness.store.mode = .refuseRequestID("poison")
            let writer = SpendWriter(store: harness.store, logger: EnforcementHarness.logger)
            for id in ["a", "poison", "b"] { writer.enqueue(Self.row(id, at: harness.clock.now)) }
            for _ in 1..<SpendWriter.isolateAfterFailures { #expect(await writer.flush() == false) }
            #expect(await writer.flush())
            #expect(writer.pendingCount == 0)
            #expect(writer.poisonedCount == 1)
            let rows = try await harness.sql.spendLogs(SpendLogFilter())
            #expect(Set(rows.map(\.requestID)) == ["a", "b"])
        }
    }

    @Test func nothingIsDroppedWhileTheDatabaseRefusesEveryRow() async throws {
        try await EnforcementHarness.run { harness in
            harness.store.mode = .down
            let writer = SpendWriter(store: harness.store, logger: EnforcementHarness.logger)
            for id in ["a", "b"] { writer.enqueue(Self.row(id, at: harness.clock.now)) }
            for _ in 0..<(2 * SpendWriter.isolateAfterFailures) { #expect(await writer.flush() == false) }
            #expect(writer.pendingCount == 2)
            #expect(writer.poisonedCount == 0)
            harness.store.mode = .up
            #expect(await writer.flush())
            #expect(writer.pendingCount == 0)
        }
    }
}
