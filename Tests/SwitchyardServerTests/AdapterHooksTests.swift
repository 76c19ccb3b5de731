import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardServer
import Synchronization
import Testing

/// The gateway's calls into the optional adapter capabilities: request authenticators, custom execution,
/// and the request-level `timeout` / `drop_params` reaching the adapter.
struct AdapterHooksTests {
    /// An OpenAI adapter that records what it was asked to build and signs requests with a header.
    struct SigningAdapter: ProviderAdapter, RequestAuthenticator {
        let base = OpenAIAdapter(spec: ProviderSpec(prefix: "openai", defaultBase: "http://upstream.test/v1", keyVariables: []))
        let seen: Seen

        final class Seen: Sendable {
            let deployments = Mutex<[Deployment]>([])
        }

        func makeRequest(_ endpoint: GatewayEndpoint, body: JSONObject, deployment: Deployment, streaming: Bool) throws(GatewayError)
            -> UpstreamRequest
        {
            seen.deployments.withLock { $0.append(deployment) }
            return try base.makeRequest(endpoint, body: body, deployment: deployment, streaming: streaming)
        }

        func translateResponse(_ body: ByteBuffer, endpoint: GatewayEndpoint, deployment: Deployment) throws(GatewayError) -> JSONObject {
            try base.translateResponse(body, endpoint: endpoint, deployment: deployment)
        }

        func makeStreamTranslator(endpoint: GatewayEndpoint, deployment: Deployment) -> any StreamTranslator {
            base.makeStreamTranslator(endpoint: endpoint, deployment: deployment)
        }

        func translateError(status: Int, headers: [(name: String, value: String)], body: ByteBuffer) -> GatewayError {
            base.translateError(status: status, headers: headers, body: body)
        }

        var authenticator: (any RequestAuthenticator)? { self }

        func authenticate(_ request: inout UpstreamRequest, deployment: Deployment) async throws(GatewayError) {
            request.headers.append(("x-signed-for", deployment.id))
        }
    }

    func gateway(_ transport: ScriptedTransport, adapter: any ProviderAdapter) -> Gateway {
        var configuration = Gateway.Configuration(defaultTransport: transport)
        configuration.deployments = [TestGateway.deployment("d1")]
        configuration.adapters["openai"] = adapter
        return Gateway(configuration: configuration, logger: Logger(label: "test"))
    }

    @Test func signsEveryRequestJustBeforeItIsSent() async throws {
        let transport = ScriptedTransport { _ in ScriptedTransport.json(200, ScriptedTransport.chatAnswer) }
        let seen = SigningAdapter.Seen()
        let router = gateway(transport, adapter: SigningAdapter(seen: seen))
        _ = try await router.chat(["model": "gpt", "messages": [["role": "user", "content": "hi"]]])
        #expect(transport.requests.withLock { $0.first?.header("x-signed-for") } == "d1")
    }

    @Test func handsTheRequestsTimeoutAndDropParamsToTheAdapter() async throws {
        let transport = ScriptedTransport { _ in ScriptedTransport.json(200, ScriptedTransport.chatAnswer) }
        let seen = SigningAdapter.Seen()
        let router = gateway(transport, adapter: SigningAdapter(seen: seen))
        _ = try await router.chat(["model": "gpt", "messages": [["role": "user", "content": "hi"]], "timeout": 7, "drop_params": true])
        let deployment = try #require(seen.deployments.withLock { $0.first })
        #expect(deployment.timeout == 7)
        #expect(deployment.dropParams)
        let sent = try #require(transport.sentBodies.first)
        #expect(sent["timeout"] == nil)
        #expect(sent["drop_params"] == nil)
    }
}
