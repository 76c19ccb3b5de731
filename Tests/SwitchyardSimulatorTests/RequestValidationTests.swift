import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct RequestValidationTests {
    @Test func answers401InOpenAIShapeWhenNoKeyHeaderIsSent() async throws {
        let request = Sim.post("/v1/chat/completions", ["model": "gpt-4o", "messages": []], headers: [])
        let response = try await Sim.engine().respond(to: request)
        #expect(response.status == 401)
        #expect(response.header("content-type") == "application/json")
        let json = try await Sim.json(response)
        #expect(json["error", "type"] == "invalid_request_error")
        #expect(json["error", "message"]?.stringValue?.contains("API key") == true)
        #expect(json["error", "param"] == .null)
        #expect(json["error", "code"] == .null)
    }

    @Test func acceptsAnyKeyAtAll() async throws {
        let request = Sim.post("/v1/embeddings", ["model": "m", "input": "x"], headers: [(name: "authorization", value: "")])
        #expect(try await Sim.engine().respond(to: request).status == 200)
    }

    @Test func answers400ForABodyThatIsNotJSON() async throws {
        let request = SimulatorRequest(
            method: "POST",
            path: "/v1/chat/completions",
            headers: [(name: "Authorization", value: "Bearer k")],
            body: ByteBuffer(string: "{\"model\": \"gpt-4o\", ")
        )
        let response = try await Sim.engine().respond(to: request)
        #expect(response.status == 400)
        let json = try await Sim.json(response)
        #expect(json["error", "type"] == "invalid_request_error")
        #expect(json["error", "message"]?.stringValue?.hasPrefix("We could not parse the JSON body of your request.") == true)
    }

    @Test func answers400ForAMissingBodyOrModelOrMessages() async throws {
        let engine = Sim.engine()
        let empty = SimulatorRequest(method: "POST", path: "/v1/chat/completions", headers: [(name: "Authorization", value: "Bearer k")])
        #expect(try await engine.respond(to: empty).status == 400)
        let noModel = try await engine.respond(to: Sim.post("/v1/chat/completions", ["messages": [["role": "user", "content": "hi"]]]))
        #expect(noModel.status == 400)
        #expect(try await Sim.json(noModel)["error", "param"] == "model")
        let noMessages = try await engine.respond(to: Sim.post("/v1/chat/completions", ["model": "gpt-4o"]))
        #expect(try await Sim.json(noMessages)["error", "param"] == "messages")
    }
}
