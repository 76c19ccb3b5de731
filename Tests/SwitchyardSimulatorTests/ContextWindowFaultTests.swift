import NIOCore
import SwitchyardCore
import SwitchyardSimulator
import Testing

/// The `ctx-<n>` / `x-sim-context-window` fault. `Sim.chat()` sends 5 prompt tokens ("Be brief." and
/// "Hello there, simulator").
struct ContextWindowFaultTests {
    static let overBody =
        #"{"error":{"message":"This model's maximum context length is 4 tokens. However, your messages resulted in 5 tokens. "#
        + #"Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#

    @Test func readsTheWindowFromTheModelNameAndTheHeader() throws {
        #expect(FaultPlan(modelName: "simulator/gpt-4o-ctx-100").contextWindow == 100)
        #expect(FaultPlan(modelName: "gpt-4o-ctx").contextWindow == nil)
        #expect(try FaultPlan(headers: [(name: "X-Sim-Context-Window", value: " 250 ")]).contextWindow == 250)
        #expect(throws: FaultPlan.InvalidHeader.self) { try FaultPlan(headers: [(name: "x-sim-context-window", value: "-1")]) }
        #expect(throws: FaultPlan.InvalidHeader.self) { try FaultPlan(headers: [(name: "x-sim-context-window", value: "lots")]) }
    }

    @Test func letsTheLaterLayerWinForTheWindow() {
        #expect(FaultPlan(contextWindow: 10).overridden(by: FaultPlan(contextWindow: 20)).contextWindow == 20)
        #expect(FaultPlan(contextWindow: 10).overridden(by: FaultPlan()).contextWindow == 10)
    }

    @Test func answersAPromptAtTheLimitNormally() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "simulator/gpt-4o-ctx-5"))
        #expect(response.status == 200)
        #expect(try await Sim.json(response)["usage", "prompt_tokens"] == 5)
    }

    @Test func rejectsAPromptOverTheLimitWithOpenAIsExactBody() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "simulator/gpt-4o-ctx-4"))
        #expect(response.status == 400)
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("retry-after") == nil)
        #expect(String(buffer: try await Sim.bytes(response)) == Self.overBody)
    }

    @Test func takesTheWindowFromAHeaderOverTheModelName() async throws {
        let fromHeader = Sim.engine().decide(Sim.chat(headers: [(name: "x-sim-context-window", value: "4")]))
        #expect(fromHeader.status == 400)
        let widened = Sim.engine().decide(Sim.chat(model: "gpt-4o-ctx-4", headers: [(name: "x-sim-context-window", value: "100")]))
        #expect(widened.status == 200)
        let narrowed = Sim.engine().decide(Sim.chat(model: "gpt-4o-ctx-100", headers: [(name: "x-sim-context-window", value: "4")]))
        #expect(narrowed.status == 400)
        #expect(Sim.engine(faults: FaultPlan(contextWindow: 4)).decide(Sim.chat()).status == 400)
    }

    @Test func rejectsAnOversizedStreamBeforeAnyEvent() async throws {
        let response = try await Sim.engine().respond(to: Sim.chat(model: "gpt-4o-ctx-4", stream: true))
        #expect(response.status == 400)
        #expect(response.header("content-type") == "application/json")
        guard case .complete(let body) = response.body else {
            Issue.record("an oversized stream sent a streamed body")
            return
        }
        #expect(String(buffer: body) == Self.overBody)
        let allowed = try await Sim.bytes(Sim.engine().respond(to: Sim.chat(model: "gpt-4o-ctx-5", stream: true)))
        #expect(Sim.events(allowed).last == "[DONE]")
    }

    @Test func countsALegacyCompletionPromptAsItsUsageDoes() async throws {
        let body: JSONValue = ["model": "gpt-3.5-turbo-instruct", "prompt": ["one two three", [1, 2]]]
        let allowed = try await Sim.engine().respond(to: Sim.post("/v1/completions", body, headers: Self.headers(window: 5)))
        #expect(allowed.status == 200)
        #expect(try await Sim.json(allowed)["usage", "prompt_tokens"] == 5)
        let rejected = try await Sim.engine().respond(to: Sim.post("/v1/completions", body, headers: Self.headers(window: 4)))
        #expect(rejected.status == 400)
        let json = try await Sim.json(rejected)
        #expect(json["error", "code"] == "context_length_exceeded")
        #expect(json["error", "message"]?.stringValue?.contains("is 4 tokens. However, your messages resulted in 5 tokens.") == true)
    }

    @Test func leavesEmbeddingsAlone() async throws {
        let body: JSONValue = ["model": "text-embedding-3-small", "input": "far more than zero tokens"]
        let response = try await Sim.engine().respond(to: Sim.post("/v1/embeddings", body, headers: Self.headers(window: 0)))
        #expect(response.status == 200)
    }

    @Test func comesAfterLatencyAndTimeoutButBeforeTheFailure() {
        let late = Sim.engine().decide(Sim.chat(model: "gpt-4o-latency-200ms-ctx-4"))
        #expect(late.status == 400)
        #expect(late.head == .after(.milliseconds(200)))
        #expect(Sim.engine().decide(Sim.chat(model: "gpt-4o-fail-503-ctx-4")).status == 400)
        #expect(Sim.engine().decide(Sim.chat(model: "gpt-4o-timeout-ctx-4")).head == .never)
    }

    @Test func leavesAnInvalidBodyToItsOwnError() async throws {
        let request = Sim.post("/v1/chat/completions", ["model": "gpt-4o-ctx-0", "messages": []])
        let json = try await Sim.json(Sim.engine().respond(to: request))
        #expect(json["error", "param"] == "messages")
        #expect(json["error", "code"] == .null)
    }

    @Test func drawsTheFailureRollEvenWhenThePromptIsRejected() {
        // Two engines with one seed: a rejected first request must not shift the later random failures.
        func statuses(firstWindow: String) -> [Int] {
            let engine = Sim.engine(seed: 7)
            let flaky = (name: "x-sim-fail-rate", value: "0.5")
            _ = engine.decide(Sim.chat(headers: [flaky, (name: "x-sim-context-window", value: firstWindow)]))
            return (0..<40).map { _ in engine.decide(Sim.chat(headers: [flaky])).status }
        }
        #expect(statuses(firstWindow: "0") == statuses(firstWindow: "100"))
    }

    private static func headers(window: Int) -> [(name: String, value: String)] {
        [(name: "Authorization", value: "Bearer sk-test"), (name: "x-sim-context-window", value: String(window))]
    }
}
