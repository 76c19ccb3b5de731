import NIOCore
import SwitchyardCore
import SwitchyardProviders

/// Writes a client dialect's stream events (Anthropic's, the Responses API's) from OpenAI chunks.
package protocol DialectStreamEncoder: Sendable {
    /// The events that open the stream.
    mutating func start() -> ByteBuffer
    /// The events for one OpenAI chunk.
    mutating func consume(_ chunk: JSONObject) -> ByteBuffer
    /// The events that close a stream that ended normally.
    mutating func finish() -> ByteBuffer
    /// The events that close a stream the upstream broke.
    mutating func fail(_ error: GatewayError) -> ByteBuffer
}

/// A client dialect's SSE from any deployment's stream: upstream chunks translated to OpenAI chunks,
/// then re-encoded by the dialect's encoder; a broken stream ends with the dialect's failure events.
package struct DialectStreamCodec<Encoder: DialectStreamEncoder>: StreamCodec {
    private var reader: ChunkReader
    private var encoder: Encoder

    package init(model: String, translator: any StreamTranslator, encoder: Encoder) {
        self.reader = ChunkReader(model: model, translator: translator)
        self.encoder = encoder
    }

    package var upstreamEnded: Bool { reader.done }
    package var tally: StreamTally { reader.tally }

    package mutating func start() -> ByteBuffer { encoder.start() }

    package mutating func consume(_ bytes: ByteBuffer) throws(GatewayError) -> ByteBuffer {
        encode(try reader.read(bytes))
    }

    package mutating func finish() throws(GatewayError) -> ByteBuffer {
        var out = encode(try reader.finish())
        out.append(encoder.finish())
        return out
    }

    package mutating func fail(_ error: GatewayError) -> ByteBuffer { encoder.fail(error) }

    private mutating func encode(_ objects: [JSONObject]) -> ByteBuffer {
        var out = ByteBuffer()
        for object in objects { out.append(encoder.consume(object)) }
        return out
    }
}
