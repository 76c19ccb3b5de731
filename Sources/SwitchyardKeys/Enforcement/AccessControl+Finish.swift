import Foundation
import SwitchyardCore
import SwitchyardState

/// How one request ended: what the spend log and the counters learn from it.
public struct RequestOutcome: Sendable {
    /// The request's id (`x-request-id`).
    public var requestID: String
    /// `call_type`: `completion`, `embedding`, `text_completion`, `anthropic_messages`, `responses`.
    public var callType: String
    /// The upstream model that answered (or was last tried).
    public var model: String
    /// The deployment that answered.
    public var deploymentID: String?
    /// The deployment's `api_base`.
    public var apiBase: String?
    /// Prompt tokens (from the upstream's usage, or estimated).
    public var promptTokens = 0
    /// Completion tokens (from the upstream's usage, or estimated).
    public var completionTokens = 0
    /// Cost in USD.
    public var cost: Double = 0
    /// When the first streamed byte arrived from the upstream.
    public var firstTokenAt: Date?
    /// Whether the answer came from the cache.
    public var cacheHit = false
    /// The error kind when the request failed; `nil` on success.
    public var errorKind: String?

    /// An outcome with no usage yet.
    public init(requestID: String, callType: String, model: String) {
        self.requestID = requestID
        self.callType = callType
        self.model = model
    }
}

extension AccessControl {
    /// Ends an admitted request: gives back its in-flight slots, adds its tokens to the tpm windows
    /// and its cost to every spend counter it was checked against (at once, so the next request sees
    /// it), and queues its spend log row for the batched writer. Never fails the request.
    public func finish(_ admission: Admission, outcome: RequestOutcome) async {
        await settle(admission, outcome: outcome)
        spendWriter.enqueue(spendLogRow(admission, outcome: outcome))
    }

    /// The counter half of ``finish(_:outcome:)``: in-flight slots back, tokens and cost added (at once, so
    /// the next request's checks see them). The gateway writes the spend log row through its observer.
    public func settle(_ admission: Admission, outcome: RequestOutcome) async {
        var changes: [CounterIncrement] = admission.inFlight.map { CounterIncrement($0, amount: -1) }
        let tokens = Double(outcome.promptTokens + outcome.completionTokens)
        if tokens > 0 { changes += admission.tokenCounters.map { CounterIncrement($0, amount: tokens) } }
        if outcome.cost > 0 { changes += admission.spendCounters.map { CounterIncrement($0, amount: outcome.cost) } }
        if !changes.isEmpty {
            do {
                try await counters.add(changes)
            } catch {
                logger.error("counters could not be updated", metadata: ["error": "\(String(describing: error).prefix(200))"])
            }
        }
        if outcome.cost > 0 { await noteSoftBudget(of: admission, cost: outcome.cost) }
    }

    /// The spend log row of an admitted request that ended now with `outcome`.
    func spendLogRow(_ admission: Admission, outcome: RequestOutcome) -> SpendLogRecord {
        SpendLogRecord(
            outcome, keyHash: admission.caller.key?.tokenHash ?? "", userID: admission.caller.key?.userID,
            teamID: admission.caller.key?.teamID, customerID: admission.customerID, modelGroup: admission.model,
            startTime: admission.admittedAt, endTime: now())
    }

    /// Logs a warning when this request took its key over the key's `soft_budget` (once per crossing).
    func noteSoftBudget(of admission: Admission, cost: Double) async {
        guard let key = admission.caller.key, let soft = key.limits.softBudget else { return }
        let period = SpendCounters.period(of: key.limits, at: admission.admittedAt)
        let counter = SpendCounters.counter(SpendCounters.key(key.tokenHash, born: key.createdAt), period: period)
        guard let spend = try? await counters.values([counter]).first, spend >= soft, spend - cost < soft else { return }
        logger.warning(
            "key crossed its soft budget",
            metadata: ["key_name": "\(key.keyName)", "key_alias": "\(key.keyAlias ?? "")", "spend": "\(spend)", "soft_budget": "\(soft)"]
        )
    }

