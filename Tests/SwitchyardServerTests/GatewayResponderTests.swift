import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardServer
import Testing

/// `GatewayResponder` answers the LLM routes without the router; every answer must be the one the router
/// gives (status, body, headers), whatever the request.
struct GatewayResponderTests {
    struct Call: CustomStringConvertible {
        var method: HTTPRequest.Method = .post
        var path: String
        var headers: HTTPFields = TestGateway.headers
        var body: String

        var description: String { "\(method) \(path) \(headers[.authorization] ?? "-") \(body.prefix(40))" }
    }

    struct Answer: Equatable {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static let chat = #"{"model":"gpt","messages":[{"role":"user","content":"hello"}]}"#
    static let messages = #"{"model":"gpt","max_tokens":16,"messages":[{"role":"user","content":"hello"}]}"#

    static let calls: [Call] = [
        Call(path: "/v1/chat/completions", body: chat),
        Call(path: "/chat/completions", body: chat),
        Call(path: "/v1/chat/completions", headers: [.contentType: "application/json"], body: chat),
        Call(path: "/v1/chat/completions", headers: [.authorization: "Bearer sk-wrong"], body: chat),
        Call(path: "/v1/chat/completions", headers: [.authorization: "Bearer not-a-virtual-key"], body: chat),
        Call(path: "/v1/chat/completions", headers: [HTTPField.Name("x-api-key")!: TestGateway.key], body: chat),
        Call(path: "/v1/chat/completions", body: #"{"model": "gpt", "messages": ["#),
        Call(path: "/v1/chat/completions", body: #"{"model":"nope","messages":[{"role":"user","content":"hi"}]}"#),
        Call(path: "/v1/chat/completions", body: #"[1,2]"#),
        Call(path: "/v1/chat/completions", body: String(repeating: "x", count: 5_000)),
        Call(path: "/v1/embeddings", body: #"{"model":"gpt","input":"hello"}"#),
        Call(path: "/v1/messages", body: messages),
        Call(path: "/v1/messages", body: #"{"model":"gpt""#),
        Call(path: "/anthropic/v1/messages", headers: [.contentType: "application/json"], body: messages),
        Call(path: "/v1/responses", body: #"{"model":"gpt","input":"hello"}"#),
        Call(method: .get, path: "/v1/chat/completions", body: ""),
        Call(path: "/v1/chat/completions/", body: chat),
        Call(path: "/openai/deployments/gpt/chat/completions", body: chat),
        Call(path: "/v1/chat/completions?x=1", body: chat),
        Call(
            path: "/v1/chat/completions", headers: TestGateway.headers + [HTTPField(name: ResponseHeadersTestNames.requestID, value: "req-1")],
            body: chat),
    ]

    /// Headers whose values differ between any two answers (ids made per request, durations).
    static let varying: Set<String> = ["x-request-id", "x-litellm-call-id", "x-litellm-response-duration-ms", "x-litellm-overhead-duration-ms"]

    func answers(_ app: some ApplicationProtocol) async throws -> [Answer] {
        try await app.test(.router) { client in
            var answers: [Answer] = []
            for call in Self.calls {
                let answer = try await client.execute(uri: call.path, method: call.method, headers: call.headers, body: ByteBuffer(string: call.body))
                {
                    response in
                    var headers: [String: String] = [:]
                    for field in response.headers {
                        let name = field.name.canonicalName
                        headers[name] = Self.varying.contains(name) && field.value != "req-1" ? "(varies)" : field.value
                    }
                    // The Responses API makes random ids for each answer.
                    let body = String(buffer: response.body).replacing(/(resp|msg)_[0-9a-f]{24}/) { "\($0.1)_(id)" }
                    return Answer(status: Int(response.status.code), headers: headers, body: body)
                }
                answers.append(answer)
            }
            return answers
        }
    }

    func gateway(masterKey: String?) -> Gateway {
        let transport = ScriptedTransport { request in
            request.url.hasSuffix("/embeddings")
                ? ScriptedTransport.json(
                    200,
                    #"{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}"#
                )
                : ScriptedTransport.json(200, ScriptedTransport.chatAnswer)
        }
        return TestGateway.gateway(transport, masterKey: masterKey) { $0.maxRequestBytes = 4_096 }
    }

    @Test(arguments: [TestGateway.key, nil])
    func answersEveryCallAsTheRouterDoes(masterKey: String?) async throws {
        let direct = try await answers(Application(responder: GatewayApplication.makeResponder(gateway: gateway(masterKey: masterKey))))
        let routed = try await answers(Application(router: GatewayApplication.makeRouter(gateway: gateway(masterKey: masterKey))))
        #expect(direct.count == Self.calls.count)
        for (index, call) in Self.calls.enumerated() {
            #expect(direct[index] == routed[index], "\(call)")
        }
        // The calls reach what they should: a success, the auth and body errors, the router's own 404.
        #expect(direct[0].status == 200)
        #expect(direct[3].status == (masterKey == nil ? 200 : 401))
        #expect(direct[6].status == 400)
        #expect(direct[9].status == 413)
        #expect(direct[11].status == 200)
        #expect(direct[19].headers["x-request-id"] == "req-1")
    }
}

enum ResponseHeadersTestNames {
    static let requestID = HTTPField.Name("x-request-id")!
}
