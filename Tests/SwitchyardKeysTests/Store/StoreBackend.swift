import Foundation
import Logging
import SQLKit
import Testing

@testable import SwitchyardKeys

/// A database the store conformance tests run against: SQLite on a temporary file, and PostgreSQL when
/// `SWITCHYARD_TEST_POSTGRES_URL` names a server (each test in its own schema, dropped afterwards).
///
/// With `SWITCHYARD_REQUIRE_POSTGRES=1` and no URL, the PostgreSQL cases are still listed and fail, so CI cannot
/// silently test SQLite alone.
enum StoreBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SWITCHYARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var postgresRequired: Bool { ProcessInfo.processInfo.environment["SWITCHYARD_REQUIRE_POSTGRES"] == "1" }

    /// The backends to run: SQLite always, PostgreSQL when configured or required.
    static var all: [StoreBackend] { postgresURL != nil || postgresRequired ? [.sqlite, .postgres] : [.sqlite] }

    static let logger = Logger(label: "switchyard.keys.tests")

    /// Opens a migrated, empty store, runs `body`, then closes and removes the store.
    func withStore(_ body: (SQLKeyStore) async throws -> Void) async throws {
        let location = try StoreLocation(self)
        let store = try await SQLKeyStore.open(url: location.url, logger: Self.logger)
        do {
            try await store.migrate()
            try await body(store)
        } catch {
            await location.remove(using: store)
            throw error
        }
        await location.remove(using: store)
    }
}

/// Where one test's database lives, and how to remove it.
struct StoreLocation: Sendable {
    var url: String
    var sqliteDirectory: URL?
    var postgresSchema: String?

    init(_ backend: StoreBackend) throws {
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-store-\(suffix)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            url = "sqlite://" + directory.appendingPathComponent("keys.db").path
            sqliteDirectory = directory
        case .postgres:
            guard let base = StoreBackend.postgresURL else {
                throw StoreTestSetupError(
                    message: "SWITCHYARD_REQUIRE_POSTGRES=1 but SWITCHYARD_TEST_POSTGRES_URL is not set"
                )
            }
            let schema = "sy_test_\(suffix)"
            url = base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
            postgresSchema = schema
        }
    }

    /// Drops the test's schema or deletes its files, then closes `store`.
    func remove(using store: SQLKeyStore) async {
        if let schema = postgresSchema {
            do {
                try await store.withSession { db in try await db.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run() }
            } catch {
                StoreBackend.logger.warning("could not drop test schema", metadata: ["schema": "\(schema)", "error": "\(error)"])
            }
        }
        await store.shutdown()
        if let sqliteDirectory {
            try? FileManager.default.removeItem(at: sqliteDirectory)
        }
    }
}

/// The test environment cannot provide the database a test asked for.
struct StoreTestSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Records the tests build from, with whole-second dates so they survive the store's `DOUBLE` seconds exactly.
enum StoreFixture {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    static func at(_ offset: TimeInterval) -> Date { now.addingTimeInterval(offset) }

    static func key(_ hash: String, alias: String? = nil, team: String? = nil, user: String? = nil, created: TimeInterval = 0) -> KeyRecord {
        var record = KeyRecord(tokenHash: hash, keyName: "sk-...\(hash.suffix(4))", createdAt: at(created))
        record.keyAlias = alias
        record.teamID = team
        record.userID = user
        return record
    }

    static func entry(
        _ id: String,
        key: String = "hash-a",
        spend: Double = 0.25,
        model: String = "gpt-4o",
        start: TimeInterval = 0,
        user: String? = nil,
        team: String? = nil,
        customer: String? = nil
    ) -> SpendLogEntry {
        var record = SpendLogRecord(
            requestID: "req-\(id)",
            callType: "acompletion",
            keyHash: key,
            spend: spend,
            promptTokens: 10,
            completionTokens: 5,
            startTime: at(start),
            endTime: at(start + 2),
            model: "\(model)-2024-08-06",
            modelGroup: model,
            status: "success"
        )
        record.userID = user
        record.teamID = team
        record.customerID = customer
        return SpendLogEntry(id: id, record: record)
    }
}
