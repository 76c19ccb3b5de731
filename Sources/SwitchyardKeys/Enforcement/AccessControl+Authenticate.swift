import Foundation
import SwitchyardCore

extension AccessControl {
    /// The caller behind a presented virtual key, or the error the client gets: 401 for an unknown,
    /// expired or blocked key, 503 when the database cannot be read and the key is not cached (or the
    /// operator did not allow serving from the cache during an outage).
    public func authenticate(_ presentedKey: String) async throws(GatewayError) -> Caller {
        let hash = VirtualKey.hash(presentedKey)
        let time = now()
        let caller: Caller
        if let entry = cache.key(hash: hash), time.timeIntervalSince(entry.loadedAt) < settings.cacheTTL {
            caller = entry.value
        } else {
            caller = try await load(hash: hash, at: time, stale: cache.key(hash: hash)?.value)
        }
        try check(caller, at: time)
        return caller
    }

    /// Reads a key with its team and user, seeds their spend counters and caches them.
    func load(hash: String, at time: Date, stale: Caller?) async throws(GatewayError) -> Caller {
        let generation = cache.generation
        let found: KeyRecord?
        let team: TeamRecord?
        let user: UserRecord?
        do {
            found = try await store.key(hash: hash)
            team = try await found?.teamID.asyncFlatMap { try await store.team(id: $0) }
            user = try await found?.userID.asyncFlatMap { try await store.user(id: $0) }
        } catch {
            if let stale, settings.allowRequestsOnDBUnavailable {
                logger.warning("key database unavailable; serving a cached key", metadata: ["error": "\(type(of: error))"])
                // Served from the cache for another TTL: the next requests do not wait on the database again.
                cache.store(stale, hash: hash, at: time, loadedSince: generation)
                return stale
            }
            logger.error("key database unavailable", metadata: ["error": "\(String(describing: error).prefix(200))"])
            throw AccessControl.databaseUnavailable
        }
        guard let key = found else {
            cache.removeKey(hash: hash)
            throw GatewayError.invalidAPIKey("Invalid proxy server token passed. The key is not known (it may have been deleted).")
        }
        let role: Caller.Role = user?.userRole == "proxy_admin" ? .admin : .key
        let caller = Caller(role: role, key: key, team: team, user: user)
        await seedSpend(of: caller, at: time)
        cache.store(caller, hash: hash, at: time, loadedSince: generation)
        return caller
    }

    /// Refuses blocked and expired keys and keys of blocked teams.
    func check(_ caller: Caller, at time: Date) throws(GatewayError) {
        guard let key = caller.key else { return }
        if key.blocked {
            throw GatewayError(.authentication, "Authentication Error - This key is blocked. Unblock it with /key/unblock.", code: "key_blocked")
        }
        if let expires = key.expires, expires <= time {
            throw GatewayError(
                .authentication,
                "Authentication Error - Expired Key. Key expired at \(ISOTime.format(expires)).",
                code: "key_expired"
            )
        }
        if caller.team?.blocked == true {
            throw GatewayError(.authentication, "Authentication Error - The key's team is blocked.", code: "team_blocked")
        }
    }

    /// Raises the in-memory spend counters to what the database says was spent in the current budget
    /// period (never lowers them: this process may have counted spend not yet written).
    func seedSpend(of caller: Caller, at time: Date) async {
        var seeds: [(String, Limits, Double)] = []
        if let key = caller.key {
            seeds.append((SpendCounters.key(key.tokenHash, born: key.createdAt), key.limits, key.spend))
            for (model, spend) in key.modelSpend {
                seeds.append((SpendCounters.key(key.tokenHash, born: key.createdAt, model: model), key.limits, spend))
            }
        }
        if let team = caller.team {
            seeds.append((SpendCounters.team(team), team.limits, team.spend))
            for (model, spend) in team.modelSpend { seeds.append((SpendCounters.team(team, model: model), team.limits, spend)) }
        }
        if let user = caller.user { seeds.append((SpendCounters.user(user), user.limits, user.spend)) }
        await seed(seeds, at: time)
    }

    /// Raises each named spend counter of the period `limits` is in to at least `spend`; a period the
    /// database has not reset yet is a new period, and starts from zero.
    func seed(_ seeds: [(String, Limits, Double)], at time: Date) async {
        for (prefix, limits, spend) in seeds where spend > 0 {
            let period = SpendCounters.period(of: limits, at: time)
            guard period.seedable else { continue }
            do {
                try await counters.raise(SpendCounters.counter(prefix, period: period), toAtLeast: spend)
            } catch {
                logger.warning("spend counter could not be seeded", metadata: ["error": "\(type(of: error))"])
            }
        }
    }

    /// The error of a request that needs the database while it is down.
    static let databaseUnavailable = GatewayError(
        .upstreamUnavailable,
        "The key database is unavailable; try again shortly.",
        code: "database_unavailable",
        status: 503,
        retryAfter: 1
    )
}

extension Optional where Wrapped: Sendable {
    /// `flatMap` with an async throwing transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
