import Foundation
import SwitchyardState

/// Names of the spend counters and the budget period each counts in.
///
/// A period is named after the `budget_reset_at` it ends at, so every replica counts into the same
/// counter and a reset needs no coordination: once `budget_reset_at` passes, requests count into the
/// counter of the period they fall in (named after its end, the duration's next reset), which starts
/// at zero, whether or not the reset job has moved `budget_reset_at` on yet.
enum SpendCounters {
    /// The period a record's spend belongs to.
    struct Period: Equatable {
        /// Part of the counter name.
        var id: String
        /// Whether the stored spend belongs to this period (false once `budget_reset_at` has passed).
        var seedable: Bool
        /// When the counter may be forgotten.
        var expiresAt: Date?
    }

    static func period(of limits: Limits, at time: Date) -> Period {
        guard let resetAt = limits.budgetResetAt else { return Period(id: "all", seedable: true, expiresAt: nil) }
        let stamp = Int64(resetAt.timeIntervalSince1970)
        if time < resetAt { return Period(id: "p\(stamp)", seedable: true, expiresAt: resetAt.addingTimeInterval(86_400)) }
        // `budget_reset_at` has passed but the reset job (once a minute) has not moved it yet, or a period
        // shorter than the job's interval (`2s`) has passed several times since: the period `time` is in
        // ends at the duration's next reset, the same round UTC time the job will store. Naming the counter
        // after it keeps each period apart (a `30s` budget is not refused for the minute the job takes)
        // and lets the counter carry on under the same name once the job has run.
        if let duration = limits.budgetDuration.flatMap(DurationSpec.init) {
            let end = duration.nextReset(after: time)
            let name = Int64(end.timeIntervalSince1970)
            return Period(id: "p\(name)", seedable: false, expiresAt: end.addingTimeInterval(86_400))
        }
        return Period(id: "after\(stamp)", seedable: false, expiresAt: time.addingTimeInterval(86_400 * 40))
    }

    static func counter(_ prefix: String, period: Period) -> CounterKey {
        CounterKey("\(prefix):\(period.id)", expiresAt: period.expiresAt)
    }

    // Names carry when their record was created, so that a team, user, customer or key deleted and made
    // again under the same id starts from zero instead of inheriting the old one's spend.
    static func key(_ hash: String, born: Date) -> String { "spend:k:\(hash)@\(stamp(born))" }
    static func key(_ hash: String, born: Date, model: String) -> String { "spend:k:\(hash)@\(stamp(born)):m:\(model)" }
    static func team(_ record: TeamRecord) -> String { "spend:t:\(record.teamID)@\(stamp(record.createdAt))" }
    static func team(_ record: TeamRecord, model: String) -> String { "spend:t:\(record.teamID)@\(stamp(record.createdAt)):m:\(model)" }
    static func user(_ record: UserRecord) -> String { "spend:u:\(record.userID)@\(stamp(record.createdAt))" }
    static func customer(_ id: String, born: Date?) -> String { "spend:c:\(id)@\(born.map(stamp) ?? "new")" }

    static func stamp(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
}
