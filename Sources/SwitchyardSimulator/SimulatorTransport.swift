import NIOCore
import SwitchyardCore
import SwitchyardProviders

/// An ``UpstreamTransport`` that answers from a ``SimulatorEngine`` in-process, with no socket:
/// what `simulator/NAME` deployments send their requests through.
///
/// Only the URL's path and query are read (`http://simulator.invalid/v1/chat/completions` routes
/// like `/v1/chat/completions`). Timeouts behave as a real transport's: a head later than
/// `request.timeout` (a latency fault, or the `timeout` fault) throws ``GatewayError`` `.timeout`
/// after waiting that long; in a streaming request, a pause between chunks longer than the timeout
/// makes the body throw `.timeout`. A cut stream throws `.upstreamUnavailable`.
public struct SimulatorTransport: UpstreamTransport {
    /// The engine that answers.
    public let engine: SimulatorEngine

    /// A transport answering from `engine`.
    public init(engine: SimulatorEngine = SimulatorEngine()) {
        self.engine = engine
    }

    public func execute(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let simulated = SimulatorRequest(
            method: request.method,
            path: Self.pathAndQuery(of: request.url),
            headers: request.headers,
            body: request.body
        )
        // A non-finite timeout means none; a negative one is already over.
        let timeout: Duration? = request.timeout.isFinite ? .seconds(max(request.timeout, 0)) : nil
        let response = try await engine.deliver(
            engine.decide(simulated),
            headTimeout: timeout,
            silenceLimit: request.streaming ? timeout : nil
        )
        switch response.body {
        case .complete(let buffer):
            return UpstreamResponse(status: response.status, headers: response.headers, body: UpstreamBody(buffer: buffer))
        case .stream(let stream):
            return UpstreamResponse(status: response.status, headers: response.headers, body: UpstreamBody(stream: stream))
        }
    }

    /// `/v1/x?y` from `http://host:port/v1/x?y`; a URL without a path is `/`.
    static func pathAndQuery(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url.hasPrefix("/") ? url : "/" + url }
        let afterScheme = url[scheme.upperBound...]
        guard let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let rest = afterScheme[slash...]
        return rest.hasPrefix("?") ? "/" + rest : String(rest)
    }
}
