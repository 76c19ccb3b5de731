import Foundation
import NIOPosix
import SQLKit
import Testing

@testable import SwitchyardKeys

@Suite struct KeyStoreMigrationTests {
    @Test(arguments: StoreBackend.all)
    func migratingAgainChangesNothing(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-a"))
            try await store.migrate()
            try await store.migrate()

            let versions = try await store.withSession { db in
                try await db.raw("SELECT version FROM switchyard_schema_migrations").all().map { try $0.int("version") }
            }
            #expect(versions == [1])
            #expect(try await store.key(hash: "hash-a") != nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func refusesASchemaNewerThanThisBuild(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.withSession { db in
                try await db.raw("INSERT INTO switchyard_schema_migrations (version, applied_at) VALUES (99, 0)").run()
            }
            await #expect(throws: KeyStoreError.schemaTooNew(found: 99, known: SQLSchema.currentVersion)) {
                try await store.migrate()
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func storesMigratingAtTheSameTimeBothSucceed(_ backend: StoreBackend) async throws {
        let location = try StoreLocation(backend)
        // A thread pool each, as separate processes have: SQLite blocks a thread while it waits for the lock.
        let threadPools = (0..<3).map { _ in NIOThreadPool(numberOfThreads: 1) }
        var stores: [SQLKeyStore] = []
        for threadPool in threadPools {
            threadPool.start()
            stores.append(try await SQLKeyStore.open(url: location.url, logger: StoreBackend.logger, threadPool: threadPool))
        }
        let outcome = await Result {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            try await stores[0].insertKey(StoreFixture.key("hash-a"))
            return try await stores[1].key(hash: "hash-a")
        }
        for store in stores.dropFirst() { await store.shutdown() }
        await location.remove(using: stores[0])
        for threadPool in threadPools { try await threadPool.shutdownGracefully() }
        #expect(try outcome.get() != nil)
    }

    @Test func aReopenedSQLiteFileKeepsItsData() async throws {
        let location = try StoreLocation(.sqlite)
        let first = try await SQLKeyStore.open(url: location.url, logger: StoreBackend.logger)
        try await first.migrate()
        try await first.insertKey(StoreFixture.key("hash-a", alias: "kept"))
        try await first.record([StoreFixture.entry("1", spend: 1.25)])
        await first.shutdown()

        let second = try await SQLKeyStore.open(url: location.url, logger: StoreBackend.logger)
        try await second.migrate()
        let key = try await second.key(alias: "kept")
        await location.remove(using: second)
        #expect(key?.spend == 1.25)
        #expect(second.dialect == "sqlite")
    }
}

extension Result where Failure == any Error {
    /// The outcome of `body`, so cleanup can run before a failure is reported.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
