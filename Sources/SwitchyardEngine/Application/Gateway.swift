import Logging
import SwitchyardConfig
import SwitchyardCore
import SwitchyardKeys
import SwitchyardProviders
import SwitchyardRouting

/// Everything a request needs, built once from the config: router, adapters, transports and limits.
public final class Gateway: Sendable {
    /// The parts a gateway is assembled from.
    public struct Configuration: Sendable {
        /// The master key; `nil` serves without authentication (loopback only, unless the operator allows it).
        public var masterKey: Secret?
        /// The largest request body accepted, in bytes.
        public var maxRequestBytes: Int = Gateway.defaultMaxRequestBytes
        /// The largest non-streaming upstream body read, in bytes.
        public var maxResponseBytes: Int = 64 * 1024 * 1024
        /// The deployments that are served (already resolved against the provider catalog).
        public var deployments: [Deployment] = []
        /// Router settings.
        public var router = Router.Settings()
        /// Transports by provider prefix; providers not listed use ``defaultTransport``.
        public var transports: [String: any UpstreamTransport] = [:]
        /// The transport of every other provider (HTTP).
        public var defaultTransport: any UpstreamTransport
        /// The queue priority of requests that send none (`router_settings.default_priority`).
        public var defaultPriority = RouteOptions.defaultPriority
        /// Adapters by provider prefix.
        public var adapters: [String: any ProviderAdapter] = [:]
        /// `general_settings.background_health_checks`: check every deployment every ``healthCheckInterval``
        /// seconds, take failing ones out of rotation, and let `/health` serve the latest results.
        public var backgroundHealthChecks = false
        /// `general_settings.health_check_interval`: seconds between two background health checks.
        public var healthCheckInterval: Double = 300
        /// Virtual keys, budgets and spend; `nil` when the gateway runs without a master key (then there
        /// is nothing to manage: every request is the operator's own).
        public var access: AccessControl?
        /// Prices requests for spend: the built-in price table, under each deployment's own prices.
        public var costs = CostCalculator()
        /// Seconds between two batched spend writes (`general_settings.proxy_batch_write_at`).
        public var spendBatchWriteInterval: Double = 1
        /// What learns of every finished request, after the spend log (which is added when there is a
        /// key store). Each must return at once (see ``RequestObserver``).
        public var observers: [any RequestObserver] = []

        /// A configuration whose upstream calls go through `defaultTransport`.
        public init(defaultTransport: any UpstreamTransport) {
            self.defaultTransport = defaultTransport
        }
    }

    /// 32 MB, LiteLLM's default `max_request_size_mb`.
    public static let defaultMaxRequestBytes = 32 * 1024 * 1024

    /// The router over the served deployments.
    public let router: Router
    /// The latest background health report, written by ``HealthCheckService`` and read by `GET /health`.
    public let healthReports = HealthReportStore()
    package let configuration: Configuration
    package let logger: Logger
    /// The spend log (with a key store), then the configured observers.
    package let observers: [any RequestObserver]
    /// Ids of library calls (server requests take theirs from `ErrorMiddleware`).
    package let requestIDs = RequestIDGenerator()

    /// Virtual keys, budgets and spend, when the gateway has a key store.
    public var access: AccessControl? { configuration.access }
    /// Prices requests for spend.
    package var costs: CostCalculator { configuration.costs }

    /// A gateway from `configuration`.
    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.router = Router(deployments: configuration.deployments, settings: configuration.router)
        self.logger = logger
        self.observers = (configuration.access.map { [SpendLogObserver(writer: $0.spendWriter)] } ?? []) + configuration.observers
    }

    /// The adapter for a deployment's provider.
    package func adapter(for deployment: Deployment) throws(GatewayError) -> any ProviderAdapter {
        guard let adapter = configuration.adapters[deployment.provider] else {
            throw GatewayError(.internalError, "No adapter for provider `\(deployment.provider)`.")
        }
        return adapter
    }

    /// The transport for a deployment's provider.
    package func transport(for deployment: Deployment) -> any UpstreamTransport {
        configuration.transports[deployment.provider] ?? configuration.defaultTransport
    }
}
