import Foundation

/// A fixed window of time (a minute for rpm and tpm): counters are named after the window they
/// count in, so a new window starts at zero on every replica at the same instant, with no reset job.
public struct RateWindow: Sendable, Equatable {
    /// The window length in seconds.
    public var seconds: Int

    /// One minute, the window of `rpm_limit` and `tpm_limit`.
    public static let minute = RateWindow(seconds: 60)

    /// A window of `seconds` (at least one).
    public init(seconds: Int) {
        self.seconds = max(1, seconds)
    }

    /// The index of the window that contains `date`.
    public func index(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(seconds)).rounded(.down))
    }

    /// When the window containing `date` ends.
    public func end(at date: Date) -> Date {
        Date(timeIntervalSince1970: Double(index(at: date) + 1) * Double(seconds))
    }

    /// The counter `prefix` for the window containing `date`, expiring when the window ends.
    public func key(_ prefix: String, at date: Date) -> CounterKey {
        CounterKey("\(prefix):\(index(at: date))", expiresAt: end(at: date))
    }
}
