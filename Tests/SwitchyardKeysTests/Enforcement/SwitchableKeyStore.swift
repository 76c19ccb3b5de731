import Foundation
import Synchronization

@testable import SwitchyardKeys

/// A ``KeyStore`` over a real one that a test can take down (every call throws, as in a database
/// outage) or make lose the reply of a spend write (it commits, then throws), and that counts calls.
final class SwitchableKeyStore: KeyStore {
    /// How the store answers.
    enum Mode: Sendable, Equatable {
        /// Every call goes through.
        case up
        /// Every call throws ``Outage``.
        case down
        /// `record` writes the batch, then throws, as when a commit's reply is lost.
        case loseSpendReplies
        /// `record` never returns (until ``releaseHungWrites()``), as when a reply never comes.
        case hangSpendWrites
        /// `record` refuses any batch holding a row with this request id (a row the database rejects).
        case refuseRequestID(String)
    }

    /// The error of a store that is down.
    struct Outage: Error {}

    private struct State {
        var mode = Mode.up
        var keyReads = 0
        var recordCalls = 0
        var recordedRows = 0
        var hung: [CheckedContinuation<Void, Never>] = []
    }

    let inner: SQLKeyStore
    private let state = Mutex(State())

    init(_ inner: SQLKeyStore) {
        self.inner = inner
    }

    var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    /// Calls of `key(hash:)`: the hot path's database round trips.
    var keyReads: Int { state.withLock { $0.keyReads } }
    /// Calls of `record(_:)`, failed ones included.
    var recordCalls: Int { state.withLock { $0.recordCalls } }
    /// Rows handed to `record(_:)` across all calls.
    var recordedRows: Int { state.withLock { $0.recordedRows } }

    /// Lets the `record` calls parked by ``Mode/hangSpendWrites`` end (with ``Outage``).
    func releaseHungWrites() {
        let hung = state.withLock { state in
            defer { state.hung = [] }
            return state.hung
        }
        for continuation in hung { continuation.resume() }
    }

    private func pass() throws {
        if state.withLock({ $0.mode }) == .down { throw Outage() }
    }

    func migrate() async throws {
        try pass()
        try await inner.migrate()
    }

    func insertKey(_ record: KeyRecord) async throws {
        try pass()
        try await inner.insertKey(record)
    }

    func key(hash: String) async throws -> KeyRecord? {
        state.withLock { $0.keyReads += 1 }
        try pass()
        return try await inner.key(hash: hash)
    }

    func key(alias: String) async throws -> KeyRecord? {
        try pass()
        return try await inner.key(alias: alias)
    }

    func keys(_ filter: KeyFilter) async throws -> Page<KeyRecord> {
        try pass()
        return try await inner.keys(filter)
    }

    func updateKey(_ record: KeyRecord) async throws {
        try pass()
        try await inner.updateKey(record)
    }

    func replaceKey(oldHash: String, with record: KeyRecord) async throws {
        try pass()
        try await inner.replaceKey(oldHash: oldHash, with: record)
    }

    func deleteKeys(hashes: [String]) async throws -> [String] {
        try pass()
        return try await inner.deleteKeys(hashes: hashes)
    }

    func insertTeam(_ record: TeamRecord) async throws {
        try pass()
        try await inner.insertTeam(record)
    }

    func team(id: String) async throws -> TeamRecord? {
        try pass()
        return try await inner.team(id: id)
    }

    func teams(page: Int, size: Int) async throws -> Page<TeamRecord> {
        try pass()
        return try await inner.teams(page: page, size: size)
    }

    func updateTeam(_ record: TeamRecord) async throws {
        try pass()
        try await inner.updateTeam(record)
    }

    func deleteTeams(ids: [String]) async throws -> [String] {
        try pass()
        return try await inner.deleteTeams(ids: ids)
    }

    func insertUser(_ record: UserRecord) async throws {
        try pass()
        try await inner.insertUser(record)
    }

    func user(id: String) async throws -> UserRecord? {
        try pass()
        return try await inner.user(id: id)
    }

    func users(role: String?, page: Int, size: Int) async throws -> Page<UserRecord> {
        try pass()
        return try await inner.users(role: role, page: page, size: size)
    }

    func updateUser(_ record: UserRecord) async throws {
        try pass()
        try await inner.updateUser(record)
    }

    func deleteUsers(ids: [String]) async throws -> [String] {
        try pass()
        return try await inner.deleteUsers(ids: ids)
    }

    func insertCustomer(_ record: CustomerRecord) async throws {
        try pass()
        try await inner.insertCustomer(record)
    }

    func customer(id: String) async throws -> CustomerRecord? {
        try pass()
        return try await inner.customer(id: id)
    }

    func customers(page: Int, size: Int) async throws -> Page<CustomerRecord> {
        try pass()
        return try await inner.customers(page: page, size: size)
    }

    func updateCustomer(_ record: CustomerRecord) async throws {
        try pass()
        try await inner.updateCustomer(record)
    }

    func deleteCustomers(ids: [String]) async throws -> [String] {
        try pass()
        return try await inner.deleteCustomers(ids: ids)
    }

    func record(_ entries: [SpendLogEntry]) async throws {
        let mode = state.withLock { state in
            state.recordCalls += 1
            state.recordedRows += entries.count
            return state.mode
        }
        switch mode {
        case .up: try await inner.record(entries)
        case .down: throw Outage()
        case .loseSpendReplies:
            try await inner.record(entries)
            throw Outage()
        case .hangSpendWrites:
            // Deaf to cancellation, like a write waiting on a connection that is gone.
            await withCheckedContinuation { continuation in state.withLock { $0.hung.append(continuation) } }
            throw Outage()
        case .refuseRequestID(let id):
            if entries.contains(where: { $0.record.requestID == id }) { throw Outage() }
            try await inner.record(entries)
        }
    }

    func spendLogs(_ filter: SpendLogFilter) async throws -> [SpendLogRecord] {
        try pass()
        return try await inner.spendLogs(filter)
    }

    func dailySpend(from: Date?, to: Date?) async throws -> [DailySpend] {
        try pass()
        return try await inner.dailySpend(from: from, to: to)
    }

    func totalSpend(since: Date?) async throws -> Double {
        try pass()
        return try await inner.totalSpend(since: since)
    }

    func resetBudgets(now: Date, nextReset: @Sendable (_ budgetDuration: String, _ now: Date) -> Date?) async throws -> Int {
        try pass()
        return try await inner.resetBudgets(now: now, nextReset: nextReset)
    }

    func shutdown() async {
        await inner.shutdown()
    }
}
