import Hummingbird
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys

/// Kubernetes probes, unauthenticated like LiteLLM's: `/health/liveliness` (and `/health/liveness`)
/// says the process answers; `/health/readiness` says it is ready to serve traffic, and whether the key
/// database answers (`"db": "connected"`, as LiteLLM reports it). A gateway whose database does not
/// answer is not ready (503), unless `allow_requests_on_db_unavailable` lets it serve cached keys.
enum HealthRoutes {
    static func register(on router: RouterGroup<GatewayContext>, version: String, access: AccessControl? = nil) {
        let alive: @Sendable (Request, GatewayContext) async throws -> Response = { _, _ in
            ModelRoutes.json("I'm alive!")
        }
        router.get("/health/liveliness", use: alive)
        router.get("/health/liveness", use: alive)
        router.get("/health/readiness") { _, _ in
            var db: JSONValue = "Not connected"
            var ready = true
            if let access {
                let reachable = await access.databaseIsReachable()
                db = reachable ? "connected" : "disconnected"
                ready = reachable || access.servesDuringDatabaseOutage
            }
            var response = ModelRoutes.json([
                "status": ready ? "healthy" : "unhealthy",
                "db": db,
                "cache": nil,
                "switchyard_version": .string(version),
            ])
            if !ready { response.status = .serviceUnavailable }
            return response
        }
    }
}
