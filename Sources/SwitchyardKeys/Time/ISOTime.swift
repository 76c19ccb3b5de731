import Foundation

/// ISO 8601 timestamps as the admin API writes and reads them (`2026-11-21T10:00:00.000Z`).
///
/// Written and read by hand, with integer calendar arithmetic (proleptic Gregorian, UTC): it holds
/// no formatter, so it is safe from any thread (`ISO8601DateFormatter` is not `Sendable`), and it is
/// strict where Foundation's parsers are lenient (`T25:00` is rejected, not read as 01:00 next day).
public enum ISOTime {
    /// `date` in UTC with milliseconds and `Z`: `2026-11-21T10:00:00.000Z`.
    public static func format(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (days, millisecondOfDay) = floorDivision(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(fromDays: days)
        let second = millisecondOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):"
            + "\(pad(second % 60, 2)).\(pad(millisecondOfDay % 1000, 3))Z"
    }

    /// Parses a timestamp or a date; `nil` for anything else.
    ///
    /// Accepted: `2026-11-21T10:00:00.000Z`, `2026-11-21T10:00:00Z`, any number of fraction digits,
    /// an offset instead of `Z` (`2026-11-21T12:00:00+02:00`), no zone at all (read as UTC, the zone
    /// Switchyard stores), and a date alone (`2026-11-21`, its midnight UTC, as spend-log filters use it).
    public static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.trimmingCharacters(in: .whitespaces).utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = Double(days(fromYear: year, month: month, day: day)) * 86_400
        if scanner.atEnd { return Date(timeIntervalSince1970: seconds) }
        guard scanner.skip("T"), let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2), scanner.skip(":"),
            let second = scanner.digits(2), hour < 24, minute < 60, second < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if scanner.skip(".") {
            guard let fraction = scanner.fraction() else { return nil }
            seconds += fraction
        }
        if scanner.skip("Z") {
            // UTC.
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.digits(2), scanner.skip(":"), let offsetMinutes = scanner.digits(2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            seconds -= Double(sign * (offsetHours * 3600 + offsetMinutes * 60))
        }
        return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}

/// A cursor over the ASCII bytes of a timestamp.
private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    /// Exactly `count` decimal digits, as a number.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    /// One or more digits after a decimal point, as a fraction of a second.
    mutating func fraction() -> Double? {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard index > start, let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
        return value
    }

    /// `+1` or `-1` for an offset sign.
    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
