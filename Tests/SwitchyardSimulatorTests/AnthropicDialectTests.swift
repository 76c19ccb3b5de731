import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardSimulator
import Testing

struct AnthropicDialectTests {
    static let headers: [(name: String, value: String)] = [(name: "x-api-key", value: "sk-ant"), (name: "anthropic-version", value: "2023-06-01")]

    func message(model: String = "claude-sonnet-4-5", prompt: String = "Hi you", extra: JSONObject = [:]) -> SimulatorRequest {
        var body: JSONObject = [
            "model": .string(model), "max_tokens": 1024, "system": "Be brief.", "messages": [["role": "user", "content": .string(prompt)]],
        ]
        for (key, value) in extra { body[key] = value }
        return Sim.post("/v1/messages", .object(body), headers: Self.headers)
    }

    let weatherTool: JSONValue = [
        "name": "get_weather", "input_schema": ["type": "object", "properties": ["location": ["type": "string"]], "required": ["location"]],
    ]

    @Test func answersAMessageWithTheOpenAIDialectsTextAndAnthropicUsage() async throws {
        let response = try await Sim.engine().respond(to: message())
        #expect(response.status == 200)
        let body = try await Sim.json(response)
        let object = try #require(body.objectValue)
        #expect(object["type"] == "message")
        #expect(object["content"] == [["type": "text", "text": "Simulated reply to: Hi you"]])
        #expect(object["stop_reason"] == "end_turn")
        #expect(object["usage"] == ["input_tokens": 4, "output_tokens": 5])
    }

    @Test func streamsTheDocumentedEventSequence() async throws {
        let response = try await Sim.engine().respond(to: message(extra: ["stream": true]))
        let text = String(buffer: try await Sim.bytes(response))
        let names = text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { $0.dropFirst(7) }
        #expect(
            names == [
                "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
            ])
    }

    @Test func callsTheFirstToolWhenAskedAboutTheWeatherThenAnswersTheToolResult() async throws {
        let ask = try await Sim.json(Sim.engine().respond(to: message(prompt: "What is the weather in Paris?", extra: ["tools": [weatherTool]])))
        let block = try #require(ask.objectValue?["content"]?.arrayValue?.first?.objectValue)
        #expect(block["type"] == "tool_use")
        #expect(block["name"] == "get_weather")
        #expect(block["input"] == ["location": "simulated"])
        #expect(ask.objectValue?["stop_reason"] == "tool_use")
        let result: JSONValue = [
            "role": "user", "content": [["type": "tool_result", "tool_use_id": block["id"] ?? "", "content": "18C"]],
        ]
        let followUp = Sim.post(
            "/v1/messages",
            [
                "model": "claude", "max_tokens": 100, "tools": [weatherTool],
                "messages": [
                    ["role": "user", "content": "What is the weather in Paris?"], ["role": "assistant", "content": [.object(block)]], result,
                ],
            ], headers: Self.headers)
        let answer = try await Sim.json(Sim.engine().respond(to: followUp))
        #expect(answer.objectValue?["content"] == [["type": "text", "text": "Simulated reply to: What is the weather in Paris?"]])
        let plain = try await Sim.json(Sim.engine().respond(to: message(prompt: "Hello", extra: ["tools": [weatherTool]])))
        #expect(plain.objectValue?["stop_reason"] == "end_turn")
    }

    @Test func answersErrorsInAnthropicsShapeWithTheDocumentedTypes() async throws {
        let noVersion = Sim.post("/v1/messages", ["model": "claude", "max_tokens": 1, "messages": []], headers: [(name: "x-api-key", value: "k")])
        let cases: [(SimulatorRequest, Int, String)] = [
            (Sim.post("/v1/messages", ["model": "claude"], headers: []), 401, "authentication_error"),
            (noVersion, 400, "invalid_request_error"),
            (message(model: "claude-fail-529"), 529, "overloaded_error"),
            (message(model: "claude-fail-429"), 429, "rate_limit_error"),
            (message(model: "claude-ctx-2"), 400, "invalid_request_error"),
        ]
        for (request, status, type) in cases {
            let response = try await Sim.engine().respond(to: request)
            #expect(response.status == status)
            let body = try #require(try await Sim.json(response).objectValue)
            #expect(body["type"] == "error")
            #expect(body["error"]?.objectValue?["type"] == .string(type))
        }
        let tooLong = try await Sim.json(Sim.engine().respond(to: message(model: "claude-ctx-2")))
        #expect(tooLong.objectValue?["error"]?.objectValue?["message"] == "prompt is too long: 4 tokens > 2 maximum")
    }

    @Test func servesWhatTheAnthropicAdapterSendsAndTheAdapterReadsTheAnswer() async throws {
        let spec = try #require(ProviderCatalog.standard.spec(for: "anthropic"))
        let adapter = try #require(ProviderCatalog.standard.makeAdapter(for: spec))
        var deployment = Deployment(id: "d", modelName: "claude", provider: "anthropic", upstreamModel: "claude-sonnet-4-5")
        deployment.apiBase = "http://simulator.invalid/v1"
        deployment.apiKey = Secret("sk-ant")
        let upstream = try adapter.makeRequest(
            .chatCompletions, body: ["model": "claude", "messages": [["role": "user", "content": "Hi you"]]], deployment: deployment,
            streaming: false)
        #expect(upstream.url == "http://simulator.invalid/v1/messages")
        let request = SimulatorRequest(method: upstream.method, path: "/v1/messages", headers: upstream.headers, body: upstream.body)
        let response = try await Sim.engine().respond(to: request)
        #expect(response.status == 200)
        let completion = try adapter.translateResponse(try await Sim.bytes(response), endpoint: .chatCompletions, deployment: deployment)
        #expect(completion["choices"]?.arrayValue?.first?.objectValue?["message"]?.objectValue?["content"] == "Simulated reply to: Hi you")
    }
}
