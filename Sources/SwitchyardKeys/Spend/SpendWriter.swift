import Foundation
import Logging
import NIOCore
import Synchronization

/// Writes spend log rows (and the spend totals they add to) in batches, off the request path.
///
/// Requests only append to a buffer; ``run(interval:)`` writes it every `interval` (1 s by default)
/// in one transaction and once more on shutdown. A failed write keeps its rows at the head of the
/// buffer and is retried with backoff, so a database outage delays spend but neither loses it nor
/// slows requests. Rows are written at most once: each carries a unique id the store skips if seen.
public final class SpendWriter: Sendable {
    private struct State {
        /// A ring buffer: rows leave from the front as they are written, in O(1) each.
        var pending = CircularBuffer<SpendLogEntry>(initialCapacity: 1024)
        /// Regenerated keys: spend of the old hash goes to the new one.
        var renamed: [String: String] = [:]
        var dropped = 0
        var failures = 0
        /// Rows the database refused on their own while it accepted others (dropped).
        var poisoned = 0
    }

    private let store: any KeyStore
    private let logger: Logger
    private let state = Mutex(State())
    private let flushing = Mutex(false)
    /// Most rows a write carries.
    let batchSize: Int
    /// Most rows held while the database is unreachable; beyond it the oldest are dropped (and counted).
    let capacity: Int
    /// Longest wait for one write: a write still running then counts as failed and is retried later. It is
    /// abandoned, not awaited, so a write that never returns cannot stop the writer.
    let writeTimeLimit: Duration
    /// Where writes run (`nil`: wherever the caller runs); the gateway uses ``BackgroundThreads/sqliteExecutor``
    /// for SQLite so that a batch's CPU work stays off the event loops.
    let executor: (any TaskExecutor)?
    /// Called on ``executor``'s thread before each write with the rows waiting: lets the thread's scheduling
    /// follow the backlog (``BackgroundThreads/pace(backlog:)``).
    let pacing: (@Sendable (_ backlog: Int) -> Void)?
    /// `false` with `general_settings.disable_spend_logs`: only the totals are written.
    let keepsRows: Bool
    /// Longest time the last flush on shutdown may take, so that a stopping gateway always exits.
    let shutdownTimeLimit: Duration
    private let ids = EntryIDs()

    /// A writer to `store`.
    public init(
        store: any KeyStore,
        logger: Logger,
        batchSize: Int = 500,
        capacity: Int = 200_000,
        writeTimeLimit: Duration = .seconds(15),
        shutdownTimeLimit: Duration = .seconds(10),
        executor: (any TaskExecutor)? = nil,
        pacing: (@Sendable (_ backlog: Int) -> Void)? = nil,
        keepsRows: Bool = true
    ) {
        self.executor = executor
        self.pacing = pacing
        self.keepsRows = keepsRows
        self.store = store
        self.logger = logger
        self.batchSize = batchSize
        self.capacity = capacity
        self.writeTimeLimit = writeTimeLimit
        self.shutdownTimeLimit = shutdownTimeLimit
    }

    /// Queues a row; never waits.
    public func enqueue(_ record: SpendLogRecord) {
        var entry = SpendLogEntry(id: ids.next(), record: record)
        let dropped = state.withLock { state -> Bool in
            if let renamed = state.renamed[entry.record.keyHash] { entry.record.keyHash = renamed }
            state.pending.append(entry)
            guard state.pending.count > capacity else { return false }
            state.pending.removeFirst(state.pending.count - capacity)
            state.dropped += 1
            return true
        }
        if dropped { logger.error("spend buffer full while the database is unavailable; oldest spend log row dropped") }
    }

    /// Sends the spend of a regenerated key's old hash to its new hash: rows still queued now, and rows
    /// of requests that were in flight during the rotation and end later.
    public func redirect(keyHash oldHash: String, to newHash: String) {
        state.withLock { state in
            state.renamed[oldHash] = newHash
            for (old, new) in state.renamed where new == oldHash { state.renamed[old] = newHash }
            for index in state.pending.indices where state.pending[index].record.keyHash == oldHash {
                state.pending[index].record.keyHash = newHash
            }
        }
    }

    /// Rows waiting to be written.
    public var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Rows the database refused alone while it accepted the rest of their batch (dropped, logged).
    public var poisonedCount: Int { state.withLock { $0.poisoned } }

    /// Rows dropped because the buffer was full (the database was unavailable for too long).
    public var droppedCount: Int { state.withLock { $0.dropped } }

    /// Writes everything queued so far, batch by batch; returns false when a write failed, took longer
    /// than the write time limit, or the caller was cancelled (the rows stay queued).
    @discardableResult
    public func flush() async -> Bool {
        await flush(until: nil)
    }

    /// The last flush before the store closes: like ``flush()``, but done within the shutdown time limit
    /// (10 s by default) whatever the database does, and not cut short by the caller's cancellation.
    @discardableResult
    public func finalFlush() async -> Bool {
        let deadline = ContinuousClock.now + shutdownTimeLimit
        // An unstructured task: the caller is usually being cancelled, and `value` does not pass that on.
        return await Task { await self.flush(until: deadline) }.value
    }

