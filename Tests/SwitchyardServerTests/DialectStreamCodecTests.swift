import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import Testing

@testable import SwitchyardServer

/// The client dialects' stream encoders, through their codec, on an OpenAI upstream stream: the events
/// each SDK expects, in order, and the dialect's failure events when the upstream breaks.
struct DialectStreamCodecTests {
    static let upstream = [
        #"data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}"#,
        #"data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}"#,
        #"data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#,
        "data: [DONE]",
    ].map { $0 + "\n\n" }

    static var translator: any StreamTranslator {
        OpenAIAdapter(spec: ProviderCatalog.standard.spec(for: "openai")!)
            .makeStreamTranslator(
                endpoint: .chatCompletions, deployment: Deployment(id: "d", modelName: "m", provider: "openai", upstreamModel: "gpt-4o"))
    }

    /// The SSE event names of `bytes`, in order.
    static func events(_ bytes: ByteBuffer) -> [String] {
        String(buffer: bytes).split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
    }

    func run<Encoder: DialectStreamEncoder>(_ encoder: Encoder, failing: GatewayError? = nil) throws -> (ByteBuffer, StreamTally) {
        var codec = DialectStreamCodec(model: "my-model", translator: Self.translator, encoder: encoder)
        var out = codec.start()
        for piece in Self.upstream.prefix(failing == nil ? 4 : 1) { out.append(try codec.consume(ByteBuffer(string: piece))) }
        if let failing {
            out.append(codec.fail(failing))
        } else {
            #expect(codec.upstreamEnded)
            out.append(try codec.finish())
        }
        return (out, codec.tally)
    }

    @Test func anthropicEventsComeInTheOrderTheSDKReadsThem() throws {
        let (out, tally) = try run(AnthropicStreamWriter(model: "my-model"))
        #expect(
            Self.events(out) == [
                "message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta",
                "message_stop",
            ])
        #expect(String(buffer: out).contains(#""model":"my-model""#))
        #expect(tally.usage?.promptTokens == 3 && tally.usage?.completionTokens == 2)
    }

    @Test func anthropicStreamsThatBreakEndWithAnErrorEvent() throws {
        let (out, _) = try run(AnthropicStreamWriter(model: "my-model"), failing: GatewayError(.upstreamUnavailable, "cut", code: "upstream_broken"))
        #expect(Self.events(out).first == "message_start")
        #expect(Self.events(out).last == "error")
    }

    @Test func responsesEventsAreNumberedAndEndWithCompletedOrFailed() throws {
        let (out, _) = try run(ResponsesStreamWriter(request: ["model": "my-model", "input": "hi"], model: "my-model"))
        let names = Self.events(out)
        #expect(names.first == "response.created")
        #expect(names.contains("response.output_text.delta"))
        #expect(names.last == "response.completed")
        let numbers = String(buffer: out).matches(of: /"sequence_number":(\d+)/).compactMap { Int($0.1) }
        #expect(numbers == Array(0..<numbers.count))
        let (broken, _) = try run(
            ResponsesStreamWriter(request: ["model": "my-model", "input": "hi"], model: "my-model"),
            failing: GatewayError(.upstreamUnavailable, "cut", code: "upstream_broken"))
        #expect(Self.events(broken).last == "response.failed")
    }
}
