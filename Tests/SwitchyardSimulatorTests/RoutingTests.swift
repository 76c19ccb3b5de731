import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct RoutingTests {
    private let body: JSONValue = ["model": "gpt-4o", "messages": [["role": "user", "content": "hi"]]]

    @Test(arguments: ["/v1/chat/completions", "/chat/completions", "/openai/v1/chat/completions", "/v1/chat/completions/"])
    func servesChatCompletionsWithAndWithoutTheVersionPrefix(path: String) async throws {
        let json = try await Sim.json(Sim.engine().respond(to: Sim.post(path, body)))
        #expect(json["object"] == "chat.completion")
    }

    @Test func servesAzureDeploymentPathsWithAnAPIKeyHeader() async throws {
        let request = SimulatorRequest(
            method: "POST",
            path: "/openai/deployments/my-gpt4/chat/completions?api-version=2024-10-21",
            headers: [(name: "api-key", value: "azure-key")],
            body: ByteBuffer(json: ["messages": [["role": "user", "content": "hi"]]])
        )
        let response = try await Sim.engine().respond(to: request)
        #expect(response.status == 200)
        let json = try await Sim.json(response)
        #expect(json["model"] == "my-gpt4")
        #expect(json["choices", 0, "message", "content"] == "Simulated reply to: hi")
    }

    @Test func servesAzureEmbeddings() async throws {
        let request = SimulatorRequest(
            method: "POST",
            path: "/openai/deployments/embed/embeddings?api-version=2024-10-21",
            headers: [(name: "api-key", value: "k")],
            body: ByteBuffer(json: ["input": "hi"])
        )
        let json = try await Sim.json(Sim.engine().respond(to: request))
        #expect(json["model"] == "embed")
        #expect(json["data", 0, "embedding"]?.arrayValue?.count == 8)
    }

    @Test func answersAnUnknownPathWithAnOpenAIShaped404() async throws {
        let response = try await Sim.engine().respond(to: Sim.post("/v1/nonsense", body))
        #expect(response.status == 404)
        let json = try await Sim.json(response)
        #expect(json["error", "type"] == "invalid_request_error")
        #expect(json["error", "message"] == "Invalid URL (POST /v1/nonsense)")
    }

    @Test func answersTheWrongMethodWith405() async throws {
        let request = SimulatorRequest(method: "GET", path: "/v1/chat/completions", headers: [(name: "Authorization", value: "Bearer x")])
        #expect(try await Sim.engine().respond(to: request).status == 405)
    }
}
