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
        let models = Array(record.modelSpend.keys)
        let live = await liveSpend(
            [(record.spend, SpendCounters.key(record.tokenHash, born: record.createdAt))]
                + models.map { (record.modelSpend[$0] ?? 0, SpendCounters.key(record.tokenHash, born: record.createdAt, model: $0)) },
            record.limits)
        copy.spend = live[0]
        for (model, spend) in zip(models, live.dropFirst()) { copy.modelSpend[model] = spend }
        return copy
    }

    /// `record` with its spend (and per-model spend) as the counters hold it now.
    public func withLiveSpend(_ record: TeamRecord) async -> TeamRecord {
        var copy = record
        let models = Array(record.modelSpend.keys)
        let live = await liveSpend(
            [(record.spend, SpendCounters.team(record))] + models.map { (record.modelSpend[$0] ?? 0, SpendCounters.team(record, model: $0)) },
            record.limits)
        copy.spend = live[0]
        for (model, spend) in zip(models, live.dropFirst()) { copy.modelSpend[model] = spend }
        return copy
    }

    /// `record` with its spend as the counters hold it now.
    public func withLiveSpend(_ record: UserRecord) async -> UserRecord {
        var copy = record
        copy.spend = await liveSpend([(record.spend, SpendCounters.user(record))], record.limits)[0]
        return copy
    }

    /// `record` with its spend as the counters hold it now.
    public func withLiveSpend(_ record: CustomerRecord) async -> CustomerRecord {
        var copy = record
        copy.spend = await liveSpend([(record.spend, SpendCounters.customer(record.customerID, born: record.createdAt))], record.limits)[0]
        return copy
    }

    /// The current period's value of each counter (one read of the counter store for all of them), never
    /// below what the database holds for that period (a counter that was never seeded in this process reads
    /// zero). Once `budget_reset_at` has passed, the stored spend belongs to the last period and the counter
    /// alone is the spend. When the counters cannot be read, the stored values are reported and the reason logged.
    func liveSpend(_ counters: [(stored: Double, prefix: String)], _ limits: Limits) async -> [Double] {
        let period = SpendCounters.period(of: limits, at: now())
        let values: [Double]
        do {
            values = try await self.counters.values(counters.map { SpendCounters.counter($0.prefix, period: period) })
        } catch {
            logger.warning("spend counters unavailable; reporting stored spend", metadata: ["error": "\(String(describing: error).prefix(200))"])
            return counters.map(\.stored)
        }
        return zip(counters, values).map { counter, value in period.seedable ? max(counter.stored, value) : value }
    }
}
