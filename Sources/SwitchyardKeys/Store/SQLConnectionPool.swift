import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

/// The pooled connections of one database, SQLite or PostgreSQL: each session borrows one connection,
/// so a transaction's statements run on the same connection.
///
/// `@unchecked Sendable`: AsyncKit's `EventLoopGroupConnectionPool` guards its state with its own lock and
/// hops to each event loop's pool before touching it; it only lacks the annotation.
final class SQLConnectionPool: @unchecked Sendable {
    private enum Backend {
        case sqlite(EventLoopGroupConnectionPool<SQLiteTunedSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    private let backend: Backend
    private let logger: Logger
    private let temporaryFile: String?

    /// True for PostgreSQL, which needs `pg_advisory_xact_lock` and plain `BEGIN`.
    var isPostgres: Bool {
        if case .postgres = backend { return true }
        return false
    }

    /// A pool of SQLite connections to `path` (`nil`: a private database deleted on ``shutdown()``).
    init(sqlitePath path: String?, eventLoopGroup: any EventLoopGroup, threadPool: NIOThreadPool, logger: Logger) {
        // sqlite-kit's `.memory` is a temporary file it never deletes; this one is ours to remove.
        let temporary = path == nil ? FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString).db").path : nil
        let file = path ?? temporary ?? "switchyard.db"
        let base = SQLiteConnectionSource(configuration: .init(storage: .file(path: file), enableForeignKeys: false), threadPool: threadPool)
        // One connection per process. SQLite runs each statement as a blocking call on `threadPool`; with several
        // connections, writers waiting for the lock (busy timeout) can occupy every thread while the connection
        // holding the lock waits for a thread to commit: a deadlock until the timeout. A single connection has no
        // one to wait for in this process, and SQLite has a single writer anyway; key reads are cached upstream.
        let pool = EventLoopGroupConnectionPool(
            source: SQLiteTunedSource(base: base),
            maxConnectionsPerEventLoop: 1,
            requestTimeout: .seconds(30),
            logger: logger,
            on: eventLoopGroup.next()
        )
        self.backend = .sqlite(pool)
        self.logger = logger
        self.temporaryFile = temporary
    }

    /// A pool of PostgreSQL connections.
    init(postgres configuration: SQLPostgresConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            maxConnectionsPerEventLoop: 2,
            requestTimeout: .seconds(10),
            logger: logger,
            on: eventLoopGroup
        )
        self.backend = .postgres(pool)
        self.logger = logger
        self.temporaryFile = nil
    }

    /// Runs `body` with one connection borrowed from the pool for its whole duration.
    func withSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch backend {
        case .sqlite(let pool):
            // Borrowed and returned by hand rather than with `withConnection`, whose body runs in a new task
            // on the connection's event loop: here the body stays in the caller's task, on the caller's
            // executor (the spend writer's low-priority thread).
            let connection = try await pool.requestConnection(logger: logger).get()
            do {
                let result = try await body(SQLiteSessionDatabase(connection: connection, base: connection.sql(queryLogLevel: .trace)))
                pool.releaseConnection(connection, logger: logger)
                return result
            } catch {
                pool.releaseConnection(connection, logger: logger)
                throw error
            }
        case .postgres(let pool):
            return try await pool.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await body(LiveConnectionDatabase(connection: connection, base: connection.sql(queryLogLevel: .trace)))
                }
            }.get()
        }
    }

    /// SQLite only: tries the switch to WAL again, in case every connection opened while the file was busy.
    func ensureWAL() async {
        guard case .sqlite(let pool) = backend else { return }
        let logger = self.logger
        let timeout = SQLiteTunedSource.busyTimeoutMilliseconds
        do {
            try await pool.withConnection { connection in
                connection.query("PRAGMA busy_timeout = 0")
                    .flatMap { _ in SQLiteTunedSource.enableWAL(connection, logger: logger) }
                    .flatMap { connection.query("PRAGMA busy_timeout = \(timeout)") }
                    .map { _ in () }
            }.get()
        } catch {
            logger.warning("key store: could not set up an SQLite connection", metadata: ["error": "\(error)"])
        }
    }

    /// Closes every connection.
    func shutdown() async {
        do {
            switch backend {
            case .sqlite(let pool): try await pool.shutdownAsync()
            case .postgres(let pool): try await pool.shutdownAsync()
            }
        } catch {
            // The pool is closed even when this throws; the error only reports a connection that closed badly.
            logger.warning("key store: error while closing database connections", metadata: ["error": "\(error)"])
        }
        if let temporaryFile {
            for suffix in ["", "-wal", "-shm"] {
                do {
                    try FileManager.default.removeItem(atPath: temporaryFile + suffix)
                } catch {
                    logger.debug("key store: temporary database file not removed", metadata: ["file": "\(temporaryFile + suffix)"])
                }
            }
        }
    }
}

/// Opens SQLite connections set up for several connections in one or more processes: WAL, so readers never
/// wait for a writer, and a busy timeout, so a writer waits for the lock instead of failing.
///
/// sqlite-nio installs a busy handler that retries forever; `busy_timeout` replaces it. Switching a new file to
/// WAL needs an exclusive lock, and a connection waiting for it while another one waits to commit would
/// deadlock, so the switch is tried without waiting, and a failure only means another connection (or the next
/// one opened, or ``SQLKeyStore/migrate()``) makes it.
struct SQLiteTunedSource: ConnectionPoolSource {
    /// sqlite-kit's source, which opens the file.
    let base: SQLiteConnectionSource
    /// How long a statement waits for another connection's write lock.
    static let busyTimeoutMilliseconds = 10_000

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        let timeout = Self.busyTimeoutMilliseconds
        return base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA busy_timeout = 0")
                .flatMap { _ in Self.enableWAL(connection, logger: logger) }
                .flatMap { connection.query("PRAGMA busy_timeout = \(timeout)") }
                .map { _ in connection }
                .flatMapError { error in connection.close().flatMapThrowing { throw error } }
        }
    }

    /// Switches the file to WAL if it is not yet; never fails (the store works in either mode).
    static func enableWAL(_ connection: SQLiteConnection, logger: Logger) -> EventLoopFuture<Void> {
        connection.query("PRAGMA journal_mode = WAL")
            .map { _ in () }
            .flatMapError { error in
                logger.debug("key store: SQLite WAL switch deferred, the file is busy", metadata: ["error": "\(error)"])
                return connection.eventLoop.makeSucceededFuture(())
            }
    }
}
