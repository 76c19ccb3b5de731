import Foundation
import NIOCore
import SwitchyardCore
import SwitchyardKeys

/// Turns one upstream stream's bytes into what a client receives, in that client's dialect: SSE bytes for
/// the OpenAI, Anthropic and Responses routes, chunk objects for the library. Pure and synchronous, so
/// ``StreamLifecycle`` drives it without I/O and its tests need no sockets.
package protocol StreamCodec<Output>: Sendable {
    /// What the client is handed: bytes for a socket, objects for the library.
    associatedtype Output: StreamCodecOutput

    /// What opens the stream before any upstream byte (Anthropic's `message_start`, …); empty for none.
    mutating func start() -> Output
    /// What one upstream read completes; throws when the upstream sent an error event or undecodable data.
    mutating func consume(_ bytes: ByteBuffer) throws(GatewayError) -> Output
    /// Whether the upstream said the stream is over (`[DONE]`): nothing after it is read.
    var upstreamEnded: Bool { get }
    /// What closes a stream whose upstream ended normally (a last unterminated event, `[DONE]`, …).
    mutating func finish() throws(GatewayError) -> Output
    /// What closes a stream the upstream broke, in the client's error shape.
    mutating func fail(_ error: GatewayError) -> Output
    /// What was streamed so far, for metering and the router's token counts.
    var tally: StreamTally { get }
}

/// A codec's output: something that can be empty and can be appended to.
package protocol StreamCodecOutput: Sendable {
    /// Nothing to hand the client.
    static var empty: Self { get }
    /// Whether there is nothing to hand the client.
    var isEmpty: Bool { get }
    /// Appends `other`.
    mutating func append(_ other: Self)
}

extension ByteBuffer: StreamCodecOutput {
    package static var empty: ByteBuffer { ByteBuffer() }
    package var isEmpty: Bool { readableBytes == 0 }
    package mutating func append(_ other: ByteBuffer) {
        var other = other
        writeBuffer(&other)
    }
}

extension Array: StreamCodecOutput where Element == JSONObject {
    package static var empty: [JSONObject] { [] }
    package mutating func append(_ other: [JSONObject]) { append(contentsOf: other) }
}

/// What a stream delivered, however it ended: what metering and the router's usage counts read.
package struct StreamTally: Sendable, Equatable {
    /// The stream's usage when the upstream reported it.
    package var usage: TokenUsage?
    /// `usage.total_tokens` as the upstream reported it, for the deployment's tpm window.
    package var totalTokens: Int?
    /// Characters of content and tool-call arguments streamed, for an estimate when no usage came.
    package var completionCharacters = 0
    /// When the first chunk arrived.
    package var firstTokenAt: Date?

    /// What a stream delivered.
    package init(usage: TokenUsage? = nil, totalTokens: Int? = nil, completionCharacters: Int = 0, firstTokenAt: Date? = nil) {
        self.usage = usage
        self.totalTokens = totalTokens
        self.completionCharacters = completionCharacters
        self.firstTokenAt = firstTokenAt
    }
}
