import Foundation
import SQLKit

extension SQLKeyStore {
    // Any constant works: it only has to be the same in every Switchyard process ("swyd" in ASCII).
    private static let migrationLockID = 0x7377_7964

    /// Creates or upgrades the schema in one transaction. Concurrent processes queue: PostgreSQL on an
    /// advisory lock held until commit, SQLite on `BEGIN IMMEDIATE` and the busy timeout. A database whose
    /// schema is newer than this build is left alone (``KeyStoreError/schemaTooNew``).
    public func migrate() async throws {
        let isPostgres = pool.isPostgres
        let schema: String? =
            if case .postgres(let target) = url { target.schema } else { nil }
        let applied = try await transaction { db -> [Int] in
            if isPostgres {
                try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.migrationLockID))").run()
                if let schema {
                    try await db.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
                }
            }
            try await db.raw("\(unsafeRaw: SQLSchema.migrationsTable)").run()
            let row = try await db.raw("SELECT COALESCE(MAX(version), 0) AS version FROM switchyard_schema_migrations").first()
            let found = try row?.decode(column: "version", as: Int.self) ?? 0
            guard found <= SQLSchema.currentVersion else {
                throw KeyStoreError.schemaTooNew(found: found, known: SQLSchema.currentVersion)
            }
            var applied: [Int] = []
            for migration in SQLSchema.migrations where migration.version > found {
                for statement in migration.statements {
                    try await db.raw("\(unsafeRaw: statement)").run()
                }
                let now = Date().timeIntervalSince1970
                try await db.raw(
                    "INSERT INTO switchyard_schema_migrations (version, applied_at) VALUES (\(bind: migration.version), \(bind: now))"
                ).run()
                applied.append(migration.version)
            }
            return applied
        }
        await pool.ensureWAL()
        if !applied.isEmpty {
            logger.info(
                "key store schema migrated",
                metadata: ["dialect": "\(dialect)", "versions": "\(applied.map(String.init).joined(separator: ","))"]
            )
        }
    }
}
