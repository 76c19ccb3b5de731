import Foundation
import HTTPTypes
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardKeys
import SwitchyardProviders
import SwitchyardServer
import Testing

/// Streams are metered from the upstream's usage, which the gateway asks for.
@Suite struct StreamMeteringTests {
    static let chunk =
        #"data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hello there"},"finish_reason":null}]}"#
    static let usageChunk =
        #"data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}"#

    static func streamReply(_ request: UpstreamRequest) -> UpstreamResponse {
        let asked = request.body.flatMap { try? JSONValue(parsing: $0).objectValue }?["stream_options"]?.objectValue?["include_usage"]?.boolValue
        let usage = asked == true ? [usageChunk + "\n\n"] : []
        return ScriptedTransport.pieces([chunk + "\n\n"] + usage + ["data: [DONE]\n\n"])
    }

    @Test func theGatewayAsksForUsageAndHidesTheUsageChunkTheClientDidNotAskFor() async throws {
        try await MeteringFixture.run(reply: Self.streamReply) { fixture in
            let (key, hash) = try await fixture.key()
            let answer = try await fixture.chat(key, stream: true)
            #expect(answer.status == 200)
            #expect(answer.body.contains("Hello there"))
            #expect(!answer.body.contains("\"usage\":{"))
            let sent = fixture.transport.sentBodies.first?["stream_options"]?.objectValue?["include_usage"]
            #expect(sent == true)
            let row = try #require(try await fixture.rows(of: hash).first)
            #expect(row.promptTokens == 7 && row.completionTokens == 2)
            #expect(row.spend > 0)
            #expect(row.completionStartTime != nil)
        }
    }

    @Test func aClientThatAskedForUsageStillGetsTheUsageChunk() async throws {
        try await MeteringFixture.run(reply: Self.streamReply) { fixture in
            let (key, _) = try await fixture.key()
            let answer = try await fixture.chat(key, stream: true, extra: #","stream_options":{"include_usage":true}"#)
            #expect(answer.body.contains(#""usage":{"prompt_tokens":7"#))
        }
    }

    @Test func aStreamWithoutUsageIsMeteredFromAnEstimate() async throws {
        let reply: @Sendable (UpstreamRequest) -> UpstreamResponse = { _ in ScriptedTransport.pieces([Self.chunk + "\n\n", "data: [DONE]\n\n"]) }
        try await MeteringFixture.run(reply: reply) { fixture in
            let (key, hash) = try await fixture.key()
            #expect(try await fixture.chat(key, stream: true).status == 200)
            let row = try #require(try await fixture.rows(of: hash).first)
            #expect(row.promptTokens > 0)
            #expect(row.completionTokens == 3)  // "Hello there": 11 characters, about 4 a token
        }
    }

    @Test func aBrokenStreamIsLoggedAsAFailureAndReleasesItsSlot() async throws {
        struct Broken: Error {}
        let reply: @Sendable (UpstreamRequest) -> UpstreamResponse = { _ in ScriptedTransport.pieces([Self.chunk + "\n\n"], failingWith: Broken()) }
        try await MeteringFixture.run(reply: reply) { fixture in
            let (key, hash) = try await fixture.key { $0.limits.maxParallelRequests = 1 }
            #expect(try await fixture.chat(key, stream: true).body.contains("\"error\""))
            #expect(try await fixture.chat(key, stream: true).status == 200)
            let rows = try await fixture.rows(of: hash)
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.status == "failure" })
        }
    }
}
