import Foundation
import Logging
import SwitchyardCore
import SwitchyardState
import Synchronization

@testable import SwitchyardKeys

/// A clock the enforcement tests move by hand: cache TTLs, rate windows and budget periods without sleeping.
final class EnforcementClock: Sendable {
    /// 2025-06-15T15:06:40Z: twenty seconds before a minute window ends.
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    private let current = Mutex(EnforcementClock.start)

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The clock as access control and the counter store take it.
    var reading: @Sendable () -> Date { { [self] in now } }
}

/// Access control over a real SQLite store on a temporary file (behind a ``SwitchableKeyStore``), in-memory
/// counters and one hand-moved clock.
struct EnforcementHarness: Sendable {
    static let logger = Logger(label: "switchyard.keys.enforcement-tests") { _ in SwiftLogNoOpLogHandler() }

    let sql: SQLKeyStore
    let store: SwitchableKeyStore
    let clock: EnforcementClock
    let counters: MemoryCounterStore
    let access: AccessControl
    /// The SQLite database file.
    let databaseFile: URL

    /// Runs `body` with a migrated, empty store, then closes it and deletes its files.
    static func run(
        _ settings: AccessControl.Settings = AccessControl.Settings(),
        _ body: (EnforcementHarness) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-enforcement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("x.db")
        let sql = try await SQLKeyStore.open(url: "sqlite://" + file.path, logger: logger)
        let store = SwitchableKeyStore(sql)
        let clock = EnforcementClock()
        let counters = MemoryCounterStore(now: clock.reading)
        let access = AccessControl(store: store, counters: counters, settings: settings, logger: logger, now: clock.reading)
        let harness = EnforcementHarness(sql: sql, store: store, clock: clock, counters: counters, access: access, databaseFile: file)
        do {
            try await sql.migrate()
            try await body(harness)
        } catch {
            await sql.shutdown()
            throw error
        }
        await sql.shutdown()
    }

    /// Stores a new key made by ``VirtualKey/generate()`` and returns the plaintext key.
    @discardableResult
    func addKey(team: String? = nil, user: String? = nil, _ configure: (inout KeyRecord) -> Void = { _ in }) async throws -> String {
        let key = VirtualKey.generate()
        var record = KeyRecord(tokenHash: VirtualKey.hash(key), keyName: VirtualKey.displayName(key), createdAt: clock.now)
        record.teamID = team
        record.userID = user
        configure(&record)
        try await sql.insertKey(record)
        return key
    }

    func addTeam(_ id: String, _ configure: (inout TeamRecord) -> Void = { _ in }) async throws {
        var record = TeamRecord(teamID: id, createdAt: clock.now)
        configure(&record)
        try await sql.insertTeam(record)
    }

    func addUser(_ id: String, _ configure: (inout UserRecord) -> Void = { _ in }) async throws {
        var record = UserRecord(userID: id, createdAt: clock.now)
        configure(&record)
        try await sql.insertUser(record)
    }

    func addCustomer(_ id: String, _ configure: (inout CustomerRecord) -> Void = { _ in }) async throws {
        var record = CustomerRecord(customerID: id, createdAt: clock.now)
        configure(&record)
        try await sql.insertCustomer(record)
    }

    /// Authenticates `key` and admits one request for `model`.
    func admit(_ key: String, model: String = "gpt-4o", customer: String? = nil) async throws(GatewayError) -> Admission {
        let caller = try await access.authenticate(key)
        return try await access.admit(caller, model: model, customerID: customer)
    }

    /// Ends `admission` with this cost and usage.
    func finish(_ admission: Admission, cost: Double = 0, promptTokens: Int = 0, completionTokens: Int = 0) async {
        var outcome = RequestOutcome(requestID: UUID().uuidString, callType: "completion", model: admission.model)
        outcome.cost = cost
        outcome.promptTokens = promptTokens
        outcome.completionTokens = completionTokens
        await access.finish(admission, outcome: outcome)
    }

    /// The error `body` throws, or `nil` when it succeeds.
    func refusal<T>(_ body: () async throws(GatewayError) -> T) async -> GatewayError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }
}

extension Admission {
    /// The value of a header the answer carries.
    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}
