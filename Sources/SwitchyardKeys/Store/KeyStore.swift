import Foundation

/// The durable store of keys, teams, users, customers and spend: one SQL schema served by SQLite
/// (the default, `./switchyard.db`) or PostgreSQL (``SQLKeyStore``).
///
/// Nothing here is on the hot path of an LLM request: keys are read once and cached, spend is
/// written in batches by ``SpendWriter``. Errors are thrown as they come (the caller decides whether a
/// request fails or is served from the cache).
public protocol KeyStore: Sendable {
    /// Creates or upgrades the schema to the version this build knows; safe to call on every start.
    func migrate() async throws

    // MARK: Keys

    /// Stores a new key; throws ``KeyStoreError/duplicate`` when the hash or alias is taken.
    func insertKey(_ record: KeyRecord) async throws
    /// The key with this SHA-256, with its per-model spend.
    func key(hash: String) async throws -> KeyRecord?
    /// The key with this alias.
    func key(alias: String) async throws -> KeyRecord?
    /// A page of keys matching `filter`, newest first.
    func keys(_ filter: KeyFilter) async throws -> Page<KeyRecord>
    /// Writes every field of `record` except `spend` and `modelSpend`, which only spend writes change.
    /// Throws ``KeyStoreError/notFound`` when the key does not exist, ``KeyStoreError/duplicate`` when
    /// the new alias is taken.
    func updateKey(_ record: KeyRecord) async throws
    /// Replaces the key stored under `oldHash` by `record` (a regenerated key: new hash and name, same
    /// spend). Throws ``KeyStoreError/notFound`` when `oldHash` is unknown.
    func replaceKey(oldHash: String, with record: KeyRecord) async throws
    /// Deletes these keys; returns the hashes that existed.
    func deleteKeys(hashes: [String]) async throws -> [String]

    // MARK: Teams, users, customers

    /// Stores a new team; ``KeyStoreError/duplicate`` when the id is taken.
    func insertTeam(_ record: TeamRecord) async throws
    /// The team with this id, with its per-model spend.
    func team(id: String) async throws -> TeamRecord?
    /// A page of teams, oldest first.
    func teams(page: Int, size: Int) async throws -> Page<TeamRecord>
    /// Writes every field except `spend` and `modelSpend`; ``KeyStoreError/notFound`` when absent.
    func updateTeam(_ record: TeamRecord) async throws
    /// Deletes these teams; returns the ids that existed.
    func deleteTeams(ids: [String]) async throws -> [String]

    /// Stores a new user; ``KeyStoreError/duplicate`` when the id is taken.
    func insertUser(_ record: UserRecord) async throws
    /// The user with this id, with its per-model spend.
    func user(id: String) async throws -> UserRecord?
    /// A page of users, oldest first, optionally only those of one role.
    func users(role: String?, page: Int, size: Int) async throws -> Page<UserRecord>
    /// Writes every field except `spend` and `modelSpend`; ``KeyStoreError/notFound`` when absent.
    func updateUser(_ record: UserRecord) async throws
    /// Deletes these users; returns the ids that existed.
    func deleteUsers(ids: [String]) async throws -> [String]

    /// Stores a new customer; ``KeyStoreError/duplicate`` when the id is taken.
    func insertCustomer(_ record: CustomerRecord) async throws
    /// The customer with this id.
    func customer(id: String) async throws -> CustomerRecord?
    /// A page of customers, oldest first.
    func customers(page: Int, size: Int) async throws -> Page<CustomerRecord>
    /// Writes every field except `spend`; ``KeyStoreError/notFound`` when absent.
    func updateCustomer(_ record: CustomerRecord) async throws
    /// Deletes these customers; returns the ids that existed.
    func deleteCustomers(ids: [String]) async throws -> [String]

    // MARK: Spend

