import Foundation
import SQLKit
import Testing

@testable import SwitchyardKeys

/// PostgreSQL ending a connection in the middle of a transaction (an operator's `pg_terminate_backend`, a
/// restart): the transaction fails at once instead of hanging, and the next write goes through on a new connection.
@Suite struct KeyStoreConnectionLossTests {
    /// PostgreSQL only: a SQLite file cannot end a connection.
    static let backends = StoreBackend.all.filter { $0 == .postgres }

    @Test(arguments: backends)
    func aTransactionWhoseConnectionTheServerEndedFailsAndTheNextRecordIsWritten(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertKey(StoreFixture.key("hash-a"))
            var failure: (any Error)?
            do {
                try await TimeLimit.run(.seconds(10)) {
                    try await store.transaction { db in
                        do {
                            try await db.raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
                        } catch {
                            // Long enough for NIO to take the closed connection's handlers away: the ROLLBACK
                            // that follows is then written to a bare channel, where it used to wait for good.
                            try await Task.sleep(for: .milliseconds(300))
                            throw error
                        }
                    }
                }
            } catch {
                failure = error
            }
            #expect(failure != nil)
            #expect(!(failure is TimeLimitExceeded), "the transaction hung on its closed connection")

            try await TimeLimit.run(.seconds(10)) { try await store.record([StoreFixture.entry("1", spend: 0.5)]) }
            #expect(try await store.spendLogs(SpendLogFilter()).count == 1)
            #expect(try await store.key(hash: "hash-a")?.spend == 0.5)
        }
    }
}
