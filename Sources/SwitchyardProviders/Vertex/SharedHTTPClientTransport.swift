import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends requests with AsyncHTTPClient's process-wide shared client, which never needs shutting down.
///
/// For side exchanges an adapter makes itself, such as Vertex AI's token exchange: an adapter can be created and
/// dropped with a config reload, and a client it owned would have to be shut down first.
public struct SharedHTTPClientTransport: UpstreamTransport {
    /// The transport.
    public init() {}

    public func execute(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        var clientRequest = HTTPClientRequest(url: request.url)
        clientRequest.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { clientRequest.headers.add(name: header.name, value: header.value) }
        if let body = request.body { clientRequest.body = .bytes(body) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(clientRequest, timeout: .milliseconds(HTTPUpstreamTransport.milliseconds(request.timeout)))
        } catch {
            throw HTTPUpstreamTransport.gatewayError(for: error, timeout: request.timeout)
        }
        return UpstreamResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: UpstreamBody(response.body))
    }
}
