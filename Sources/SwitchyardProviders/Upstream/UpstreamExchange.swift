import NIOCore
import SwitchyardCore

/// One exchange with one deployment, the only way the gateway talks to an upstream: requests,
/// health checks and the library all send through it, so none of them can forget a step.
///
/// In order: the adapter's ``RequestAuthenticator`` adds credentials that need the clock or the
/// network (SigV4 for Bedrock, an OAuth token and the project for Vertex AI); a ``CustomExecuting``
/// adapter runs its own exchange (Replicate's create-then-poll) over the transport, any other request
/// is sent as built; an error status becomes the adapter's ``GatewayError`` (read from at most
/// ``maxErrorBodyBytes`` of the body), which the router may retry. A 2xx response is returned with its
/// body unread.
public struct UpstreamExchange: Sendable {
    /// The deployment's dialect.
    public let adapter: any ProviderAdapter
    /// How bytes reach the deployment (HTTP, or the in-process simulator).
    public let transport: any UpstreamTransport
    /// The deployment called, with any per-request overrides already applied.
    public let deployment: Deployment

    /// The most of an upstream error body that is read (errors are small; a huge one is cut off).
    public static let maxErrorBodyBytes = 1024 * 1024

    /// An exchange with `deployment` through `adapter` and `transport`.
    public init(adapter: any ProviderAdapter, transport: any UpstreamTransport, deployment: Deployment) {
        self.adapter = adapter
        self.transport = transport
        self.deployment = deployment
    }

    /// Authenticates and sends `request` (built by ``adapter`` for ``deployment``); returns a 2xx response
    /// whose body is still to be read, or throws the adapter's error for the status.
    public func send(_ request: UpstreamRequest) async throws(GatewayError) -> UpstreamResponse {
        var request = request
        try await adapter.authenticator?.authenticate(&request, deployment: deployment)
        let response: UpstreamResponse
        if let custom = adapter as? any CustomExecuting {
            response = try await custom.execute(request, deployment: deployment, transport: transport)
        } else {
            do {
                response = try await transport.execute(request)
            } catch let error as GatewayError {
                throw error
            } catch {
                throw GatewayError(.upstreamUnavailable, "Upstream could not be reached: \(error).", code: "upstream_unreachable")
            }
        }
        guard (200..<300).contains(response.status) else {
            let body = try await Self.collect(response.body, limit: Self.maxErrorBodyBytes)
            throw adapter.translateError(status: response.status, headers: response.headers, body: body)
        }
        return response
    }

    /// Reads a whole upstream body of at most `limit` bytes, as a gateway error on failure.
    public static func collect(_ body: UpstreamBody, limit: Int) async throws(GatewayError) -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.upstreamUnavailable, "Upstream connection broke while sending the answer (\(error)).", code: "upstream_broken")
        }
    }
}
