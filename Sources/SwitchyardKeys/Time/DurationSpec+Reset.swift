import Foundation

extension DurationSpec {
    /// When a budget with this period, checked at `now`, next resets to zero.
    ///
    /// Resets fall on round UTC times, as LiteLLM's `get_next_standardized_reset_time` (litellm
    /// 1.106) puts them, so every key with a `1d` budget resets at the same midnight whatever its
    /// creation time. The result is always later than `now`:
    ///
    /// | period | resets at | at 2026-11-21T10:35:20Z (a Saturday) |
    /// | --- | --- | --- |
    /// | `Ns` | the next multiple of N seconds counted from the start of the current minute | `30s` → 10:35:30 |
    /// | `Nm` | the next multiple of N minutes counted from the start of the current hour | `15m` → 10:45:00 |
    /// | `Nh` | the next multiple of N hours counted from today's midnight | `4h` → 12:00:00 |
    /// | `1d` | the next midnight | 2026-11-22T00:00 |
    /// | `7d`, `1w` | the next Monday, 00:00 | 2026-11-23T00:00 |
    /// | `30d` | the 1st of next month, 00:00 | 2026-12-01T00:00 |
    /// | other `Nd`, `Nw` | today's midnight plus N days (7N for weeks) | `3d` → 2026-11-24T00:00 |
    /// | `Nmo` | 00:00 on the 1st of the month N months after this one | `2mo` → 2027-01-01T00:00 |
    ///
    /// A multiple that passes midnight (`5h` at 22:00) lands on the next day (01:00), as in LiteLLM.
    /// LiteLLM rejects `Nmo` with N > 1; here it means the 1st of the month N months ahead.
    public func nextReset(after now: Date) -> Date {
        let time = Int(now.timeIntervalSince1970.rounded(.down))
        let midnight = Self.floor(time, to: 86_400)
        switch unit {
        case .seconds:
            return Self.nextMultiple(of: count, after: time, from: Self.floor(time, to: 60))
        case .minutes:
            return Self.nextMultiple(of: count * 60, after: time, from: Self.floor(time, to: 3_600))
        case .hours:
            return Self.nextMultiple(of: count * 3_600, after: time, from: midnight)
        case .days where count == 1:
            return Date(timeIntervalSince1970: TimeInterval(midnight + 86_400))
        case .days where count == 7, .weeks where count == 1:
            return Self.nextMonday(after: now, midnight: midnight)
        case .days where count == 30:
            return Self.firstOfMonth(monthsAhead: 1, from: now)
        case .days:
            return Date(timeIntervalSince1970: TimeInterval(midnight + count * 86_400))
        case .weeks:
            return Date(timeIntervalSince1970: TimeInterval(midnight + count * 7 * 86_400))
        case .months:
            return Self.firstOfMonth(monthsAhead: count, from: now)
        }
    }

    /// `value` rounded down to a multiple of `step` (also for times before 1970).
    private static func floor(_ value: Int, to step: Int) -> Int {
        let remainder = value % step
        return remainder < 0 ? value - remainder - step : value - remainder
    }

    /// The first `base + k × step` (k ≥ 1) later than `time`.
    private static func nextMultiple(of step: Int, after time: Int, from base: Int) -> Date {
        let steps = (time - base) / step + 1
        return Date(timeIntervalSince1970: TimeInterval(base + steps * step))
    }

    /// Monday 00:00 UTC after `now`; a Monday's own midnight has passed, so on a Monday it is a week on.
    private static func nextMonday(after now: Date, midnight: Int) -> Date {
        let daysSinceEpoch = floor(midnight, to: 86_400) / 86_400
        // 1970-01-01 was a Thursday: Monday-based weekday is (days + 3) mod 7.
        let weekday = ((daysSinceEpoch + 3) % 7 + 7) % 7
        let daysUntilMonday = weekday == 0 ? 7 : 7 - weekday
        return Date(timeIntervalSince1970: TimeInterval(midnight + daysUntilMonday * 86_400))
    }

    /// 00:00 UTC on the 1st of the month `monthsAhead` after the month of `now`.
    private static func firstOfMonth(monthsAhead: Int, from now: Date) -> Date {
        let calendar = utcCalendar
        var components = calendar.dateComponents([.year, .month], from: now)
        components.day = 1
        guard let first = calendar.date(from: components) else { return .distantFuture }
        return calendar.date(byAdding: .month, value: monthsAhead, to: first) ?? .distantFuture
    }
}