    /// The customer named by a request's `user` field, cached like keys; `nil` when never created.
    func customer(id: String, at time: Date) async throws(GatewayError) -> CustomerRecord? {
        let cached = cache.customer(id: id)
        if let cached, time.timeIntervalSince(cached.loadedAt) < settings.cacheTTL { return cached.value }
        let generation = cache.generation
        do {
            let customer = try await store.customer(id: id)
            if let customer {
                await seed([(SpendCounters.customer(id, born: customer.createdAt), customer.limits, customer.spend)], at: time)
            }
            cache.store(customer: customer, id: id, at: time, loadedSince: generation)
            return customer
        } catch {
            // The operator chose availability over checks during an outage: a customer not read yet is served as one
            // without a record (the default end-user budget still applies), rather than failing a cached key's request.
            if settings.allowRequestsOnDBUnavailable {
                logger.warning("key database unavailable; serving the customer from the cache", metadata: ["error": "\(type(of: error))"])
                // Kept for another TTL, as keys are: the next requests do not wait on the database again.
                cache.store(customer: cached?.value ?? nil, id: id, at: time, loadedSince: generation)
                return cached?.value ?? nil
            }
            throw AccessControl.databaseUnavailable
        }
    }

    /// The proxy-wide budget (`litellm_settings.max_budget`), kept as LiteLLM does under the user
    /// ``proxyBudgetUserID``; `nil` when none is set.
    func proxyBudget(at time: Date) async throws(GatewayError) -> UserRecord? {
        let cached = cache.proxyBudget
        if let cached, time.timeIntervalSince(cached.loadedAt) < settings.cacheTTL { return cached.value }
        do {
            let user = try await store.user(id: AccessControl.proxyBudgetUserID)
            let budget = user?.limits.maxBudget == nil ? nil : user
            if let budget { await seed([(SpendCounters.user(budget), budget.limits, budget.spend)], at: time) }
            cache.store(proxyBudget: budget, at: time)
            return budget
        } catch {
            // No proxy budget known (none configured, or never read): nothing to check. A known one is kept for
            // another TTL when serving through an outage is allowed.
            guard let cached, let budget = cached.value else { return nil }
            if settings.allowRequestsOnDBUnavailable {
                cache.store(proxyBudget: budget, at: time)
                return budget
            }
            throw AccessControl.databaseUnavailable
        }
    }

    /// Writes the proxy budget from the config (`litellm_settings.max_budget`, `budget_duration`) to the
    /// store, keeping its spend; removes its limit when the config no longer sets one.
    public func configureProxyBudget(maxBudget: Double?, budgetDuration: String?, nextReset: Date?) async throws {
        let time = now()
        if var user = try await store.user(id: AccessControl.proxyBudgetUserID) {
            let durationChanged = user.limits.budgetDuration != budgetDuration
            user.limits.maxBudget = maxBudget
            user.limits.budgetDuration = budgetDuration
            if durationChanged || user.limits.budgetResetAt == nil { user.limits.budgetResetAt = nextReset }
            user.updatedAt = time
            try await store.updateUser(user)
        } else if maxBudget != nil {
            var user = UserRecord(userID: AccessControl.proxyBudgetUserID, createdAt: time)
            user.userRole = "proxy_budget"
            user.limits.maxBudget = maxBudget
            user.limits.budgetDuration = budgetDuration
            user.limits.budgetResetAt = nextReset
            try await store.insertUser(user)
        }
        cache.removeProxyBudget()
    }
}

/// Text from a request made safe to store: PostgreSQL refuses NUL in text (a row carrying one would fail
/// its whole batch on every retry), and no column needs more than a few hundred characters.
public enum StoredText {
    static let maximumLength = 256

    public static func clean(_ text: String) -> String {
        guard text.utf8.count > maximumLength || text.utf8.contains(0) else { return text }
        return String(text.unicodeScalars.filter { $0 != "\0" }.prefix(maximumLength).map(Character.init))
    }
}

extension SpendLogRecord {
    /// The row of a request that ended with `outcome`, for the caller and model group named: texts cleaned
    /// for storage, a cost that is not a finite non-negative number stored as 0, the error kind in `metadata`.
    public init(
        _ outcome: RequestOutcome, keyHash: String, userID: String?, teamID: String?, customerID: String?, modelGroup: String,
        startTime: Date, endTime: Date
    ) {
        self.init(
            requestID: outcome.requestID,
            callType: outcome.callType,
            keyHash: keyHash,
            spend: outcome.cost.isFinite ? max(0, outcome.cost) : 0,
            promptTokens: outcome.promptTokens,
            completionTokens: outcome.completionTokens,
            startTime: startTime,
            endTime: endTime,
            model: StoredText.clean(outcome.model),
            modelGroup: StoredText.clean(modelGroup),
            status: outcome.errorKind == nil ? "success" : "failure"
        )
        completionStartTime = outcome.firstTokenAt
        modelID = outcome.deploymentID
        apiBase = outcome.apiBase
        self.userID = userID
        self.teamID = teamID
        self.customerID = customerID
        cacheHit = outcome.cacheHit
        if let errorKind = outcome.errorKind { metadata["error"] = .string(errorKind) }
    }
}