    private func flush(until deadline: ContinuousClock.Instant?) async -> Bool {
        // One flush at a time (the run loop's and, say, a key rotation's): two would take the same front
        // rows, and without rows (`disable_spend_logs`) nothing would tell the second write to skip them.
        while !startFlushing() {
            if Task.isCancelled || deadline.map({ ContinuousClock.now >= $0 }) == true { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        defer { flushing.withLock { $0 = false } }
        return await flushBatches(until: deadline)
    }

    /// Takes the flush turn if nobody holds it.
    private func startFlushing() -> Bool {
        flushing.withLock { busy in
            if busy { return false }
            busy = true
            return true
        }
    }

    private func flushBatches(until deadline: ContinuousClock.Instant?) async -> Bool {
        while true {
            let batch = state.withLock { Array($0.pending.prefix(batchSize)) }
            if batch.isEmpty { return true }
            var limit = writeTimeLimit
            if let deadline {
                let left = deadline - .now
                guard left > .zero else { return false }
                limit = min(limit, left)
            }
            do {
                try await write(batch, limit: limit)
            } catch is CancellationError where Task.isCancelled {
                return false
            } catch {
                let failures = state.withLock { state -> Int in
                    state.failures += 1
                    return state.failures
                }
                if failures == 1 || failures % 30 == 0 {
                    logger.error(
                        "spend write failed; will retry",
                        metadata: ["rows": "\(batch.count)", "failures": "\(failures)", "error": "\(String(describing: error).prefix(200))"]
                    )
                }
                // A batch that keeps failing while the database may be fine could hold one row it refuses:
                // try the rows one by one, so that the others are not held back forever.
                guard failures % Self.isolateAfterFailures == 0, batch.count > 1, await isolate(batch, limit: limit) else { return false }
            }
            state.withLock { state in
                // The batch was the front of the queue; rows only leave from the front (written, or dropped
                // when the buffer overflowed meanwhile), so the written ones are still a prefix of it.
                let written = Set(batch.map(\.id))
                while let first = state.pending.first, written.contains(first.id) { state.pending.removeFirst() }
                if state.failures > 0 { state.failures = 0 }
            }
        }
    }

    /// Consecutive failures of a batch after which its rows are written one by one.
    static let isolateAfterFailures = 3

    /// One write of `batch`, within `limit`. A write abandoned at the limit may still commit: its rows'
    /// ids make the retry skip them.
    private func write(_ batch: [SpendLogEntry], limit: Duration) async throws {
        let backlog = pendingCount
        try await TimeLimit.run(limit) { [store, executor, pacing, keepsRows] in
            try await withTaskExecutorPreference(executor) {
                pacing?(backlog)
                if keepsRows { try await store.record(batch) } else { try await store.addSpend(batch) }
            }
        }
    }

    /// Writes the rows of a failing batch one at a time. When some are written and others still fail,
    /// the database works and refuses those rows: they are dropped (counted in ``poisonedCount`` and
    /// logged by request id) so the queue moves on. When none can be written the database is down and
    /// every row stays queued. Returns whether the batch left the queue.
    private func isolate(_ batch: [SpendLogEntry], limit: Duration) async -> Bool {
        var refused: [SpendLogEntry] = []
        var written = 0
        for entry in batch {
            do {
                try await write([entry], limit: limit)
                written += 1
            } catch {
                refused.append(entry)
            }
        }
        guard written > 0 else { return false }
        // Once more for each refused row, now that the database has just accepted others: a row is dropped
        // only when it fails twice, so a hiccup during the pass does not cost a good row.
        var stillRefused: [SpendLogEntry] = []
        for entry in refused {
            do {
                try await write([entry], limit: limit)
            } catch {
                stillRefused.append(entry)
            }
        }
        refused = stillRefused
        state.withLock { state in
            let ids = Set(batch.map(\.id))
            while let first = state.pending.first, ids.contains(first.id) { state.pending.removeFirst() }
            state.poisoned += refused.count
            state.failures = 0
        }
        if !refused.isEmpty {
            logger.error(
                "spend rows refused by the database were dropped",
                metadata: ["rows": "\(refused.count)", "request_ids": "\(refused.map(\.record.requestID).prefix(10))"]
            )
        }
        return true
    }

    /// Flushes every `interval` seconds until the task is cancelled, then flushes once more within the
    /// shutdown time limit (a write under way when cancelled is abandoned and retried there). After a
    /// failed write the next attempt waits longer (doubling, at most 30 s).
    public func run(interval: Double) async {
        var delay = interval
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(delay))
            if Task.isCancelled { break }
            delay = await flush() ? interval : min(30, max(interval, delay * 2))
        }
        await finalFlush()
    }
}

/// Unique ids for spend log rows: a random per-process prefix and a counter.
final class EntryIDs: Sendable {
    private let prefix: String
    private let counter = Atomic<Int>(0)

    init() {
        var generator = SystemRandomNumberGenerator()
        prefix = String(generator.next(), radix: 36)
    }

    func next() -> String {
        let value = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return "\(prefix)-\(value)"
    }
}
