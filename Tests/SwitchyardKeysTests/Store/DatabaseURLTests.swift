import Testing

@testable import SwitchyardKeys

@Suite struct DatabaseURLTests {
    @Test(arguments: [
        ("sqlite:///var/lib/switchyard/keys.db", "/var/lib/switchyard/keys.db"),
        ("sqlite://data/keys.db", "data/keys.db"),
        ("sqlite:keys.db", "keys.db"),
        ("./switchyard.db", "./switchyard.db"),
        ("/tmp/my%20keys.sqlite3", "/tmp/my%20keys.sqlite3"),
        ("sqlite:///tmp/a%20b.db?mode=rwc", "/tmp/a b.db"),
    ])
    func readsSQLitePaths(_ url: String, _ path: String) throws {
        #expect(try DatabaseURL(parsing: url) == .sqlite(path: path))
    }

    @Test func readsAnInMemorySQLiteDatabase() throws {
        #expect(try DatabaseURL(parsing: "sqlite::memory:") == .sqlite(path: nil))
    }

    @Test func readsAPostgresURLWithoutShowingItsPassword() throws {
        let url = try DatabaseURL(parsing: "postgresql://sy:s3cr%40t@db.internal:6543/switchyard?sslmode=require&schema=litellm")
        guard case .postgres(let target) = url else {
            Issue.record("expected postgres, got \(url)")
            return
        }
        #expect(target.tlsMode == "require")
        #expect(target.schema == "litellm")
        #expect(url.dialect == "postgresql")
        #expect(url.description == "postgresql://sy@db.internal:6543/switchyard")
        #expect(!"\(url)".contains("s3cr"))
        #expect(!"\(target)".contains("s3cr"))
    }

    @Test func turnsTLSOffOnlyOnLoopbackUnlessAsked() throws {
        #expect(try tlsMode("postgres://sy@127.0.0.1:5432/db") == "disable")
        #expect(try tlsMode("postgres://sy@localhost/db") == "disable")
        #expect(try tlsMode("postgres://sy@db.example.com/db") == "prefer")
        #expect(try tlsMode("postgres://sy@db.example.com/db?sslmode=disable") == "disable")
        #expect(try tlsMode("postgres://sy@127.0.0.1/db?sslmode=verify-full") == "require")
    }

    @Test(arguments: ["mysql://root@localhost/db", "postgres:///db", "postgresql://:pw@host/db", "sqlite://", "keys.txt", ""])
    func rejectsURLsItCannotUse(_ url: String) {
        #expect(throws: KeyStoreError.self) { try DatabaseURL(parsing: url) }
    }

    @Test func rejectsAnUnknownSSLModeWithoutRepeatingThePassword() {
        #expect {
            try DatabaseURL(parsing: "postgres://sy:hunter2@db/x?sslmode=sometimes")
        } throws: { error in
            guard case .invalidURL(let message) = error as? KeyStoreError else { return false }
            return !message.contains("hunter2") && message.contains("sometimes")
        }
    }

    private func tlsMode(_ url: String) throws -> String? {
        guard case .postgres(let target) = try DatabaseURL(parsing: url) else { return nil }
        return target.tlsMode
    }
}
