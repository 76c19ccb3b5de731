import NIOCore
import SwitchyardCore
import SwitchyardProviders

/// OpenAI's SSE for the chat and completions routes: each upstream chunk (translated from the provider's
/// dialect, with the public model name) as `data: {chunk}`, then `data: [DONE]` exactly once; a broken
/// stream ends with `data: {"error": …}` and `[DONE]`, so clients see why it stopped.
package struct OpenAIStreamCodec: StreamCodec {
    private var reader: ChunkReader
    private var wroteDone = false

    package init(model: String, translator: any StreamTranslator, hideUsageChunk: Bool = false) {
        self.reader = ChunkReader(model: model, translator: translator, hideUsageChunk: hideUsageChunk)
    }

    package var upstreamEnded: Bool { reader.done }
    package var tally: StreamTally { reader.tally }

    package func start() -> ByteBuffer { ByteBuffer() }

    package mutating func consume(_ bytes: ByteBuffer) throws(GatewayError) -> ByteBuffer {
        encode(try reader.read(bytes))
    }

    package mutating func finish() throws(GatewayError) -> ByteBuffer {
        var out = encode(try reader.finish())
        if !wroteDone {
            wroteDone = true
            out.writeStaticString("data: [DONE]\n\n")
        }
        return out
    }

    package mutating func fail(_ error: GatewayError) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeStaticString("data: ")
        error.body.write(to: &out)
        out.writeStaticString("\n\n")
        if !wroteDone {
            wroteDone = true
            out.writeStaticString("data: [DONE]\n\n")
        }
        return out
    }

    /// `data: {chunk}\n\n` for each chunk, and `data: [DONE]` as soon as the upstream ended.
    private mutating func encode(_ objects: [JSONObject]) -> ByteBuffer {
        var out = ByteBuffer()
        for object in objects {
            out.writeStaticString("data: ")
            JSONValue.object(object).write(to: &out)
            out.writeStaticString("\n\n")
        }
        if reader.done && !wroteDone {
            wroteDone = true
            out.writeStaticString("data: [DONE]\n\n")
        }
        return out
    }
}

/// Chunk objects for the library's `streamChat`: a broken stream is reported by the stream throwing,
/// not by an error chunk.
package struct ChunkObjectCodec: StreamCodec {
    private var reader: ChunkReader

    package init(model: String, translator: any StreamTranslator) {
        self.reader = ChunkReader(model: model, translator: translator)
    }

    package var upstreamEnded: Bool { reader.done }
    package var tally: StreamTally { reader.tally }

    package func start() -> [JSONObject] { [] }
    package mutating func consume(_ bytes: ByteBuffer) throws(GatewayError) -> [JSONObject] { try reader.read(bytes) }
    package mutating func finish() throws(GatewayError) -> [JSONObject] { try reader.finish() }
    package func fail(_ error: GatewayError) -> [JSONObject] { [] }
}
