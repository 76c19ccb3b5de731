import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardServer
import Testing

/// `/v1/messages` served by an Anthropic deployment: the client's body goes upstream as it is (only
/// `model` replaced), and the answer comes back as Anthropic sent it.
struct AnthropicPassThroughTests {
    static let message =
        #"{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":3,"cache_read_input_tokens":10}}"#

    func app(_ transport: ScriptedTransport) -> some ApplicationProtocol {
        var deployment = Deployment(id: "claude-1", modelName: "claude", provider: "anthropic", upstreamModel: "claude-sonnet-4-20250514")
        deployment.apiBase = "http://anthropic.test/v1"
        deployment.apiKey = Secret("sk-ant-upstream")
        var configuration = Gateway.Configuration(defaultTransport: transport)
        configuration.masterKey = Secret(TestGateway.key)
        configuration.deployments = [deployment]
        configuration.adapters["anthropic"] = ProviderCatalog.standard.spec(for: "anthropic").flatMap {
            ProviderCatalog.standard.makeAdapter(for: $0)
        }
        return Application(router: GatewayApplication.makeRouter(gateway: Gateway(configuration: configuration, logger: Logger(label: "test"))))
    }

    @Test func sendsTheClientsOwnBodyKeepingWhatTranslationWouldLose() async throws {
        let transport = ScriptedTransport { _ in ScriptedTransport.json(200, Self.message) }
        let body =
            #"{"model":"claude","max_tokens":64,"system":[{"type":"text","text":"Long context","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"A doc"}},{"type":"text","text":"Summarise"}]}],"thinking":{"type":"enabled","budget_tokens":2000},"num_retries":1}"#
        let (status, answer) = try await app(transport).test(.router) { client in
            try await client.execute(uri: "/v1/messages", method: .post, headers: AnthropicMessagesRouteTests.headers, body: ByteBuffer(string: body))
            {
                (Int($0.status.code), $0.json?.objectValue)
            }
        }
        #expect(status == 200)
        let sent = try #require(transport.sentBodies.first)
        #expect(sent["model"] == "claude-sonnet-4-20250514")
        #expect(sent["system"]?.arrayValue?.first?.objectValue?["cache_control"] == ["type": "ephemeral"])
        #expect(sent["messages"]?.arrayValue?.first?.objectValue?["content"]?.arrayValue?.first?.objectValue?["type"] == "document")
        #expect(sent["thinking"] == ["type": "enabled", "budget_tokens": 2000])
        #expect(sent["num_retries"] == nil)
        #expect(transport.requests.withLock { $0.first?.url } == "http://anthropic.test/v1/messages")
        #expect(answer?["usage"]?.objectValue?["cache_read_input_tokens"] == 10)
        #expect(answer?["model"] == "claude")
    }

    @Test func pipesTheUpstreamsEventStreamWithThePublicModelName() async throws {
        let events =
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-20250514\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
        let transport = ScriptedTransport { _ in ScriptedTransport.pieces([events]) }
        let body = #"{"model":"claude","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#
        let text = try await app(transport).test(.router) { client in
            try await client.execute(uri: "/v1/messages", method: .post, headers: AnthropicMessagesRouteTests.headers, body: ByteBuffer(string: body))
            {
                String(buffer: $0.body)
            }
        }
        #expect(text == events.replacingOccurrences(of: "\"model\":\"claude-sonnet-4-20250514\"", with: "\"model\":\"claude\""))
        #expect(transport.sentBodies.first?["stream"] == true)
    }
}
