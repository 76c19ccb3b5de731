import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SwitchyardCore
import SwitchyardSimulator
import Testing

struct SimulatorServerTests {
    /// Runs a simulator on 127.0.0.1 with an ephemeral port, hands `test` the base URL, then stops it.
    private func withLiveServer(_ test: @Sendable (String) async throws -> Void) async throws {
        let server = SimulatorServer(configuration: SimulatorServer.Configuration(port: 0), engine: Sim.engine())
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = server.makeApplication { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        }
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], logger: Logger(label: "simulator-test"))
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            do {
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                #expect(port > 0)
                try await test("http://127.0.0.1:\(port)")
            } catch {
                // Stop the server before failing, or the task group would wait for it forever.
                await services.triggerGracefulShutdown()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    private func post(_ url: String, _ body: JSONValue, headers: [(String, String)] = [("Authorization", "Bearer sk-live")]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(json: body))
        return request
    }

    @Test func answersAChatCompletionOverARealSocket() async throws {
        try await withLiveServer { base in
            let body: JSONValue = ["model": "gpt-4o", "messages": [["role": "user", "content": "ping"]]]
            let response = try await HTTPClient.shared.execute(post(base + "/v1/chat/completions", body), timeout: .seconds(10))
            #expect(response.status.code == 200)
            #expect(response.headers.first(name: "content-type") == "application/json")
            let json = try JSONValue(parsing: try await response.body.collect(upTo: 1 << 20))
            #expect(json["choices", 0, "message", "content"] == "Simulated reply to: ping")
        }
    }

    @Test func streamsServerSentEventsEndingInDone() async throws {
        try await withLiveServer { base in
            let body: JSONValue = ["model": "gpt-4o-tps-500", "stream": true, "messages": [["role": "user", "content": "ping"]]]
            let response = try await HTTPClient.shared.execute(post(base + "/v1/chat/completions", body), timeout: .seconds(10))
            #expect(response.headers.first(name: "content-type") == "text/event-stream; charset=utf-8")
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(text.hasPrefix("data: {"))
            #expect(text.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func answersErrorsWithStatusRetryAfterAndOpenAIBody() async throws {
        try await withLiveServer { base in
            let body: JSONValue = ["model": "gpt-4o-fail-429-retry-after-3", "messages": [["role": "user", "content": "ping"]]]
            let response = try await HTTPClient.shared.execute(post(base + "/v1/chat/completions", body), timeout: .seconds(10))
            #expect(response.status.code == 429)
            #expect(response.headers.first(name: "retry-after") == "3")
            let json = try JSONValue(parsing: try await response.body.collect(upTo: 1 << 20))
            #expect(json["error", "code"] == "rate_limit_exceeded")
        }
    }

    @Test func answersMissingAuthWith401() async throws {
        try await withLiveServer { base in
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/v1/models"), timeout: .seconds(10))
            #expect(response.status.code == 401)
        }
    }

    @Test func endsACutStreamWithoutDone() async throws {
        try await withLiveServer { base in
            let body: JSONValue = ["model": "gpt-4o", "stream": true, "messages": [["role": "user", "content": "ping"]]]
            let request = post(base + "/v1/chat/completions", body, headers: [("Authorization", "Bearer k"), ("x-sim-cut-after", "2")])
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.status.code == 200)
            var received = ByteBuffer()
            await #expect(throws: (any Error).self) {
                for try await var chunk in response.body { received.writeBuffer(&chunk) }
            }
            let text = String(buffer: received)
            #expect(Sim.events(received).count == 2)
            #expect(!text.contains("[DONE]"))
        }
    }
}
