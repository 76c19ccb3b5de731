import NIOCore
import SwitchyardCore

extension OpenAIAdapter {
    public func makeRequest(
        _ endpoint: GatewayEndpoint,
        body: JSONObject,
        deployment: Deployment,
        streaming: Bool
    ) throws(GatewayError) -> UpstreamRequest {
        var upstreamBody = body
        upstreamBody["model"] = .string(deployment.upstreamModel)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(512)
        JSONValue.object(upstreamBody).write(to: &buffer)

        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(3 + deployment.headers.count)
        headers.append(("content-type", "application/json"))
        headers.append(("accept", streaming ? "text/event-stream" : "application/json"))
        if let key = deployment.apiKey?.reveal(), !key.isEmpty {
            switch spec.auth {
            case .bearer: headers.append(("authorization", "Bearer \(key)"))
            case .apiKeyHeader: headers.append(("api-key", key))
            }
        }
        for header in deployment.headers {
            headers.removeAll { $0.name.lowercased() == header.name.lowercased() }
            headers.append(header)
        }
        let timeout = (streaming ? deployment.streamTimeout : nil) ?? deployment.timeout ?? OpenAIAdapter.defaultTimeout
        return UpstreamRequest(
            method: "POST",
            url: try url(for: endpoint, deployment: deployment),
            headers: headers,
            body: buffer,
            timeout: timeout,
            streaming: streaming
        )
    }

    /// Seconds to wait for an answer when the deployment sets no `timeout` (LiteLLM's default is 600).
    public static let defaultTimeout: Double = 600

    /// The endpoint URL: `{api_base}/{endpoint}`, or Azure's `{api_base}/openai/deployments/{model}/{endpoint}?api-version=…`.
    func url(for endpoint: GatewayEndpoint, deployment: Deployment) throws(GatewayError) -> String {
        guard var base = deployment.apiBase ?? spec.defaultBase else {
            throw GatewayError(.internalError, "Deployment \(deployment.id) has no api_base.")
        }
        while base.hasSuffix("/") { base.removeLast() }
        guard spec.azureStyle else { return "\(base)/\(endpoint.rawValue)" }
        if base.hasSuffix("/openai") { base.removeLast("/openai".count) }
        let version = deployment.apiVersion ?? ProviderCatalog.defaultAzureAPIVersion
        let model = deployment.upstreamModel.addingPercentEncodingForPath()
        return "\(base)/openai/deployments/\(model)/\(endpoint.rawValue)?api-version=\(version.addingPercentEncodingForPath())"
    }
}

extension String {
    /// Percent-encodes everything but RFC 3986 unreserved characters, for one path segment or query value.
    func addingPercentEncodingForPath() -> String {
        var encoded = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += hex.count == 1 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return encoded
    }
}
