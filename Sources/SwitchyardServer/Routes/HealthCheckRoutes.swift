import Hummingbird
import SwitchyardCore
import SwitchyardEngine

/// `GET /health`: the health of every deployment (or of one model group with `?model=`, one
/// deployment with `?model_id=`), as LiteLLM answers it. Authenticated, like LiteLLM's: a check costs
/// upstream calls, so anonymous clients must not be able to trigger them.
///
/// Without background checks every request runs the checks now; with them, it serves the latest
/// background report, and runs the checks now only until the first background run has finished.
enum HealthCheckRoutes {
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        router.get("/health") { request, _ in
            let deployments = try deployments(for: request, gateway: gateway)
            let report: HealthReport
            if gateway.configuration.backgroundHealthChecks, let latest = gateway.healthReports.latest {
                report = latest.filtered(toIDs: Set(deployments.map(\.id)))
            } else {
                report = await HealthChecker(gateway: gateway).check(deployments)
            }
            return ModelRoutes.json(.object(report.json))
        }
    }

    /// The deployments a request asks about: `?model=` resolves like a request's `model` (aliases and
    /// wildcards included), `?model_id=` names one deployment, neither means all of them.
    static func deployments(for request: Request, gateway: Gateway) throws(GatewayError) -> [Deployment] {
        let query = request.uri.queryParameters
        if let model = query.get("model"), !model.isEmpty {
            guard let deployments = gateway.router.deployments(of: model) else { throw GatewayError.modelNotFound(model) }
            return deployments
        }
        if let id = query.get("model_id"), !id.isEmpty {
            let deployments = gateway.configuration.deployments.filter { $0.id == id }
            guard !deployments.isEmpty else {
                throw GatewayError(.notFound, "No deployment has the id `\(id)`.", param: "model_id", code: "model_not_found")
            }
            return deployments
        }
        return gateway.configuration.deployments
    }
}
