import Hummingbird
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardRouting

/// Writes a client dialect's stream events (Anthropic's, the Responses API's) from OpenAI chunks.
protocol DialectStreamEncoder: Sendable {
    /// The events that open the stream.
    mutating func start() -> ByteBuffer
    /// The events for one OpenAI chunk.
    mutating func consume(_ chunk: JSONObject) -> ByteBuffer
    /// The events that close a stream that ended normally.
    mutating func finish() -> ByteBuffer
    /// The events that close a stream the upstream broke.
    mutating func fail(_ error: GatewayError) -> ByteBuffer
}

/// The streamed answer of a client dialect: upstream chunks read as they arrive, re-encoded by the
/// dialect's encoder and written at once; a stream that breaks ends with the dialect's failure events.
enum DialectStream {
    static func response<Encoder: DialectStreamEncoder>(
        _ opened: OpenedStream,
        model: String,
        headers: HTTPFields,
        lease: StreamLease?,
        meter: RequestMeter,
        logger: Logger,
        encoder: Encoder
    ) -> Response {
        Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                var reader = ChunkReader(model: model, translator: opened.translator)
                var events = encoder
                var failure: GatewayError?
                defer { lease?.end(totalTokens: reader.totalTokens) }
                var upstream = opened.response.body.makeAsyncIterator()
                do {
                    try await writer.write(events.start())
                    while !reader.done, let chunk = try await StreamPipe.next(&upstream) {
                        var out = ByteBuffer()
                        for object in try reader.readReportingFailure(chunk) {
                            var piece = events.consume(object)
                            out.writeBuffer(&piece)
                        }
                        if out.readableBytes > 0 { try await writer.write(out) }
                    }
                    var out = ByteBuffer()
                    for object in try reader.finishReportingFailure() {
                        var piece = events.consume(object)
                        out.writeBuffer(&piece)
                    }
                    var tail = events.finish()
                    out.writeBuffer(&tail)
                    try await writer.write(out)
                } catch let upstreamFailure as StreamPipe.UpstreamFailure {
                    failure = upstreamFailure.error
                    logger.warning(
                        "upstream stream failed",
                        metadata: ["deployment": "\(opened.deployment.id)", "error": "\(upstreamFailure.error.kind.rawValue)"]
                    )
                    do {
                        try await writer.write(events.fail(upstreamFailure.error))
                    } catch {
                        await meter.streamEnded(reader, deployment: opened.deployment, error: failure)
                        throw error
                    }
                } catch {
                    await meter.streamEnded(reader, deployment: opened.deployment, error: nil)
                    throw error
                }
                await meter.streamEnded(reader, deployment: opened.deployment, error: failure)
                try await writer.finish(nil)
            }
        )
    }
}