    /// Writes spend log rows and, in the same transaction, adds each row's spend to its key, team,
    /// user and customer (and to their per-model spend under the row's model group).
    ///
    /// Idempotent per ``SpendLogEntry/id``: a row already stored is skipped with its increments, so a
    /// batch may be retried after a failure whose commit outcome is unknown.
    func record(_ entries: [SpendLogEntry]) async throws
    /// Adds each entry's spend to its key, team, user, customer and per-model spend, as ``record(_:)``
    /// does, without storing the rows (`general_settings.disable_spend_logs`). Not idempotent: without
    /// rows there is nothing to recognise a retried batch by.
    func addSpend(_ entries: [SpendLogEntry]) async throws
    /// Spend log rows matching `filter`, newest first.
    func spendLogs(_ filter: SpendLogFilter) async throws -> [SpendLogRecord]
    /// Spend summed per UTC day, model group, key, team and customer for rows that started in `[from, to)`.
    func dailySpend(from: Date?, to: Date?) async throws -> [DailySpend]
    /// Total spend of rows that started at or after `since` (everything when `nil`).
    func totalSpend(since: Date?) async throws -> Double
    /// Resets the spend of every key, team, user and customer whose `budget_reset_at` is at or before
    /// `now`: spend and per-model spend go to zero, `budget_reset_at` moves to `nextReset(budgetDuration)`.
    /// Returns how many were reset.
    func resetBudgets(now: Date, nextReset: @Sendable (_ budgetDuration: String, _ now: Date) -> Date?) async throws -> Int

    /// Closes connections; the store is not used afterwards.
    func shutdown() async
}

extension KeyStore {
    /// Stores that keep no totals apart from their rows record the rows.
    public func addSpend(_ entries: [SpendLogEntry]) async throws {
        try await record(entries)
    }
}

/// A spend log row plus the unique id that makes writing it idempotent (the request id alone may
/// repeat: clients choose their own `x-request-id`).
public struct SpendLogEntry: Sendable, Equatable {
    /// Unique per row, generated by the gateway.
    public var id: String
    /// The row.
    public var record: SpendLogRecord

    /// An entry.
    public init(id: String, record: SpendLogRecord) {
        self.id = id
        self.record = record
    }
}

/// Which keys `/key/list` returns.
public struct KeyFilter: Sendable, Equatable {
    /// Only keys of this user.
    public var userID: String?
    /// Only keys of this team.
    public var teamID: String?
    /// Only the key with this alias.
    public var keyAlias: String?
    /// 1-based page number.
    public var page = 1
    /// Rows per page.
    public var size = 10

    /// Every key, first page of ten.
    public init() {}
}

/// Which spend log rows `/spend/logs` returns.
public struct SpendLogFilter: Sendable, Equatable {
    /// Only rows paid by this key hash.
    public var keyHash: String?
    /// Only rows of this user.
    public var userID: String?
    /// Only rows of this team.
    public var teamID: String?
    /// Only rows of this customer.
    public var customerID: String?
    /// Only rows of this request id.
    public var requestID: String?
    /// Only rows that started at or after this instant.
    public var start: Date?
    /// Only rows that started before this instant.
    public var end: Date?
    /// At most this many rows.
    public var limit = 1000

    /// Every row, up to the limit.
    public init() {}
}

/// One page of a listing.
public struct Page<Record: Sendable>: Sendable {
    /// The records on this page.
    public var items: [Record]
    /// How many records match in all.
    public var total: Int

    /// A page.
    public init(items: [Record], total: Int) {
        self.items = items
        self.total = total
    }
}

/// Spend summed over one UTC day for one model group, key, team and customer.
public struct DailySpend: Sendable, Equatable {
    /// `YYYY-MM-DD`, UTC.
    public var day: String
    /// The model group.
    public var modelGroup: String
    /// The key hash (empty for the master key).
    public var keyHash: String
    /// The team, if any.
    public var teamID: String?
    /// The customer, if any.
    public var customerID: String?
    /// USD.
    public var spend: Double
    /// Prompt tokens.
    public var promptTokens: Int
    /// Completion tokens.
    public var completionTokens: Int
    /// Number of requests.
    public var requests: Int

    /// A row.
    public init(
        day: String,
        modelGroup: String,
        keyHash: String,
        teamID: String?,
        customerID: String?,
        spend: Double,
        promptTokens: Int,
        completionTokens: Int,
        requests: Int
    ) {
        self.day = day
        self.modelGroup = modelGroup
        self.keyHash = keyHash
        self.teamID = teamID
        self.customerID = customerID
        self.spend = spend
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.requests = requests
    }
}

/// Why a store operation failed, beyond the database's own errors.
public enum KeyStoreError: Error, Sendable, Equatable {
    /// The id, hash or alias is already taken.
    case duplicate(String)
    /// No such record.
    case notFound(String)
    /// The database URL cannot be used.
    case invalidURL(String)
    /// The database holds a schema newer than this build knows.
    case schemaTooNew(found: Int, known: Int)
}
