import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit

/// The ``KeyStore`` on SQL: SQLite (the default, a file next to the config) or PostgreSQL, through one
/// sql-kit layer and one schema (``SQLSchema``).
///
/// Both dialects are written the same way: dates are `DOUBLE PRECISION` seconds since 1970, JSON is `TEXT`,
/// flags are `BOOLEAN`, and every statement uses SQL both understand (`ON CONFLICT`, `RETURNING`). Writes
/// that read first run in a transaction (`BEGIN IMMEDIATE` on SQLite, so two writers queue on the busy timeout
/// instead of failing on a lock upgrade).
public final class SQLKeyStore: KeyStore {
    let pool: SQLConnectionPool
    let logger: Logger
    /// Where the store is, without its password.
    public let url: DatabaseURL

    /// `sqlite` or `postgresql`, for logs.
    public var dialect: String { url.dialect }

    private init(pool: SQLConnectionPool, url: DatabaseURL, logger: Logger) {
        self.pool = pool
        self.url = url
        self.logger = logger
    }

    /// Opens a store at `url` (see ``DatabaseURL`` for the forms accepted). Connections open lazily, so this
    /// only fails for a URL that cannot be used; call ``migrate()`` next.
    ///
    /// - Throws: ``KeyStoreError/invalidURL`` for a URL that is not SQLite or PostgreSQL, or is malformed.
    public static func open(
        url: String,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        threadPool: NIOThreadPool = .singleton
    ) async throws -> SQLKeyStore {
        let parsed = try DatabaseURL(parsing: url)
        let pool: SQLConnectionPool
        switch parsed {
        case .sqlite(let path):
            pool = SQLConnectionPool(sqlitePath: path, eventLoopGroup: eventLoopGroup, threadPool: threadPool, logger: logger)
        case .postgres(let target):
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: target.connectionURL)
            } catch {
                // PostgresKit's error repeats the URL, password included: report the redacted one.
                throw KeyStoreError.invalidURL("database_url: cannot use \(target.redacted)")
            }
            configuration.searchPath = target.schema.map { [$0] }
            pool = SQLConnectionPool(postgres: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        }
        logger.info("key store opened", metadata: ["dialect": "\(parsed.dialect)", "database": "\(parsed.redacted)"])
        return SQLKeyStore(pool: pool, url: parsed, logger: logger)
    }

    public func shutdown() async {
        await pool.shutdown()
    }

    /// Runs `body` on one connection, outside a transaction.
    func withSession<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await pool.withSession(body)
    }

    /// Runs `body` in a transaction on one connection: committed when it returns, rolled back when it throws.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin: SQLQueryString = pool.isPostgres ? "BEGIN" : "BEGIN IMMEDIATE"
        let logger = self.logger
        return try await pool.withSession { db in
            try await db.raw(begin).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                do {
                    // Through the future: a statement cancelled with its task (the spend writer's, at shutdown) must
                    // still be rolled back, or the connection stays inside the transaction and every later BEGIN on it
                    // fails ("cannot start a transaction within a transaction"), the final flush's included.
                    let rollback: EventLoopFuture<Void> = db.raw("ROLLBACK").run()
                    try await rollback.get()
                } catch is ClosedConnectionError {
                    // The server ends a transaction whose connection is gone: nothing was left to roll back.
                    logger.debug("key store: rollback skipped, the connection has closed")
                } catch let rollbackError {
                    logger.warning("key store: rollback failed", metadata: ["error": "\(rollbackError)"])
                }
                throw error
            }
        }
    }
}
