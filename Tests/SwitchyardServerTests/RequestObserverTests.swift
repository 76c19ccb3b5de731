import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardServer
import Synchronization
import Testing

/// Every finished request reaches the observers once, as one complete record, however it finished.
struct RequestObserverTests {
    final class Collector: RequestObserver {
        let records = Mutex<[RequestRecord]>([])
        func observe(_ record: RequestRecord) { records.withLock { $0.append(record) } }
        var all: [RequestRecord] { records.withLock { $0 } }
    }

    func run(
        _ reply: @escaping @Sendable (UpstreamRequest) throws -> UpstreamResponse, retries: Int = 1,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws -> [RequestRecord] {
        let collector = Collector()
        let transport = ScriptedTransport(reply: reply)
        let gateway = TestGateway.gateway(transport, deployments: [TestGateway.deployment("d1"), TestGateway.deployment("d2")]) {
            $0.observers = [collector]
            $0.router = .init(numRetries: retries)
        }
        try await TestGateway.app(gateway).test(.router) { client in try await body(client) }
        return collector.all
    }

    @Test func anAnswerAfterARetryIsOneRecordWithBothAttempts() async throws {
        let calls = Mutex(0)
        let reply: @Sendable (UpstreamRequest) throws -> UpstreamResponse = { _ in
            let count = calls.withLock { count -> Int in
                count += 1
                return count
            }
            return count == 1
                ? ScriptedTransport.json(500, #"{"error":{"message":"boom","type":"server_error"}}"#)
                : ScriptedTransport.json(200, ScriptedTransport.chatAnswer)
        }
        let records = try await run(reply) { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: TestGateway.headers, body: TestGateway.chat()) {
                #expect($0.status == .ok)
            }
        }
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.clientDialect == "acompletion")
        #expect(record.modelGroup == "gpt")
        #expect(record.attempts.count == 2)
        #expect(record.attempts.first?.errorKind != nil)
        #expect(record.attempts.last?.errorKind == nil)
        #expect(record.errorKind == nil)
        #expect(record.promptTokens == 3 && record.completionTokens == 1)
        #expect(record.cost > 0)
        #expect(record.endedAt >= record.receivedAt)
        #expect(record.cacheStatus == .none)
    }

    @Test func aFailedRequestIsRecordedWithItsErrorKind() async throws {
        let reply: @Sendable (UpstreamRequest) throws -> UpstreamResponse = { _ in
            ScriptedTransport.json(429, #"{"error":{"message":"slow down","type":"rate_limit"}}"#)
        }
        let records = try await run(reply, retries: 0) { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: TestGateway.headers, body: TestGateway.chat()) {
                #expect($0.status == .tooManyRequests)
            }
        }
        #expect(records.count == 1)
        #expect(records.first?.errorKind == .rateLimited)
        #expect(records.first?.attempts.count == 1)
    }

    @Test func aStreamThatBreaksIsRecordedOnceWithWhatItStreamed() async throws {
        let broken = GatewayError(.upstreamUnavailable, "cut", code: "upstream_broken")
        let chunk =
            #"data: {"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"Hello there"}}]}"# + "\n\n"
        let reply: @Sendable (UpstreamRequest) throws -> UpstreamResponse = { _ in ScriptedTransport.pieces([chunk], failingWith: broken) }
        let records = try await run(reply) { client in
            try await client.execute(
                uri: "/v1/chat/completions", method: .post, headers: TestGateway.headers, body: TestGateway.chat(stream: true)
            ) { response in
                #expect(String(buffer: response.body).contains("upstream_broken"))
            }
        }
        #expect(records.count == 1)
        #expect(records.first?.errorKind == .upstreamUnavailable)
        #expect(records.first?.completionTokens == 3)
        #expect(records.first?.firstByteAt != nil)
    }
}
