import Hummingbird
import Logging
import ServiceLifecycle
import SwitchyardCore
import SwitchyardEngine
import UnixSignals

/// Assembles the HTTP application: middleware, routes and the server.
public enum GatewayApplication {
    /// Where and how the server listens.
    public struct Listener: Sendable {
        /// The address to bind.
        public var host: String
        /// The port to bind.
        public var port: Int

        /// A listener on `host:port`.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// The Switchyard version reported by `--version` and `/health/readiness`.
    public static let version = "0.1.0"

    /// The router with every route of the gateway.
    ///
    /// The path of one request, in order (docs/architecture.md tells the same story):
    /// 1. Read: `ErrorMiddleware` gives the request id and the body size limit; every error below becomes
    ///    the client dialect's error body. Unauthenticated probes (`/health/*`) answer here.
    /// 2. Authenticate: `AuthMiddleware`, the master key or a virtual key (`AccessControl.authenticate`, cached).
    /// 3. Admit: the dialect's handler parses the body (`ProxyRequest`); `Gateway.meter` admits it (model
    ///    access, budgets, rpm/tpm/parallel in one atomic counter call) and opens its `RequestMeter`.
    /// 4. Cache lookup: the slot the response cache will fill.
    /// 5. Route: `Gateway.call` runs `Router.route` with the caller's `permits` (every fallback group is
    ///    checked); each attempt goes through the deployment's adapter and `UpstreamExchange`.
    /// 6. Respond: JSON in the dialect's shape, or `StreamRun` piping the stream chunk by chunk through
    ///    `StreamLifecycle` and the dialect's `StreamCodec`.
    /// 7. Finish: `RequestMeter` ends the request once: counters settled at once, then one
    ///    `RequestRecord` to each `RequestObserver` (the spend log first).
    public static func makeRouter(gateway: Gateway) -> Router<GatewayContext> {
        routes(gateway: gateway, ids: RequestIDGenerator()).router
    }

    /// The responder the server runs: ``GatewayResponder`` over the router, answering the LLM routes
    /// without a parameter in their path directly, through the same middleware work and handlers.
    public static func makeResponder(gateway: Gateway) -> some HTTPResponder<GatewayContext> {
        let ids = RequestIDGenerator()
        let (router, direct) = routes(gateway: gateway, ids: ids)
        return GatewayResponder(
            router: router.buildResponder(),
            direct: direct.handlers,
            masterKey: gateway.configuration.masterKey,
            access: gateway.access,
            maxRequestBytes: gateway.configuration.maxRequestBytes,
            ids: ids
        )
    }

    /// The router, and the LLM routes that ``GatewayResponder`` may answer without it.
    static func routes(gateway: Gateway, ids: RequestIDGenerator) -> (router: Router<GatewayContext>, direct: DirectRoutes) {
        let router = Router(context: GatewayContext.self)
        var direct = DirectRoutes()
        router.add(middleware: ErrorMiddleware(maxRequestBytes: gateway.configuration.maxRequestBytes, ids: ids))
        HealthRoutes.register(on: router.group(), version: version, access: gateway.access)
        let protected = router.group().add(middleware: AuthMiddleware(masterKey: gateway.configuration.masterKey, access: gateway.access))
        ProxyRoutes.register(on: protected, gateway: gateway, direct: &direct)
        DialectRoutes.register(on: protected, gateway: gateway, direct: &direct)
        ModelRoutes.register(on: protected, gateway: gateway)
        HealthCheckRoutes.register(on: protected, gateway: gateway)
        AdminRoutes.register(on: protected, gateway: gateway)
        return (router, direct)
    }

    /// The gateway serving on `listener`: its HTTP server (``GatewayHTTPServer``) and the services it needs.
    public static func make(
        gateway: Gateway,
        listener: Listener,
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Server {
        let server = GatewayHTTPServer(
            host: listener.host,
            port: listener.port,
            responder: makeResponder(gateway: gateway),
            maxRequestBytes: gateway.configuration.maxRequestBytes,
            logger: logger,
            onRunning: onRunning
        )
        return Server(http: server, services: services(for: gateway), logger: logger)
    }

    /// The running gateway: the HTTP server and the background services, in one service group.
    public struct Server: Sendable {
        let http: GatewayHTTPServer
        let services: [any Service]
        let logger: Logger

        /// Runs until SIGTERM or SIGINT, then shuts down gracefully: the HTTP server first (requests in
        /// flight finish), then the background services.
        public func runService(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint]) async throws {
            // A service group shuts its services down in reverse order: the server is last, so first.
            let group = ServiceGroup(
                configuration: .init(services: services + [http], gracefulShutdownSignals: gracefulShutdownSignals, logger: logger)
            )
            try await group.run()
        }
    }
}
