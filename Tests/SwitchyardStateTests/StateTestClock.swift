import Foundation
import Synchronization

/// A clock the tests move by hand, so windows and expiry are exact and nothing sleeps.
final class StateTestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The clock as the stores take it.
    var reading: @Sendable () -> Date { { [self] in now } }
}
