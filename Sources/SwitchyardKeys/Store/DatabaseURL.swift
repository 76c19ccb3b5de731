import Foundation

/// Where the key store lives, parsed from `general_settings.database_url` / `DATABASE_URL`.
///
/// Accepted forms:
/// - `sqlite:///abs/path.db`, `sqlite://relative/path.db`, `sqlite:relative.db`, `sqlite::memory:`;
/// - a plain file path ending in `.db`, `.sqlite` or `.sqlite3`;
/// - `postgresql://user:pass@host:port/db` or `postgres://…`, with `sslmode` (`disable`, `prefer`, `require`,
///   `verify-ca`, `verify-full`) and `schema` (Prisma's spelling, as LiteLLM's URLs use it) query items.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite database file (`nil` path: in memory).
    case sqlite(path: String?)
    /// A PostgreSQL server.
    case postgres(PostgresTarget)

    /// The parts of a PostgreSQL URL the store uses; prints without its password.
    public struct PostgresTarget: Sendable, Equatable, CustomStringConvertible {
        /// The URL handed to PostgresKit: credentials kept, `sslmode` made explicit, `schema` removed.
        var connectionURL: URL
        /// The URL without its password, for logs.
        public var redacted: String
        /// The `search_path` to set on each connection, from `?schema=`.
        public var schema: String?
        /// `disable`, `prefer` or `require`.
        public var tlsMode: String

        public var description: String { redacted }
    }

    /// The dialect name used in logs: `sqlite` or `postgresql`.
    public var dialect: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }

    /// A description safe to log: never contains the password.
    public var description: String { redacted }

    /// The URL without its password.
    public var redacted: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path ?? ":memory:")"
        case .postgres(let target): target.redacted
        }
    }

    /// Parses `string`; throws ``KeyStoreError/invalidURL`` with a message that never repeats the password.
    public init(parsing string: String) throws(KeyStoreError) {
        let trimmed = string.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(try Self.parsePostgres(trimmed))
        } else if lower.hasPrefix("sqlite:") {
            self = .sqlite(path: try Self.parseSQLite(String(trimmed.dropFirst("sqlite:".count))))
        } else if [".db", ".sqlite", ".sqlite3"].contains(where: { lower.hasSuffix($0) }), !lower.contains("://") {
            self = .sqlite(path: trimmed)
        } else {
            let scheme = trimmed.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            throw .invalidURL("database_url: expected sqlite://, postgresql:// or a .db file path, got scheme '\(scheme)'")
        }
    }

    // `rest` is what follows `sqlite:`; `//` introduces the path (a third `/` makes it absolute).
    private static func parseSQLite(_ rest: String) throws(KeyStoreError) -> String? {
        if rest == ":memory:" || rest == "//:memory:" { return nil }
        var path = rest.hasPrefix("//") ? String(rest.dropFirst(2)) : rest
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.removingPercentEncoding ?? path
        guard !path.isEmpty, path != "/" else { throw .invalidURL("database_url: sqlite URL without a file path") }
        return path
    }

    private static func parsePostgres(_ string: String) throws(KeyStoreError) -> PostgresTarget {
        guard var components = URLComponents(string: string) else {
            throw .invalidURL("database_url: not a valid postgresql URL")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidURL("database_url: postgresql URL without a host") }
        guard let user = components.user, !user.isEmpty else { throw .invalidURL("database_url: postgresql URL without a user name") }
        let items = components.queryItems ?? []
        let tlsNames: Set<String> = ["sslmode", "tlsmode", "ssl", "tls"]
        let requested = items.last { tlsNames.contains($0.name.lowercased()) }?.value?.lowercased()
        let tlsMode: String
        switch requested {
        case nil: tlsMode = isLoopback(host) ? "disable" : "prefer"
        case "disable", "false": tlsMode = "disable"
        case "prefer", "allow", "true": tlsMode = "prefer"
        case "require", "verify-ca", "verify-full": tlsMode = "require"
        case .some(let other): throw .invalidURL("database_url: unknown sslmode '\(other)'")
        }
        let schema = items.last { $0.name == "schema" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        components.queryItems = [URLQueryItem(name: "tlsmode", value: tlsMode)]
        guard let connectionURL = components.url else { throw .invalidURL("database_url: not a valid postgresql URL") }
        var shown = URLComponents()
        shown.scheme = "postgresql"
        shown.user = user
        shown.host = host
        shown.port = components.port
        shown.path = components.path
        return PostgresTarget(
            connectionURL: connectionURL,
            redacted: shown.string ?? "postgresql://\(host)",
            schema: schema,
            tlsMode: tlsMode
        )
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
