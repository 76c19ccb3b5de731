import Foundation
import Logging
import SwitchyardCore
import SwitchyardState

/// Virtual keys on the request path: who is calling (``authenticate(_:)``), whether the call may
/// proceed (``admit(_:model:customerID:)``), and what it cost (``finish(_:outcome:)``).
///
/// Keys, teams, users and customers are cached in memory after their first use, so a request with a
/// known key costs no database round trip; the management routes invalidate what they change, and
/// entries are read again after ``Settings/cacheTTL`` so that changes made by another replica arrive.
/// Spend and rate counters live in a ``CounterStore`` (memory here, Redis when replicas share limits).
public final class AccessControl: Sendable {
    /// How access control behaves, from `general_settings` and `litellm_settings`.
    public struct Settings: Sendable {
        /// Seconds a cached key, team, user or customer is used before it is read again.
        public var cacheTTL: Double = 60
        /// `general_settings.allow_requests_on_db_unavailable`: serve cached keys while the database is down.
        public var allowRequestsOnDBUnavailable = false
        /// `general_settings.budget_exceeded_status_code`.
        public var budgetExceededStatus = 400
        /// `litellm_settings.max_end_user_budget`: the budget of customers that have none of their own.
        public var maxEndUserBudget: Double?
        /// `model_info.access_groups` of the deployments: access group → model groups in it.
        public var accessGroups: [String: Set<String>] = [:]

        /// Defaults.
        public init() {}
    }

    /// The user id under which the proxy-wide budget (`litellm_settings.max_budget`) is kept, as LiteLLM does.
    public static let proxyBudgetUserID = "litellm-proxy-budget"

    /// The durable store (SQLite or PostgreSQL).
    public let store: any KeyStore
    /// Spend, rate and in-flight counters.
    public let counters: any CounterStore
    /// Where finished requests' spend goes, batched.
    public let spendWriter: SpendWriter
    let settings: Settings
    let cache = KeyCache()
    let logger: Logger
    let now: @Sendable () -> Date

    /// Access control over `store` and `counters`.
    public init(
        store: any KeyStore,
        counters: any CounterStore = MemoryCounterStore(),
        settings: Settings = Settings(),
        spendWriter: SpendWriter? = nil,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.counters = counters
        self.settings = settings
        self.spendWriter = spendWriter ?? SpendWriter(store: store, logger: logger)
        self.logger = logger
        self.now = now
    }

    /// Whether the database answers a primary-key read within `limit` (for `/health/readiness`).
    public func databaseIsReachable(within limit: Duration = .seconds(2)) async -> Bool {
        do {
            _ = try await TimeLimit.run(limit) { [store] in try await store.user(id: AccessControl.proxyBudgetUserID) }
            return true
        } catch {
            return false
        }
    }

    /// Whether requests with cached keys are served while the database is down.
    public var servesDuringDatabaseOutage: Bool { settings.allowRequestsOnDBUnavailable }

    /// Forgets the cached key so that the next request reads it again (after update, block, delete).
    public func invalidateKey(hash: String) {
        cache.removeKey(hash: hash)
    }

    /// A key was regenerated: its spend still queued or still to come (requests in flight) goes to the
    /// new hash, and the new hash's spend counters start where the old ones stood, so the rotation
    /// neither loses spend nor resets the budget. Call after the store has replaced the key.
    public func keyReplaced(oldHash: String, with record: KeyRecord) async {
        spendWriter.redirect(keyHash: oldHash, to: record.tokenHash)
        cache.removeKey(hash: oldHash)
        cache.removeKey(hash: record.tokenHash)
        let period = SpendCounters.period(of: record.limits, at: now())
        var pairs = [(SpendCounters.key(oldHash, born: record.createdAt), SpendCounters.key(record.tokenHash, born: record.createdAt))]
        for model in record.modelSpend.keys {
            pairs.append(
                (
                    SpendCounters.key(oldHash, born: record.createdAt, model: model),
                    SpendCounters.key(record.tokenHash, born: record.createdAt, model: model)
                ))
        }
        for (old, new) in pairs {
            do {
                let value = try await counters.values([SpendCounters.counter(old, period: period)]).first ?? 0
                if value > 0 { try await counters.raise(SpendCounters.counter(new, period: period), toAtLeast: value) }
            } catch {
                logger.warning("spend counter not carried over to a regenerated key", metadata: ["error": "\(type(of: error))"])
            }
        }
    }

    /// Forgets the cached team and every cached key of it.
    public func invalidateTeam(id: String) {
        cache.removeKeys { $0.key?.teamID == id }
    }

    /// Forgets the cached user and every cached key of it.
    public func invalidateUser(id: String) {
        cache.removeKeys { $0.key?.userID == id }
        if id == AccessControl.proxyBudgetUserID { cache.removeProxyBudget() }
    }

    /// Forgets the cached customer.
    public func invalidateCustomer(id: String) {
        cache.removeCustomer(id: id)
    }
}
