import Foundation
import SwitchyardCore
import SwitchyardState

extension AccessControl {
    /// Lets a request for `model` through, or refuses it: 401 for a model the caller may not use,
    /// `budget_exceeded` when the key, its team, its user, the customer or the proxy is over budget,
    /// 429 when an rpm, tpm or parallel limit is reached.
    ///
    /// All budget and rate checks are one atomic ``CounterStore/acquire(_:)``: a request either takes its
    /// rpm and in-flight slots at every level or at none. Spend is added when requests end, so a key can
    /// overspend by at most what the requests in flight when it crossed its budget cost.
    public func admit(_ caller: Caller, model requested: String, customerID given: String?) async throws(GatewayError) -> Admission {
        let time = now()
        let customerID = given.map(StoredText.clean)
        let model = caller.key?.aliases[requested] ?? requested
        let permission = permission(of: caller)
        try checkModelAccess(permission, model: model)
        var admission = Admission(caller: caller, model: model, customerID: customerID, admittedAt: time)
        admission.permission = permission
        var checks: [LimitCheck] = []
        if let key = caller.key {
            let prefix = "k:\(key.tokenHash)"
            addChecks(
                for: key.limits, prefix: prefix, spend: SpendCounters.key(key.tokenHash, born: key.createdAt), scope: "key", at: time, into: &checks)
            addModelChecks(
                for: key.limits, prefix: prefix, spend: SpendCounters.key(key.tokenHash, born: key.createdAt, model: model), scope: "key",
                model: model, at: time, into: &checks)
        }
        if let team = caller.team {
            let scope = "team=\(team.teamAlias ?? team.teamID)"
            addChecks(for: team.limits, prefix: "t:\(team.teamID)", spend: SpendCounters.team(team), scope: scope, at: time, into: &checks)
            addModelChecks(
                for: team.limits, prefix: "t:\(team.teamID)", spend: SpendCounters.team(team, model: model), scope: scope, model: model,
                at: time, into: &checks)
        }
        if let user = caller.user {
            addChecks(
                for: user.limits, prefix: "u:\(user.userID)", spend: SpendCounters.user(user), scope: "user=\(user.userID)", at: time, into: &checks)
        }
        if let customerID, !customerID.isEmpty {
            let customer = try await self.customer(id: customerID, at: time)
            if customer?.blocked == true {
                throw GatewayError(.permissionDenied, "Customer \(customerID) is blocked.", param: "user", code: "customer_blocked")
            }
            if let customer, !ModelAccess(accessGroups: settings.accessGroups).allows(customer.models, model: model) {
                throw GatewayError(.authentication, "Customer \(customerID) is not allowed to access model=\(model).", code: "model_not_allowed")
            }
            if let customer, !customer.models.isEmpty { admission.permission.lists.append(("customer", customer.models)) }
            var limits = customer?.limits ?? Limits()
            if limits.maxBudget == nil { limits.maxBudget = settings.maxEndUserBudget }
            addChecks(
                for: limits, prefix: "c:\(customerID)", spend: SpendCounters.customer(customerID, born: customer?.createdAt),
                scope: "customer=\(customerID)", at: time, into: &checks)
        }
        if let proxy = try await proxyBudget(at: time) {
            addChecks(for: proxy.limits, prefix: "proxy", spend: SpendCounters.user(proxy), scope: "proxy", at: time, into: &checks)
        }
        guard !checks.isEmpty else { return admission }
        let decision: CounterDecision
        do {
            decision = try await counters.acquire(checks.map(\.increment))
        } catch {
            logger.error("rate-limit counters unavailable", metadata: ["error": "\(String(describing: error).prefix(200))"])
            throw GatewayError(.upstreamUnavailable, "Rate-limit state is unavailable; try again shortly.", code: "state_unavailable", status: 503)
        }
        switch decision {
        case .refused(let index, let value):
            throw checks[index].refusal(value: value, window: .minute, at: time, budgetStatus: settings.budgetExceededStatus)
        case .admitted(let values):
            record(checks, values: values, at: time, into: &admission)
            return admission
        }
    }

    /// Whether the caller may use `model` (key aliases applied); `/v1/models` lists only those.
    public func mayUse(_ caller: Caller, model: String) -> Bool {
        permission(of: caller).refusingList(caller.key?.aliases[model] ?? model) == nil
    }

    /// Refuses a model none of the caller's lists allow (401, naming the model, as LiteLLM does).
    func checkModelAccess(_ permission: ModelPermission, model: String) throws(GatewayError) {
        guard let (scope, list) = permission.refusingList(model) else { return }
        throw GatewayError(
            .authentication,
            "\(scope == "key" ? "API Key" : "The key's \(scope)") not allowed to access model. This \(scope) can only access models=\(list). Tried to access \(model)",
            param: "model",
            code: "model_not_allowed"
        )
    }

