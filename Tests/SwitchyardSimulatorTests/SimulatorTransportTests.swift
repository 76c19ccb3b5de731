import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardSimulator
import Testing

struct SimulatorTransportTests {
    private func request(
        _ body: JSONValue,
        path: String = "/v1/chat/completions",
        headers: [(name: String, value: String)] = [],
        timeout: Double = 5,
        streaming: Bool = false
    ) -> UpstreamRequest {
        UpstreamRequest(
            method: "POST",
            url: "http://simulator.invalid" + path,
            headers: [(name: "Authorization", value: "Bearer sk-sim")] + headers,
            body: ByteBuffer(json: body),
            timeout: timeout,
            streaming: streaming
        )
    }

    private let chat: JSONValue = ["model": "gpt-4o", "messages": [["role": "user", "content": "hi"]]]

    @Test func answersInProcessRoutingOnTheURLPath() async throws {
        let response = try await SimulatorTransport(engine: Sim.engine()).execute(request(chat))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        let json = try JSONValue(parsing: try await response.body.collect(upTo: 1 << 20))
        #expect(json["choices", 0, "message", "content"] == "Simulated reply to: hi")
    }

    @Test func routesAzureURLsWithTheirQuery() async throws {
        let upstream = UpstreamRequest(
            method: "POST",
            url: "https://simulator.invalid/openai/deployments/dep/chat/completions?api-version=2024-10-21",
            headers: [(name: "api-key", value: "k")],
            body: ByteBuffer(json: ["messages": [["role": "user", "content": "hi"]]]),
            timeout: 5
        )
        let response = try await SimulatorTransport(engine: Sim.engine()).execute(upstream)
        let json = try JSONValue(parsing: try await response.body.collect(upTo: 1 << 20))
        #expect(json["model"] == "dep")
    }

    @Test func throwsTimeoutWhenTheLatencyExceedsTheRequestTimeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: GatewayError.self) {
            try await SimulatorTransport(engine: Sim.engine()).execute(
                request(chat, headers: [(name: "x-sim-latency-ms", value: "600000")], timeout: 0.05))
        }
        #expect(error?.kind == .timeout)
        // It waits out the timeout, as a real transport would, but not the whole latency.
        #expect(clock.now - start >= .milliseconds(50))
        #expect(clock.now - start < .seconds(60))
    }

    @Test func throwsTimeoutForARequestThatNeverAnswers() async throws {
        let error = await #expect(throws: GatewayError.self) {
            try await SimulatorTransport(engine: Sim.engine()).execute(
                request(["model": "gpt-4o-timeout", "messages": [["role": "user", "content": "x"]]], timeout: 0.02))
        }
        #expect(error?.kind == .timeout)
    }

    @Test func answersWhenTheLatencyFitsTheTimeout() async throws {
        let response = try await SimulatorTransport(engine: Sim.engine()).execute(
            request(chat, headers: [(name: "x-sim-latency-ms", value: "10")], timeout: 2))
        #expect(response.status == 200)
    }

    @Test func throwsTimeoutFromAStreamThatFallsSilentTooLong() async throws {
        let streaming: JSONValue = ["model": "gpt-4o-tps-1", "stream": true, "messages": [["role": "user", "content": "x"]]]
        let response = try await SimulatorTransport(engine: Sim.engine()).execute(request(streaming, timeout: 0.05, streaming: true))
        let error = await #expect(throws: GatewayError.self) { _ = try await response.body.collect(upTo: 1 << 20) }
        #expect(error?.kind == .timeout)
    }

    @Test func throwsFromACutStream() async throws {
        let streaming: JSONValue = ["model": "gpt-4o-cut-2", "stream": true, "messages": [["role": "user", "content": "x"]]]
        let response = try await SimulatorTransport(engine: Sim.engine()).execute(request(streaming, streaming: true))
        var received = 0
        let error = await #expect(throws: GatewayError.self) {
            for try await _ in response.body { received += 1 }
        }
        #expect(received == 2)
        #expect(error?.kind == .upstreamUnavailable)
    }

    @Test func passesAnErrorStatusThroughAsAResponse() async throws {
        let response = try await SimulatorTransport(engine: Sim.engine()).execute(request(chat, headers: [(name: "x-sim-fail-status", value: "429")]))
        #expect(response.status == 429)
        #expect(response.header("retry-after") == "1")
    }
}
