import Logging
import ServiceLifecycle
import SwitchyardCore

/// Background health checks (`general_settings.background_health_checks`): checks every deployment
/// at start and then every `health_check_interval` seconds, keeps the latest report for `GET /health`,
/// and takes failing deployments out of rotation until a later check passes.
///
/// A failing deployment is cooled down for twice the interval, so it stays out until the next run
/// decides again even if that run is a little late; a passing one is returned to rotation at once,
/// whatever put it out (a passed check is the freshest evidence there is). A deployment that cannot
/// be checked (a wildcard without `health_check_model`) is left alone.
///
/// On graceful shutdown the checks under way are cancelled and the service returns; the results of a
/// run cut short are not applied, so shutting down never cools anything down.
public struct HealthCheckService: Service {
    package let gateway: Gateway
    package let checker: HealthChecker
    /// The pause between the end of one run and the start of the next.
    public let interval: Duration
    package let sleep: @Sendable (Duration) async throws -> Void
    package let logger: Logger

    /// A service checking `gateway`'s deployments every `interval` (default: the gateway's
    /// `healthCheckInterval`, or 300 s when that is not a positive number).
    public init(
        gateway: Gateway,
        interval: Duration? = nil,
        concurrency: Int = HealthChecker.defaultConcurrency,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.gateway = gateway
        self.checker = HealthChecker(gateway: gateway, concurrency: concurrency)
        let seconds = gateway.configuration.healthCheckInterval
        // A year at most: a larger value from the config would overflow `Duration`.
        self.interval = interval ?? .seconds(seconds > 0 && seconds.isFinite ? min(seconds, 365 * 86_400) : 300)
        self.sleep = sleep
        self.logger = gateway.logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await self.runOnce()
                    try await self.sleep(self.interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown (or the service group's cancellation) ended the sleep: the normal way out.
        }
    }

    /// Checks every deployment once, stores the report and updates the router's cooldowns.
    @discardableResult
    public func runOnce() async -> HealthReport {
        let report = await checker.checkAll()
        guard !Task.isCancelled else { return report }
        let previous = gateway.healthReports.latest.map { Dictionary($0.endpoints.map { ($0.modelID, $0.isHealthy) }, uniquingKeysWith: { $1 }) }
        gateway.healthReports.update(report)
        let cooldowns = gateway.router.cooldowns
        for endpoint in report.endpoints {
            let metadata: Logger.Metadata = ["deployment": "\(endpoint.modelID)", "model_group": "\(endpoint.modelName)"]
            let wasHealthy = previous?[endpoint.modelID]
            if endpoint.isHealthy {
                cooldowns.clear(endpoint.modelID)
                if wasHealthy == false { logger.info("deployment passed its health check again; back in rotation", metadata: metadata) }
            } else {
                cooldowns.coolDown(endpoint.modelID, for: interval * 2)
                // Warn on the change only: a deployment that stays down would otherwise warn every interval.
                if wasHealthy != false { logger.warning("deployment failed its health check; out of rotation until it passes", metadata: metadata) }
            }
        }
        logger.debug(
            "background health check done",
            metadata: ["healthy": "\(report.healthy.count)", "unhealthy": "\(report.unhealthy.count)"]
        )
        return report
    }
}
