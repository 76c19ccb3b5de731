import Foundation
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// Durations and dates as the management API reads and writes them: `duration`, `budget_duration`,
/// ISO 8601 timestamps, and the `YYYY-MM-DD` dates of the spend routes.
enum AdminTime {
    /// `duration` / `budget_duration` text parsed, or a 400 naming the field.
    static func duration(_ text: String, param: String) throws(GatewayError) -> DurationSpec {
        guard let spec = DurationSpec(text) else {
            throw GatewayError(
                .badRequest,
                "Invalid \(param) '\(text)'. Use a number and a unit: 30s, 15m, 2h, 7d, 1w, 1mo.",
                param: param,
                code: "invalid_request_body"
            )
        }
        return spec
    }

    /// When a budget set now with `budgetDuration` next resets.
    static func nextReset(_ budgetDuration: String, after now: Date) throws(GatewayError) -> Date {
        try duration(budgetDuration, param: "budget_duration").nextReset(after: now)
    }

    /// An instant as LiteLLM's JSON shows it (ISO 8601, UTC), or `null`.
    static func json(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(ISOTime.format(date))
    }

    /// The start of a `start_date` / `end_date` query value: `YYYY-MM-DD` (midnight UTC) or ISO 8601.
    /// With `endOfDay`, a bare date means the end of that day, so `end_date=2026-01-31` includes the 31st.
    static func queryDate(_ text: String, param: String, endOfDay: Bool = false) throws(GatewayError) -> Date {
        if let day = day(text) {
            return endOfDay ? day.addingTimeInterval(86_400) : day
        }
        if let instant = ISOTime.parse(text) { return instant }
        throw GatewayError(
            .badRequest,
            "Invalid \(param) '\(text)'. Use YYYY-MM-DD or an ISO 8601 timestamp.",
            param: param,
            code: "invalid_request_body"
        )
    }

    /// The UTC day of an instant, `YYYY-MM-DD`.
    static func dayString(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 1970
        let month = parts.month ?? 1
        let day = parts.day ?? 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// Midnight UTC of a `YYYY-MM-DD` date.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    /// The Gregorian calendar in UTC.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()
}
