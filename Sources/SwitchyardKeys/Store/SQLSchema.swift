/// The versions of the key store's schema, oldest first; ``SQLKeyStore/migrate()`` applies the missing ones.
///
/// Every statement is written once for both SQLite and PostgreSQL: `TEXT`, `BIGINT`, `DOUBLE PRECISION`
/// (dates are seconds since 1970) and `BOOLEAN`, which SQLite stores as 0/1. A released version is never edited:
/// a change is a new version appended to ``migrations``.
enum SQLSchema {
    /// One schema version: its number and the statements that create it from the previous one.
    struct Migration: Sendable {
        var version: Int
        var statements: [String]
    }

    /// The newest version this build knows.
    static var currentVersion: Int { migrations.last?.version ?? 0 }

    /// Creates the table that records applied versions.
    static let migrationsTable = """
        CREATE TABLE IF NOT EXISTS switchyard_schema_migrations (
            version BIGINT PRIMARY KEY,
            applied_at DOUBLE PRECISION NOT NULL
        )
        """

    /// Every version, in order.
    static let migrations: [Migration] = [Migration(version: 1, statements: version1)]

    // Real columns hold what is filtered, incremented or reset; `data` holds the rest as JSON.
    private static let version1 = [
        """
        CREATE TABLE IF NOT EXISTS switchyard_keys (
            token_hash TEXT PRIMARY KEY,
            key_name TEXT NOT NULL,
            key_alias TEXT UNIQUE,
            team_id TEXT,
            user_id TEXT,
            blocked BOOLEAN NOT NULL DEFAULT FALSE,
            expires DOUBLE PRECISION,
            spend DOUBLE PRECISION NOT NULL DEFAULT 0,
            budget_duration TEXT,
            budget_reset_at DOUBLE PRECISION,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            data TEXT NOT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS switchyard_keys_team_id ON switchyard_keys (team_id)",
        "CREATE INDEX IF NOT EXISTS switchyard_keys_user_id ON switchyard_keys (user_id)",
        "CREATE INDEX IF NOT EXISTS switchyard_keys_budget_reset_at ON switchyard_keys (budget_reset_at)",
        """
        CREATE TABLE IF NOT EXISTS switchyard_teams (
            team_id TEXT PRIMARY KEY,
            blocked BOOLEAN NOT NULL DEFAULT FALSE,
            spend DOUBLE PRECISION NOT NULL DEFAULT 0,
            budget_duration TEXT,
            budget_reset_at DOUBLE PRECISION,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            data TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS switchyard_users (
            user_id TEXT PRIMARY KEY,
            user_role TEXT NOT NULL,
            spend DOUBLE PRECISION NOT NULL DEFAULT 0,
            budget_duration TEXT,
            budget_reset_at DOUBLE PRECISION,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            data TEXT NOT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS switchyard_users_user_role ON switchyard_users (user_role)",
        """
        CREATE TABLE IF NOT EXISTS switchyard_customers (
            customer_id TEXT PRIMARY KEY,
            blocked BOOLEAN NOT NULL DEFAULT FALSE,
            spend DOUBLE PRECISION NOT NULL DEFAULT 0,
            budget_duration TEXT,
            budget_reset_at DOUBLE PRECISION,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            data TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS switchyard_model_spend (
            entity_kind TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            model_group TEXT NOT NULL,
            spend DOUBLE PRECISION NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_kind, entity_id, model_group)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS switchyard_spend_logs (
            id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL,
            call_type TEXT NOT NULL,
            key_hash TEXT NOT NULL,
            spend DOUBLE PRECISION NOT NULL,
            prompt_tokens BIGINT NOT NULL,
            completion_tokens BIGINT NOT NULL,
            start_time DOUBLE PRECISION NOT NULL,
            end_time DOUBLE PRECISION NOT NULL,
            completion_start_time DOUBLE PRECISION,
            day TEXT NOT NULL,
            model TEXT NOT NULL,
            model_id TEXT,
            model_group TEXT NOT NULL,
            api_base TEXT,
            user_id TEXT,
            team_id TEXT,
            customer_id TEXT,
            cache_hit BOOLEAN NOT NULL,
            status TEXT NOT NULL,
            metadata TEXT NOT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_request_id ON switchyard_spend_logs (request_id)",
        "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_key_hash ON switchyard_spend_logs (key_hash)",
        "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_start_time ON switchyard_spend_logs (start_time)",
        "CREATE INDEX IF NOT EXISTS switchyard_spend_logs_day ON switchyard_spend_logs (day)",
    ]
}
