import Synchronization

/// Holds the latest report of the background health checks, shared by the service that writes it and
/// the route that reads it.
public final class HealthReportStore: Sendable {
    private let report = Mutex<HealthReport?>(nil)

    /// An empty store.
    public init() {}

    /// The latest complete report; nil until the first background run has finished.
    public var latest: HealthReport? { report.withLock { $0 } }

    /// Replaces the latest report.
    public func update(_ newReport: HealthReport) {
        report.withLock { $0 = newReport }
    }
}
