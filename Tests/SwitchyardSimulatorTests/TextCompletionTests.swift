import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct TextCompletionTests {
    @Test func answersALegacyCompletionWithTextAndUsage() async throws {
        let request = Sim.post("/v1/completions", ["model": "gpt-3.5-turbo-instruct", "prompt": "Once upon a time"])
        let json = try await Sim.json(Sim.engine().respond(to: request))
        #expect(json["object"] == "text_completion")
        #expect(json["id"]?.stringValue?.hasPrefix("cmpl-") == true)
        #expect(json["model"] == "gpt-3.5-turbo-instruct")
        #expect(json["choices", 0, "text"] == "Simulated reply to: Once upon a time")
        #expect(json["choices", 0, "finish_reason"] == "stop")
        #expect(json["usage", "prompt_tokens"] == 4)
        #expect(json["usage", "completion_tokens"] == 7)
    }

    @Test func countsTokenIDPromptsOnePerID() async throws {
        let request = Sim.post("/v1/completions", ["model": "m", "prompt": [[1, 2, 3], [4]]])
        let json = try await Sim.json(Sim.engine().respond(to: request))
        #expect(json["usage", "prompt_tokens"] == 4)
    }

    @Test func streamsOneWordPerChunkThenAFinishChunkAndUsage() async throws {
        let body: JSONValue = ["model": "m", "prompt": "Hi", "stream": true, "stream_options": ["include_usage": true]]
        let payloads = Sim.events(try await Sim.bytes(Sim.engine().respond(to: Sim.post("/v1/completions", body))))
        #expect(payloads.count == 7)  // 4 words, finish, usage, [DONE]
        #expect(payloads.last == "[DONE]")
        let parsed = try payloads.dropLast().map { try JSONValue(parsing: $0) }
        #expect(parsed[0...3].compactMap { $0["choices", 0, "text"]?.stringValue }.joined() == "Simulated reply to: Hi")
        #expect(parsed[4]["choices", 0, "finish_reason"] == "stop")
        #expect(parsed[5]["choices"] == [])
        #expect(parsed[5]["usage", "completion_tokens"] == 4)
        #expect(parsed.allSatisfy { $0["object"] == "text_completion" })
    }

    @Test func rejectsAMissingPrompt() async throws {
        let response = try await Sim.engine().respond(to: Sim.post("/v1/completions", ["model": "m"]))
        #expect(response.status == 400)
        #expect(try await Sim.json(response)["error", "param"] == "prompt")
    }
}
