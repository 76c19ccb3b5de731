import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct ChatCompletionStreamTests {
    @Test func streamsARoleChunkThenOneWordPerChunkThenStopThenDone() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(prompt: "Hi you", stream: true))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
        let (chunks, error) = await Sim.chunks(response)
        #expect(error == nil)
        let events = chunks.map { Sim.events($0) }
        // Each body chunk is exactly one whole event.
        #expect(events.allSatisfy { $0.count == 1 })
        let payloads = events.flatMap { $0 }
        #expect(payloads.count == 8)  // role, 5 words, finish, [DONE]
        #expect(payloads.last == "[DONE]")
        let parsed = try payloads.dropLast().map { try JSONValue(parsing: $0) }
        #expect(parsed[0]["choices", 0, "delta", "role"] == "assistant")
        #expect(parsed[0]["choices", 0, "finish_reason"] == .null)
        let words = parsed[1...5].compactMap { $0["choices", 0, "delta", "content"]?.stringValue }
        #expect(words == ["Simulated", " reply", " to:", " Hi", " you"])
        #expect(parsed[6]["choices", 0, "delta"] == [:])
        #expect(parsed[6]["choices", 0, "finish_reason"] == "stop")
        for chunk in parsed {
            #expect(chunk["object"] == "chat.completion.chunk")
            #expect(chunk["id"] == parsed[0]["id"])
            #expect(chunk["model"] == "gpt-4o")
            #expect(chunk["usage"] == nil)
        }
    }

    @Test func sendsAUsageChunkWithEmptyChoicesWhenAskedTo() async throws {
        let request = Sim.chat(prompt: "Hi you", stream: true, extra: [("stream_options", ["include_usage": true])])
        let payloads = Sim.events(try await Sim.bytes(Sim.engine().respond(to: request)))
        #expect(payloads.count == 9)
        #expect(payloads.last == "[DONE]")
        let usage = try JSONValue(parsing: payloads[7])
        #expect(usage["choices"] == [])
        #expect(usage["usage", "prompt_tokens"] == 4)
        #expect(usage["usage", "completion_tokens"] == 5)
        #expect(usage["usage", "total_tokens"] == 9)
        // Every other chunk carries "usage": null, as OpenAI sends it.
        #expect(try JSONValue(parsing: payloads[0])["usage"] == .null)
    }

    @Test func streamsTheSameTextAsThePlainAnswer() async throws {
        let plain = try await Sim.json(Sim.engine().respond(to: Sim.chat(prompt: "Tell me about trains", extra: [("max_tokens", 12)])))
        let stream = Sim.events(
            try await Sim.bytes(Sim.engine().respond(to: Sim.chat(prompt: "Tell me about trains", stream: true, extra: [("max_tokens", 12)]))))
        let text = try stream.dropLast().map { try JSONValue(parsing: $0)["choices", 0, "delta", "content"]?.stringValue ?? "" }.joined()
        #expect(.string(text) == plain["choices", 0, "message", "content"])
    }
}
