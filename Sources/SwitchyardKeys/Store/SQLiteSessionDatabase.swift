import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// The `SQLDatabase` of one leased SQLite connection, keeping the connection at hand for the statements that
/// bypass SQLKit's expression tree (the spend-log insert: ``SQLKeyStore/insertSpendRows(_:into:)``).
struct SQLiteSessionDatabase: SessionDatabase {
    /// The leased connection.
    let connection: SQLiteConnection
    /// sqlite-kit's database on `connection`, which runs every other statement.
    let base: any SQLDatabase

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await base.execute(sql: query, onRow)
    }
}
