import Foundation
import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardSimulator
import Testing

struct GeminiDialectTests {
    static let key: [(name: String, value: String)] = [(name: "x-goog-api-key", value: "AIza-sim")]

    func generate(
        model: String = "gemini-2.0-flash", method: String = "generateContent", extra: JSONObject = [:],
        headers: [(name: String, value: String)] = key
    )
        -> SimulatorRequest
    {
        var body: JSONObject = [
            "system_instruction": ["parts": [["text": "Be brief."]]], "contents": [["role": "user", "parts": [["text": "Hi you"]]]],
        ]
        for (key, value) in extra { body[key] = value }
        return Sim.post("/v1beta/models/\(model):\(method)", .object(body), headers: headers)
    }

    @Test func answersGenerateContentWithTheOpenAIDialectsText() async throws {
        let response = try await Sim.engine().respond(to: generate())
        #expect(response.status == 200)
        let body = try await Sim.json(response)
        #expect(body["candidates", 0, "content"] == ["parts": [["text": "Simulated reply to: Hi you"]], "role": "model"])
        #expect(body["candidates", 0, "finishReason"] == "STOP")
        #expect(body["usageMetadata"] == ["promptTokenCount": 4, "candidatesTokenCount": 5, "totalTokenCount": 9])
    }

    @Test func streamsOneEventPerWordWithTheFinishReasonLast() async throws {
        let response = try await Sim.engine().respond(to: generate(method: "streamGenerateContent"))
        #expect(response.status == 200)
        // Google frames events with CRLF, which `Sim.events` does not split: each paced chunk is one event.
        let events = await Sim.chunks(response).chunks.map { String(buffer: $0) }
        #expect(events.allSatisfy { $0.hasPrefix("data: {") && $0.hasSuffix("}\r\n\r\n") })
        #expect(events.count == 5)
        #expect(events.last?.contains("\"finishReason\":\"STOP\"") == true)
        #expect(events.dropLast().allSatisfy { !$0.contains("finishReason") })
    }

    @Test func callsTheFirstDeclaredFunctionUntilItHasAnAnswer() async throws {
        let tools: JSONValue = [
            ["functionDeclarations": [["name": "get_weather", "parameters": ["type": "object", "required": ["location"]]]]]
        ]
        let response = try await Sim.engine().respond(to: generate(extra: ["tools": tools]))
        #expect(
            try await Sim.json(response)["candidates", 0, "content", "parts"] == [
                ["functionCall": ["name": "get_weather", "args": ["location": "simulated"]]]
            ])
        let none = try await Sim.engine().respond(to: generate(extra: ["tools": tools, "toolConfig": ["functionCallingConfig": ["mode": "NONE"]]]))
        #expect(try await Sim.json(none)["candidates", 0, "content", "parts", 0, "text"] == "Simulated reply to: Hi you")
    }

    @Test func answersErrorsInGooglesShape() async throws {
        let missingKey = try await Sim.engine().respond(to: generate(headers: []))
        #expect(missingKey.status == 403)
        #expect(try await Sim.json(missingKey)["error", "status"] == "PERMISSION_DENIED")
        let limited = try await Sim.engine().respond(to: generate(model: "gemini-2.0-flash-fail-429"))
        #expect(limited.status == 429)
        #expect(try await Sim.json(limited)["error", "status"] == "RESOURCE_EXHAUSTED")
        let window = try await Sim.engine().respond(to: generate(model: "gemini-2.0-flash-ctx-3"))
        #expect(window.status == 400)
        #expect(try await Sim.json(window)["error", "message"] == "The input token count (4) exceeds the maximum number of tokens allowed (3).")
    }

    @Test func servesTheVertexPathWithABearerToken() async throws {
        let body: JSONValue = ["contents": [["role": "user", "parts": [["text": "Hi"]]]]]
        let path = "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent"
        let ok = try await Sim.engine().respond(to: Sim.post(path, body, headers: [(name: "authorization", value: "Bearer ya29.simulated-x")]))
        #expect(ok.status == 200)
        // Only a token the simulator's own /token endpoint issued is accepted, and only for a real project.
        let forged = try await Sim.engine().respond(to: Sim.post(path, body, headers: [(name: "authorization", value: "Bearer ya29.x")]))
        #expect(forged.status == 401)
        let placeholder = path.replacingOccurrences(of: "/projects/p/", with: "/projects/{vertex_project}/")
        let unfilled = try await Sim.engine().respond(
            to: Sim.post(placeholder, body, headers: [(name: "authorization", value: "Bearer ya29.simulated-x")]))
        #expect(unfilled.status == 403)
        let refused = try await Sim.engine().respond(to: Sim.post(path, body, headers: Self.key))
        #expect(refused.status == 401)
        #expect(try await Sim.json(refused)["error", "status"] == "UNAUTHENTICATED")
    }

    @Test func embedsOneAndSeveralTexts() async throws {
        let one = try await Sim.engine().respond(
            to: Sim.post("/v1beta/models/e:embedContent", ["content": ["parts": [["text": "a"]]], "outputDimensionality": 4], headers: Self.key))
        #expect(try await Sim.json(one)["embedding", "values"]?.arrayValue?.count == 4)
        let batch: JSONValue = ["requests": [["content": ["parts": [["text": "a"]]]], ["content": ["parts": [["text": "b"]]]]]]
        let several = try await Sim.engine().respond(to: Sim.post("/v1beta/models/e:batchEmbedContents", batch, headers: Self.key))
        #expect(try await Sim.json(several)["embeddings"]?.arrayValue?.count == 2)
    }

    @Test func issuesATokenForAJWTBearerGrant() async throws {
        let form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=aaa.bbb.ccc"
        let token = try await Sim.engine().respond(to: SimulatorRequest(method: "POST", path: "/token", body: ByteBuffer(string: form)))
        #expect(token.status == 200)
        #expect(try await Sim.json(token)["token_type"] == "Bearer")
        let bad = try await Sim.engine().respond(to: SimulatorRequest(method: "POST", path: "/token", body: ByteBuffer(string: "grant_type=x")))
        #expect(bad.status == 400)
    }
}
