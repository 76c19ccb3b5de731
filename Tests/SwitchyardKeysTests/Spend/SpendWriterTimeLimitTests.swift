import Foundation
import Logging
import Testing

@testable import SwitchyardKeys

/// A spend write that never returns (a connection gone silent) neither stops the writer nor keeps a
/// stopping gateway from exiting.
@Suite struct SpendWriterTimeLimitTests {
    private static func row(_ index: Int) -> SpendLogRecord {
        let start = Date(timeIntervalSince1970: 1_750_000_000 + Double(index))
        return SpendLogRecord(
            requestID: "req-\(index)",
            callType: "completion",
            keyHash: "hash-a",
            spend: 0.25,
            promptTokens: 10,
            completionTokens: 5,
            startTime: start,
            endTime: start.addingTimeInterval(1),
            model: "gpt-4o-2024-08-06",
            modelGroup: "gpt-4o",
            status: "success"
        )
    }

    /// A writer whose store holds the key `hash-a` and answers no spend write.
    private static func withHungWriter(
        writeTimeLimit: Duration,
        shutdownTimeLimit: Duration,
        _ body: (SpendWriter, SwitchableKeyStore) async throws -> Void
    ) async throws {
        try await EnforcementHarness.run { h in
            try await h.sql.insertKey(KeyRecord(tokenHash: "hash-a", keyName: "sk-...abcd", createdAt: h.clock.now))
            let writer = SpendWriter(
                store: h.store,
                logger: EnforcementHarness.logger,
                writeTimeLimit: writeTimeLimit,
                shutdownTimeLimit: shutdownTimeLimit
            )
            h.store.mode = .hangSpendWrites
            do {
                try await body(writer, h.store)
            } catch {
                h.store.releaseHungWrites()
                throw error
            }
            h.store.releaseHungWrites()
        }
    }

    @Test func flushGivesUpOnAWriteThatNeverReturnsAndTheRowsAreWrittenLater() async throws {
        // A second per write: long enough for a real SQLite write on a machine busy with the whole suite (at
        // 200 ms, no write of 50 finished in time once, during a full parallel run).
        try await Self.withHungWriter(writeTimeLimit: .seconds(1), shutdownTimeLimit: .seconds(10)) { (writer, store) async throws in
            writer.enqueue(Self.row(1))
            let clock = ContinuousClock()
            var flushed = true
            let waited = await clock.measure { flushed = await writer.flush() }
            #expect(flushed == false)
            #expect(waited < .seconds(5))
            #expect(writer.pendingCount == 1)

            store.mode = .up
            // The real write must also finish within the limit; on a loaded machine (the suite runs
            // in parallel) one may not, and the writer's answer to that is to try again, as here.
            var written = await writer.flush()
            for _ in 0..<50 where !written {
                try await Task.sleep(for: .milliseconds(100))
                written = await writer.flush()
            }
            #expect(written)
            #expect(writer.pendingCount == 0)
            #expect(try await store.inner.spendLogs(SpendLogFilter()).count == 1)
            #expect(try await store.inner.key(hash: "hash-a")?.spend == 0.25)
        }
    }

    @Test func runStopsWithinTheShutdownLimitWhenCancelledDuringAWriteThatNeverReturns() async throws {
        try await Self.withHungWriter(writeTimeLimit: .seconds(3600), shutdownTimeLimit: .milliseconds(300)) { (writer, store) async throws in
            writer.enqueue(Self.row(1))
            let task = Task { await writer.run(interval: 0.01) }
            let clock = ContinuousClock()
            let start = clock.now
            while store.recordCalls == 0, clock.now - start < .seconds(10) {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(store.recordCalls == 1)

            let stopped = await clock.measure {
                task.cancel()
                await task.value
            }
            #expect(stopped < .seconds(5))
            // The final flush tried again, within the limit, and the row is still queued rather than lost.
            #expect(store.recordCalls == 2)
            #expect(writer.pendingCount == 1)
        }
    }

    @Test func aTimeLimitPassesOnTheResultOrErrorOfAnOperationThatFinishesInTime() async throws {
        #expect(try await TimeLimit.run(.seconds(10)) { 42 } == 42)
        await #expect(throws: SwitchableKeyStore.Outage.self) {
            try await TimeLimit.run(.seconds(10)) { throw SwitchableKeyStore.Outage() }
        }
    }

    @Test func aTimeLimitEndsTheWaitWhenTheCallerIsCancelled() async throws {
        let release = AsyncStream<Void>.makeStream()
        let task = Task {
            try await TimeLimit.run(.seconds(3600)) {
                // Deaf to cancellation: only the end of the stream ends it.
                for await _ in release.stream {}
            }
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        release.continuation.finish()
    }
}
