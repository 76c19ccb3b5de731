import Foundation
import PostgresKit
import SQLKit
import SQLiteKit
import SwitchyardCore

// Column readers that treat SQL NULL explicitly, so a NULL never reaches a non-optional decode.
extension SQLRow {
    func optional<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
        try decodeNil(column: column) ? nil : decode(column: column, as: T.self)
    }

    func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func double(_ column: String) throws -> Double {
        try optional(column, as: Double.self) ?? 0
    }

    func int(_ column: String) throws -> Int {
        try optional(column, as: Int.self) ?? 0
    }

    func bool(_ column: String) throws -> Bool {
        try optional(column, as: Bool.self) ?? false
    }

    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try decode(column: column, as: Double.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try optional(column, as: Double.self).map(Date.init(timeIntervalSince1970:))
    }

    /// The `data` column as a JSON object.
    func jsonObject(_ column: String) throws -> JSONObject {
        let text = try optional(column, as: String.self) ?? "{}"
        do {
            guard let object = try JSONValue(parsing: text).objectValue else {
                throw StoredDataError(column: column, reason: "not a JSON object")
            }
            return object
        } catch let error as JSONParseError {
            throw StoredDataError(column: column, reason: "invalid JSON: \(error)")
        }
    }
}

/// A row whose JSON column cannot be read back: written by something other than Switchyard, or corrupted.
struct StoredDataError: Error, CustomStringConvertible {
    var column: String
    var reason: String
    var description: String { "key store column '\(column)': \(reason)" }
}

extension Date {
    /// Seconds since 1970, as the store keeps every date.
    var storedValue: Double { timeIntervalSince1970 }

    /// `YYYY-MM-DD` of this instant in UTC, computed without a calendar so both dialects see the same day.
    var utcDay: String {
        let days = Int((timeIntervalSince1970 / 86_400).rounded(.down))
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // Written digit by digit: `String(format:)` went through Foundation's formatter, a measurable part of
        // the spend writer's time per row.
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}

extension SQLKeyStore {
    /// Whether `error` is the database refusing a duplicate primary key or unique value.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            return error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw
        }
        if let error = error as? SQLiteError {
            return [.constraint, .constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
        }
        return false
    }
}
