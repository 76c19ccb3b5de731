import SwitchyardCore

/// The health of a set of deployments, as `GET /health` answers it.
public struct HealthReport: Sendable, Equatable {
    /// Every checked deployment, in config order.
    public var endpoints: [EndpointHealth]

    /// A report of `endpoints`.
    public init(endpoints: [EndpointHealth]) {
        self.endpoints = endpoints
    }

    /// The deployments whose check passed.
    public var healthy: [EndpointHealth] { endpoints.filter(\.isHealthy) }

    /// The deployments whose check failed.
    public var unhealthy: [EndpointHealth] { endpoints.filter { !$0.isHealthy } }

    /// The report restricted to the deployments with the given ids.
    public func filtered(toIDs ids: Set<String>) -> HealthReport {
        HealthReport(endpoints: endpoints.filter { ids.contains($0.modelID) })
    }

    /// LiteLLM's `/health` shape: `healthy_endpoints`, `unhealthy_endpoints` and their counts.
    public var json: JSONObject {
        let healthy = healthy
        let unhealthy = unhealthy
        return [
            "healthy_endpoints": .array(healthy.map { .object($0.json) }),
            "unhealthy_endpoints": .array(unhealthy.map { .object($0.json) }),
            "healthy_count": .number(JSONNumber(healthy.count)),
            "unhealthy_count": .number(JSONNumber(unhealthy.count)),
        ]
    }
}
