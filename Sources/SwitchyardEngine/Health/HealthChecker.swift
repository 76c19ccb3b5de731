import NIOCore
import SwitchyardCore
import SwitchyardProviders

/// Checks deployments with a minimal real call through each one's adapter and transport.
///
/// A check goes straight to the deployment, not through the router: no retries, no fallbacks, no
/// cooldown or usage bookkeeping, so it says whether that one deployment answers. What it sends
/// depends on `model_info.mode` (see ``probe(for:)``); the answer must be a 2xx that the adapter can
/// read as a response. Any failure (error status, unreachable upstream, timeout, unreadable answer)
/// makes the deployment unhealthy, with the gateway error's message, credentials redacted.
///
/// Timeout: `model_info.health_check_timeout` when the operator set one; otherwise the deployment's
/// `timeout`, capped at ``maximumTimeout`` (60 s, LiteLLM's health check timeout), because a check
/// must not hang for the 10 minutes a long completion may be allowed.
///
/// Checks of many deployments run concurrently, at most ``concurrency`` at a time, so a long model
/// list does not open hundreds of upstream connections at once.
public struct HealthChecker: Sendable {
    /// The longest a check waits when the deployment's own `timeout` is longer (or unset), in seconds.
    public static let maximumTimeout: Double = 60
    /// Checks run at once by default.
    public static let defaultConcurrency = 8
    /// The largest answer body a check reads; a one-token answer is far smaller.
    package static let responseLimit = 1024 * 1024

    package let gateway: Gateway
    /// Checks run at once.
    public let concurrency: Int

    /// A checker of `gateway`'s deployments, running at most `concurrency` checks at once.
    public init(gateway: Gateway, concurrency: Int = HealthChecker.defaultConcurrency) {
        self.gateway = gateway
        self.concurrency = max(1, concurrency)
    }

    /// Checks every deployment the gateway serves.
    public func checkAll() async -> HealthReport {
        await check(gateway.configuration.deployments)
    }

    /// Checks `deployments`, ``concurrency`` at a time; the report keeps their order.
    ///
    /// Wildcard deployments without `model_info.health_check_model` are left out: they have no
    /// model of their own to ask for, and calling them unhealthy would take them out of rotation.
    public func check(_ deployments: [Deployment]) async -> HealthReport {
        var results = [EndpointHealth?](repeating: nil, count: deployments.count)
        await withTaskGroup(of: (Int, EndpointHealth?).self) { group in
            var next = 0
            func startNext() {
                guard next < deployments.count else { return }
                let index = next
                let deployment = deployments[index]
                group.addTask { (index, await self.check(deployment)) }
                next += 1
            }
            for _ in 0..<concurrency { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
        }
        return HealthReport(endpoints: results.compactMap { $0 })
    }

    /// Checks one deployment; nil when it cannot be checked (a wildcard without `health_check_model`).
    public func check(_ deployment: Deployment) async -> EndpointHealth? {
        guard let target = HealthChecker.target(for: deployment) else { return nil }
        let (endpoint, body) = HealthChecker.probe(for: target)
        let failure = await withDeadline(seconds: target.timeout ?? HealthChecker.maximumTimeout) {
            await probe(target, endpoint: endpoint, body: body)
        }
        return EndpointHealth(
            model: target.qualifiedModel,
            modelName: deployment.modelName,
            modelID: deployment.id,
            apiBase: EndpointHealth.displayedBase(deployment.apiBase),
            error: failure.map { EndpointHealth.redacting($0.message, of: deployment) }
        )
    }

    /// Sends the probe through the gateway's one upstream exchange (so Bedrock's are signed, Vertex AI's
    /// carry their token and project, Replicate's create and poll a prediction) and reads the answer;
    /// returns the failure, or nil when the deployment answered.
    package func probe(_ target: Deployment, endpoint: GatewayEndpoint, body: JSONObject) async -> GatewayError? {
        do throws(GatewayError) {
            let adapter = try gateway.adapter(for: target)
            let request = try adapter.makeRequest(endpoint, body: body, deployment: target, streaming: false)
            let response = try await gateway.exchange(with: target, adapter: adapter).send(request)
            let answer = try await UpstreamExchange.collect(response.body, limit: HealthChecker.responseLimit)
            _ = try adapter.translateResponse(answer, endpoint: endpoint, deployment: target)
            return nil
        } catch {
            return error
        }
    }

    /// Runs `operation`, or gives up with a timeout error after `seconds`; a backstop for transports
    /// that do not enforce the request's timeout themselves.
    package func withDeadline(seconds: Double, _ operation: @escaping @Sendable () async -> GatewayError?) async -> GatewayError? {
        await withTaskGroup(of: GatewayError??.self) { group in
            group.addTask { .some(await operation()) }
            group.addTask {
                do {
                    try await Task.sleep(for: .seconds(seconds))
                } catch {
                    return nil  // Cancelled: the probe finished first, or the whole check was cancelled.
                }
                return .some(HealthChecker.timeoutError(seconds: seconds))
            }
            defer { group.cancelAll() }
            while let outcome = await group.next() {
                if let outcome { return outcome }
            }
            return GatewayError(.timeout, "The health check was cancelled.", code: "cancelled")
        }
    }

    package static func timeoutError(seconds: Double) -> GatewayError {
        let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return GatewayError(.timeout, "The deployment did not answer the health check within \(shown) s.", code: "health_check_timeout")
    }
}
