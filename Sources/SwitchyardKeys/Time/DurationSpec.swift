import Foundation

/// A span of time written the LiteLLM way: `30s`, `15m`, `2h`, `7d`, `1w`, `1mo`.
///
/// Used for key lifetimes (`duration`) and budget periods (`budget_duration`). A bare integer is
/// seconds. Units are lower case; spaces around the text are ignored. The count must be positive and
/// the span at most 1,000 years, so that date arithmetic stays exact. Months are calendar months (UTC).
public struct DurationSpec: Sendable, Hashable, CustomStringConvertible {
    /// The unit of a duration, spelled as in the text.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case seconds = "s"
        case minutes = "m"
        case hours = "h"
        case days = "d"
        case weeks = "w"
        case months = "mo"

        /// Seconds in one unit; `nil` for months, whose length depends on the calendar.
        public var seconds: Int? {
            switch self {
            case .seconds: 1
            case .minutes: 60
            case .hours: 3_600
            case .days: 86_400
            case .weeks: 604_800
            case .months: nil
            }
        }
    }

    /// How many units.
    public let count: Int
    /// The unit.
    public let unit: Unit

    /// Longest accepted span in seconds (about 1,000 years); months count as 31 days for this check.
    static let maximumSeconds = 1_000 * 366 * 86_400

    /// A duration of `count` units; `nil` unless `count` is positive and the span at most 1,000 years.
    public init?(count: Int, unit: Unit) {
        let unitSeconds = unit.seconds ?? 31 * 86_400
        let (seconds, overflow) = count.multipliedReportingOverflow(by: unitSeconds)
        guard count > 0, !overflow, seconds <= Self.maximumSeconds else { return nil }
        self.count = count
        self.unit = unit
    }

    /// Parses `30s`, `15m`, `2h`, `7d`, `1w`, `1mo`, or a bare number of seconds; `nil` for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
        let suffix = trimmed[digits.endIndex...]
        guard !digits.isEmpty, let count = Int(digits) else { return nil }
        let unit: Unit
        if suffix.isEmpty {
            unit = .seconds
        } else if let named = Unit(rawValue: String(suffix)) {
            unit = named
        } else {
            return nil
        }
        self.init(count: count, unit: unit)
    }

    /// The text form, `7d`; parses back to the same value.
    public var description: String { "\(count)\(unit.rawValue)" }

    /// The span in seconds, for fixed-length units; `nil` for months.
    public var seconds: Int? { unit.seconds.map { $0 * count } }

    /// `date` plus this span: the expiry of a key created at `date`.
    ///
    /// Months are calendar months in UTC; a day that the target month lacks becomes its last day
    /// (`2026-01-31` + `1mo` = `2026-02-28`), the time of day is kept.
    public func expiry(from date: Date) -> Date {
        if let seconds {
            return date.addingTimeInterval(TimeInterval(seconds))
        }
        return Self.utcCalendar.date(byAdding: .month, value: count, to: date) ?? .distantFuture
    }

    /// The Gregorian calendar in UTC: budgets and expiries do not move with anyone's daylight saving time.
    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        calendar.firstWeekday = 2
        return calendar
    }()
}
