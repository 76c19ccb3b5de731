import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct ChatCompletionDeterminismTests {
    @Test func answersTheSameRequestWithTheSameBytes() async throws {
        let first = try await Sim.bytes(Sim.engine().respond(to: Sim.chat()))
        let second = try await Sim.bytes(Sim.engine(seed: 7).respond(to: Sim.chat()))
        #expect(first == second)
    }

    @Test func quotesTheLastUserMessageAndEchoesTheModel() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "my-model", prompt: "What is the capital of France?"))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        let json = try await Sim.json(response)
        #expect(json["object"] == "chat.completion")
        #expect(json["model"] == "my-model")
        #expect(json["created"] == 1_700_000_000)
        #expect(json["choices", 0, "message", "role"] == "assistant")
        #expect(json["choices", 0, "message", "content"] == "Simulated reply to: What is the capital of France?")
        #expect(json["choices", 0, "finish_reason"] == "stop")
        #expect(json["id"]?.stringValue?.hasPrefix("chatcmpl-") == true)
    }

    @Test func quotesOnlyTheFirstFortyCharacters() async throws {
        let prompt = "one two three four five six seven eight nine ten eleven twelve"
        let json = try await Sim.json(Sim.engine().respond(to: Sim.chat(prompt: prompt)))
        // The 40 characters end in a space, which the reply drops with the other whitespace.
        #expect(json["choices", 0, "message", "content"] == "Simulated reply to: one two three four five six seven eight")
    }

    @Test func givesDifferentRequestsDifferentIDs() async throws {
        let first = try await Sim.json(Sim.engine().respond(to: Sim.chat(prompt: "a")))
        let second = try await Sim.json(Sim.engine().respond(to: Sim.chat(prompt: "b")))
        #expect(first["id"] != second["id"])
    }

    @Test func countsWordsOfEveryMessageAsPromptTokens() async throws {
        // "Be brief." (2) + "Hello there, simulator" (3); the reply is "Simulated reply to: Hello there, simulator" (6).
        let json = try await Sim.json(Sim.engine().respond(to: Sim.chat()))
        #expect(json["usage", "prompt_tokens"] == 5)
        #expect(json["usage", "completion_tokens"] == 6)
        #expect(json["usage", "total_tokens"] == 11)
    }

    @Test func readsTextPartsOfArrayContent() async throws {
        let body: JSONValue = [
            "model": "gpt-4o",
            "messages": [["role": "user", "content": [["type": "text", "text": "look at"], ["type": "image_url", "image_url": ["url": "x"]]]]],
        ]
        let json = try await Sim.json(Sim.engine().respond(to: Sim.post("/v1/chat/completions", body)))
        #expect(json["choices", 0, "message", "content"] == "Simulated reply to: look at")
        #expect(json["usage", "prompt_tokens"] == 2)
    }

    @Test func padsTheReplyToMaxTokensWithFillerWords() async throws {
        let json = try await Sim.json(Sim.engine().respond(to: Sim.chat(prompt: "hi", extra: [("max_tokens", 6)])))
        #expect(json["choices", 0, "message", "content"] == "Simulated reply to: hi lorem ipsum")
        #expect(json["choices", 0, "finish_reason"] == "stop")
        #expect(json["usage", "completion_tokens"] == 6)
    }

    @Test func cutsTheReplyAtMaxCompletionTokensWithFinishReasonLength() async throws {
        let request = Sim.chat(prompt: "hi", extra: [("max_completion_tokens", 2), ("max_tokens", 50)])
        let json = try await Sim.json(Sim.engine().respond(to: request))
        #expect(json["choices", 0, "message", "content"] == "Simulated reply")
        #expect(json["choices", 0, "finish_reason"] == "length")
        #expect(json["usage", "completion_tokens"] == 2)
    }

    @Test func rejectsAMaxTokensBelowOne() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(extra: [("max_tokens", 0)]))
        #expect(response.status == 400)
        #expect(try await Sim.json(response)["error", "param"] == "max_tokens")
    }
}
