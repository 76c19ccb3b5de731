import Foundation
import Logging
import Testing

@testable import SwitchyardKeys

@Suite struct SpendWriterTests {
    private static func row(_ index: Int, key: String = "hash-a", spend: Double = 0.25) -> SpendLogRecord {
        let start = Date(timeIntervalSince1970: 1_750_000_000 + Double(index))
        return SpendLogRecord(
            requestID: "req-\(index)",
            callType: "completion",
            keyHash: key,
            spend: spend,
            promptTokens: 10,
            completionTokens: 5,
            startTime: start,
            endTime: start.addingTimeInterval(1),
            model: "gpt-4o-2024-08-06",
            modelGroup: "gpt-4o",
            status: "success"
        )
    }

    /// A writer over a fresh store holding the key `hash-a`.
    private static func withWriter(
        batchSize: Int = 500,
        capacity: Int = 200_000,
        _ body: (SpendWriter, SwitchableKeyStore) async throws -> Void
    ) async throws {
        try await EnforcementHarness.run { h in
            try await h.sql.insertKey(KeyRecord(tokenHash: "hash-a", keyName: "sk-...abcd", createdAt: h.clock.now))
            let writer = SpendWriter(store: h.store, logger: EnforcementHarness.logger, batchSize: batchSize, capacity: capacity)
            try await body(writer, h.store)
        }
    }

    @Test func enqueueOnlyBuffersUntilAFlush() async throws {
        try await Self.withWriter { (writer, store) async throws in
            for index in 0..<3 { writer.enqueue(Self.row(index)) }
            #expect(writer.pendingCount == 3)
            #expect(store.recordCalls == 0)
            #expect(try await store.inner.spendLogs(SpendLogFilter()).isEmpty)
        }
    }

    @Test func flushWritesEverythingInBatches() async throws {
        try await Self.withWriter(batchSize: 2) { (writer, store) async throws in
            for index in 0..<5 { writer.enqueue(Self.row(index)) }
            #expect(await writer.flush())
            #expect(store.recordCalls == 3)
            #expect(writer.pendingCount == 0)
            #expect(try await store.inner.spendLogs(SpendLogFilter()).count == 5)
            #expect(try await store.inner.key(hash: "hash-a")?.spend == 1.25)
            #expect(await writer.flush())
            #expect(store.recordCalls == 3)
        }
    }

    @Test func rowsStayQueuedWhileTheStoreIsDownAndAreWrittenWhenItReturns() async throws {
        try await Self.withWriter(batchSize: 2) { (writer, store) async throws in
            for index in 0..<3 { writer.enqueue(Self.row(index)) }
            store.mode = .down
            #expect(await writer.flush() == false)
            #expect(await writer.flush() == false)
            #expect(writer.pendingCount == 3)
            writer.enqueue(Self.row(3))
            store.mode = .up
            #expect(await writer.flush())
            #expect(writer.pendingCount == 0)
            #expect(try await store.inner.spendLogs(SpendLogFilter()).count == 4)
            #expect(try await store.inner.key(hash: "hash-a")?.spend == 1)
        }
    }

    @Test func aBatchWhoseCommitReplyWasLostCountsOnce() async throws {
        try await Self.withWriter { (writer, store) async throws in
            for index in 0..<4 { writer.enqueue(Self.row(index)) }
            store.mode = .loseSpendReplies
            #expect(await writer.flush() == false)
            #expect(writer.pendingCount == 4)
            store.mode = .up
            #expect(await writer.flush())
            #expect(store.recordedRows == 8)
            #expect(try await store.inner.spendLogs(SpendLogFilter()).count == 4)
            #expect(try await store.inner.key(hash: "hash-a")?.spend == 1)
        }
    }

    @Test func rowsWithTheSameRequestIDAreStillDistinctRows() async throws {
        try await Self.withWriter { (writer, store) async throws in
            // Clients choose their own x-request-id, so two requests may share one.
            writer.enqueue(Self.row(1))
            writer.enqueue(Self.row(1))
            #expect(await writer.flush())
            #expect(try await store.inner.key(hash: "hash-a")?.spend == 0.5)
        }
    }

    @Test func aFullBufferDropsTheOldestRowsAndCountsThem() async throws {
        try await Self.withWriter(capacity: 3) { (writer, store) async throws in
            store.mode = .down
            for index in 0..<5 { writer.enqueue(Self.row(index)) }
            #expect(writer.pendingCount == 3)
            #expect(writer.droppedCount == 2)
            store.mode = .up
            #expect(await writer.flush())
            let written = try await store.inner.spendLogs(SpendLogFilter()).map(\.requestID).sorted()
            #expect(written == ["req-2", "req-3", "req-4"])
        }
    }

    @Test func runFlushesOnCancellation() async throws {
        try await Self.withWriter { (writer, store) async throws in
            writer.enqueue(Self.row(1))
            let task = Task { await writer.run(interval: 3600) }
            task.cancel()
            await task.value
            #expect(writer.pendingCount == 0)
            #expect(try await store.inner.spendLogs(SpendLogFilter()).count == 1)
        }
    }

    @Test func twoFlushesAtOnceWriteTotalsOnce() async throws {
        try await EnforcementHarness.run { harness in
            let key = try await harness.addKey()
            let hash = VirtualKey.hash(key)
            let writer = SpendWriter(store: harness.sql, logger: EnforcementHarness.logger, keepsRows: false)
            for _ in 0..<50 {
                writer.enqueue(
                    SpendLogRecord(
                        requestID: "r", callType: "acompletion", keyHash: hash, spend: 0.01, promptTokens: 1, completionTokens: 1,
                        startTime: harness.clock.now, endTime: harness.clock.now, model: "m", modelGroup: "g", status: "success"))
            }
            async let first = writer.flush()
            async let second = writer.flush()
            _ = await (first, second)
            let stored = try #require(try await harness.sql.key(hash: hash))
            #expect(abs(stored.spend - 0.5) < 1e-9)
        }
    }
}