    /// The key's, its team's and its user's model lists (none for the master key).
    func permission(of caller: Caller) -> ModelPermission {
        guard let key = caller.key else { return ModelPermission(access: ModelAccess(accessGroups: settings.accessGroups)) }
        return ModelPermission(
            access: ModelAccess(accessGroups: settings.accessGroups),
            lists: [("key", key.models), ("team", caller.team?.models ?? []), ("user", caller.user?.models ?? [])],
            teamModels: caller.team?.models
        )
    }

    /// The spend (checked against `max_budget` when there is one, and added to when the request ends),
    /// rpm, tpm and parallel checks of one level (key, team, user, customer, proxy).
    func addChecks(for limits: Limits, prefix: String, spend: String, scope: String, at time: Date, into checks: inout [LimitCheck]) {
        let counter = SpendCounters.counter(spend, period: SpendCounters.period(of: limits, at: time))
        checks.append(
            LimitCheck(increment: CounterIncrement(counter, amount: 0, limit: limits.maxBudget, inclusive: false), kind: .budget, scope: scope))
        addRateChecks(rpm: limits.rpmLimit, tpm: limits.tpmLimit, prefix: prefix, scope: scope, model: nil, at: time, into: &checks)
        if let parallel = limits.maxParallelRequests {
            let counter = CounterKey("par:\(prefix)")
            checks.append(LimitCheck(increment: CounterIncrement(counter, amount: 1, limit: Double(parallel)), kind: .parallel, scope: scope))
        }
    }

    /// The per-model spend (against `model_max_budget`), rpm and tpm checks of a key or team.
    func addModelChecks(
        for limits: Limits, prefix: String, spend: String, scope: String, model: String, at time: Date, into checks: inout [LimitCheck]
    ) {
        let counter = SpendCounters.counter(spend, period: SpendCounters.period(of: limits, at: time))
        let budget = limits.modelMaxBudget[model]
        checks.append(
            LimitCheck(increment: CounterIncrement(counter, amount: 0, limit: budget, inclusive: false), kind: .budget, scope: scope, model: model))
        addRateChecks(
            rpm: limits.modelRPMLimit[model], tpm: limits.modelTPMLimit[model], prefix: "\(prefix):m:\(model)", scope: scope, model: model,
            at: time, into: &checks)
    }

    /// rpm (a request counted in this minute's window) and tpm (this minute's tokens under the limit).
    func addRateChecks(rpm: Int?, tpm: Int?, prefix: String, scope: String, model: String?, at time: Date, into checks: inout [LimitCheck]) {
        if let rpm {
            let counter = RateWindow.minute.key("rpm:\(prefix)", at: time)
            checks.append(LimitCheck(increment: CounterIncrement(counter, amount: 1, limit: Double(rpm)), kind: .rpm, scope: scope, model: model))
        }
        if let tpm {
            let counter = RateWindow.minute.key("tpm:\(prefix)", at: time)
            checks.append(
                LimitCheck(
                    increment: CounterIncrement(counter, amount: 0, limit: Double(tpm), inclusive: false), kind: .tpm, scope: scope, model: model))
        }
    }

    /// Notes what the admitted request holds and must add to, and its `x-ratelimit-*` headers (from the
    /// tightest rpm and tpm limit that applied).
    func record(_ checks: [LimitCheck], values: [Double], at time: Date, into admission: inout Admission) {
        var requests: (limit: Double, remaining: Double)?
        var tokens: (limit: Double, remaining: Double)?
        for (check, value) in zip(checks, values) {
            let limit = check.increment.limit
            switch check.kind {
            case .budget: admission.spendCounters.append(check.increment.key)
            case .parallel: admission.inFlight.append(check.increment.key)
            case .tpm:
                admission.tokenCounters.append(check.increment.key)
                if let limit, tokens.map({ limit - value < $0.remaining }) ?? true { tokens = (limit, max(0, limit - value)) }
            case .rpm:
                if let limit, requests.map({ limit - value < $0.remaining }) ?? true { requests = (limit, max(0, limit - value)) }
            }
        }
        let reset = "\(max(1, Int(RateWindow.minute.end(at: time).timeIntervalSince(time).rounded(.up))))s"
        if let requests {
            admission.headers += [
                ("x-ratelimit-limit-requests", String(Int(requests.limit))),
                ("x-ratelimit-remaining-requests", String(Int(requests.remaining))),
                ("x-ratelimit-reset-requests", reset),
            ]
        }
        if let tokens {
            admission.headers += [
                ("x-ratelimit-limit-tokens", String(Int(tokens.limit))),
                ("x-ratelimit-remaining-tokens", String(Int(tokens.remaining))),
                ("x-ratelimit-reset-tokens", reset),
            ]
        }
    }
}
