import Hummingbird
import Logging
import SwitchyardCore

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
    /// The path of one request, in order:
    /// 1. `ErrorMiddleware`: request id, body size limit; every error below becomes an OpenAI error body.
    /// 2. Unauthenticated probes (`/health/*`) answer here.
    /// 3. `AuthMiddleware`: master key, or a virtual key (`AccessControl.authenticate`, from its cache).
    /// 4. `ProxyHandler`: read and check the body; `Gateway.meter` admits it (model access, budgets,
    ///    rpm/tpm/parallel limits in one atomic counter call); then `Router.route` picks a deployment
    ///    (strategy), runs the attempt and retries on failure.
    /// 5. The deployment's `ProviderAdapter` builds the upstream request; its `UpstreamTransport`
    ///    (pooled AsyncHTTPClient, or the in-process simulator) sends it.
    /// 6. The answer flows back the same way: JSON with the public model name, or SSE chunk by chunk.
    /// 7. `RequestMeter` ends the request: usage → cost → counters at once, spend log row to the
    ///    batched `SpendWriter` (written off the request path).
    public static func makeRouter(gateway: Gateway) -> Router<GatewayContext> {
        let router = Router(context: GatewayContext.self)
        router.add(middleware: ErrorMiddleware(maxRequestBytes: gateway.configuration.maxRequestBytes))
        HealthRoutes.register(on: router.group(), version: version, access: gateway.access)
        let protected = router.group().add(middleware: AuthMiddleware(masterKey: gateway.configuration.masterKey, access: gateway.access))
        ProxyRoutes.register(on: protected, handler: ProxyHandler(gateway: gateway))
        DialectRoutes.register(on: protected, gateway: gateway)
        ModelRoutes.register(on: protected, gateway: gateway)
        HealthCheckRoutes.register(on: protected, gateway: gateway)
        AdminRoutes.register(on: protected, gateway: gateway)
        return router
    }

    /// The application serving `gateway` on `listener`.
    public static func make(gateway: Gateway, listener: Listener, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: makeRouter(gateway: gateway),
            configuration: .init(address: .hostname(listener.host, port: listener.port), serverName: nil, backlog: 4096),
            services: services(for: gateway),
            logger: logger
        )
    }
}
