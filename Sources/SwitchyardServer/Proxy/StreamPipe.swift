import NIOCore
import SwitchyardCore
import SwitchyardProviders

/// Turns upstream bytes into client SSE bytes for one stream: decode events, translate them to OpenAI
/// chunks, set the public model name, encode. Pure and synchronous, so it is tested without sockets.
struct StreamPipe {
    /// An upstream failure (broken connection, error event, malformed data), as opposed to the client going away.
    struct UpstreamFailure: Error {
        let error: GatewayError
    }

    var reader: ChunkReader
    private var wroteDone = false

    /// `usage.total_tokens` of the stream, when a chunk reported it.
    var totalTokens: Int? { reader.totalTokens }

    init(model: String, translator: any StreamTranslator, hideUsageChunk: Bool = false) {
        self.reader = ChunkReader(model: model, translator: translator, hideUsageChunk: hideUsageChunk)
    }

    /// The client bytes for one upstream chunk (possibly empty when no event completed).
    mutating func consume(_ chunk: ByteBuffer) throws(UpstreamFailure) -> ByteBuffer {
        do {
            return encode(try reader.read(chunk))
        } catch {
            throw UpstreamFailure(error: error)
        }
    }

    /// The bytes that end the stream: a last unterminated event, then `[DONE]` (sent once, whether or
    /// not the upstream sent its own).
    mutating func finish() throws(UpstreamFailure) -> ByteBuffer {
        var out: ByteBuffer
        do {
            out = encode(try reader.finish())
        } catch {
            throw UpstreamFailure(error: error)
        }
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

    /// The next upstream chunk; a failure to read it is an ``UpstreamFailure``.
    static func next(_ iterator: inout UpstreamBody.Iterator) async throws(UpstreamFailure) -> ByteBuffer? {
        do {
            return try await iterator.next()
        } catch let error as GatewayError {
            throw UpstreamFailure(error: error)
        } catch {
            throw UpstreamFailure(error: GatewayError(.upstreamUnavailable, "Upstream stream broke (\(error)).", code: "upstream_broken"))
        }
    }

    /// The closing events of a stream that broke: the error in OpenAI's shape, then `[DONE]`.
    static func errorEvent(_ error: GatewayError) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeStaticString("data: ")
        error.body.write(to: &out)
        out.writeStaticString("\n\ndata: [DONE]\n\n")
        return out
    }
}
