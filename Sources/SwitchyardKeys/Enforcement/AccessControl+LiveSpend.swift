import Foundation
import SwitchyardState

/// Spend as the budget checks see it, for the management routes (`/key/info`, `/team/info`, …).
///
/// The database is written in batches, so a stored `spend` lags the requests that just ended by up to
/// `proxy_batch_write_at`. The spend counters do not: every finished request adds its cost at once.
/// These report the counter of the current budget period, so `/key/info` right after a request shows
/// its cost, exactly what the next budget check compares with `max_budget`.
extension AccessControl {
    /// `record` with its spend (and per-model spend) as the counters hold it now.
    public func withLiveSpend(_ record: KeyRecord) async -> KeyRecord {
        var copy = record
        copy.spend = await liveSpend(stored: record.spend, counter: SpendCounters.key(record.tokenHash, born: record.createdAt), record.limits)
        for (model, stored) in record.modelSpend {
            copy.modelSpend[model] = await liveSpend(
                stored: stored, counter: SpendCounters.key(record.tokenHash, born: record.createdAt, model: model), record.limits)
        }
        return copy
    }

    /// `record` with its spend (and per-model spend) as the counters hold it now.
    public func withLiveSpend(_ record: TeamRecord) async -> TeamRecord {
        var copy = record
        copy.spend = await liveSpend(stored: record.spend, counter: SpendCounters.team(record), record.limits)
        for (model, stored) in record.modelSpend {
            copy.modelSpend[model] = await liveSpend(stored: stored, counter: SpendCounters.team(record, model: model), record.limits)
        }
        return copy
    }

    /// `record` with its spend as the counters hold it now.
    public func withLiveSpend(_ record: UserRecord) async -> UserRecord {
        var copy = record
        copy.spend = await liveSpend(stored: record.spend, counter: SpendCounters.user(record), record.limits)
        return copy
    }

    /// `record` with its spend as the counters hold it now.
    public func withLiveSpend(_ record: CustomerRecord) async -> CustomerRecord {
        var copy = record
        copy.spend = await liveSpend(
            stored: record.spend, counter: SpendCounters.customer(record.customerID, born: record.createdAt), record.limits)
        return copy
    }

    /// The current period's counter, never below what the database holds for that period (a counter that
    /// was never seeded in this process reads zero). Once `budget_reset_at` has passed, the stored spend
    /// belongs to the last period and the counter alone is the spend. When the counters cannot be read,
    /// the stored value is reported and the reason logged.
    func liveSpend(stored: Double, counter prefix: String, _ limits: Limits) async -> Double {
        let period = SpendCounters.period(of: limits, at: now())
        let value: Double
        do {
            value = try await counters.values([SpendCounters.counter(prefix, period: period)]).first ?? 0
        } catch {
            logger.warning("spend counters unavailable; reporting stored spend", metadata: ["error": "\(String(describing: error).prefix(200))"])
            return stored
        }
        return period.seedable ? max(stored, value) : value
    }
}
