import Logging
import NIOCore
import PostgresKit
import SQLKit

/// The `SQLDatabase` of one leased PostgreSQL connection that fails a statement at once when the connection
/// has closed, instead of leaving it waiting forever.
///
/// postgres-nio hands each statement to the channel without a write promise. Once a closed connection's
/// handlers have left the pipeline (NIO removes them one event-loop turn after the close), a statement written
/// to it is dropped and its result never arrives. After `pg_terminate_backend` that was the `ROLLBACK` following
/// the failed statement of a transaction: it waited for good, holding its pool lease, and the spend writer with it.
/// Checking that the channel is open and writing the statement in the same event-loop turn closes that window:
/// while the channel is open its handler is in the pipeline, and that handler fails the statements of a
/// connection that closes later.
struct LiveConnectionDatabase: SessionDatabase {
    /// The leased connection.
    let connection: PostgresConnection
    /// postgres-kit's database on `connection`, which runs the statements.
    let base: any SQLDatabase

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let connection = self.connection
        let base = self.base
        let eventLoop = connection.eventLoop
        // On the connection's event loop, postgres-kit's `execute` reaches `channel.write` without leaving the turn
        // (its bindings future is already complete), so the check below cannot go stale before the write.
        return eventLoop.flatSubmit {
            guard !connection.isClosed else {
                return eventLoop.makeFailedFuture(ClosedConnectionError())
            }
            return base.execute(sql: query, onRow)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        // postgres-kit's async variant writes from the calling task, off the event loop: go through the future one.
        try await execute(sql: query, onRow).get()
    }

}

/// A statement was not sent because its database connection had already closed (the server ended it, or
/// the network dropped it).
struct ClosedConnectionError: Error, CustomStringConvertible {
    var description: String { "the database connection has closed" }
}

/// The `SQLDatabase` of one leased connection that keeps the connection at hand: the database it wraps
/// (`base`) describes itself, and a session on it is the connection itself.
protocol SessionDatabase: SQLDatabase {
    var base: any SQLDatabase { get }
}

extension SessionDatabase {
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
