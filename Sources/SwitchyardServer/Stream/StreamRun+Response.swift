import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardRouting

extension StreamRun {
    /// The HTTP response of a stream whose upstream answered 200: the body runs ``run(_:upstream:write:end:)``
    /// into Hummingbird's writer. However the stream ends, the deployment's slot is released with the
    /// tokens it used and the meter is ended once; a client that went away closes the connection.
    static func response<Codec: StreamCodec>(
        _ codec: Codec,
        opened: OpenedStream,
        headers: HTTPFields,
        lease: StreamLease?,
        meter: RequestMeter,
        logger: Logger
    ) -> Response where Codec.Output == ByteBuffer {
        Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                let ending = await run(codec, upstream: opened.response.body, write: { try await writer.write($0) }) { ending, tally in
                    lease?.end(totalTokens: tally.totalTokens)
                    if let error = ending.error {
                        logger.warning(
                            "upstream stream failed", metadata: ["deployment": "\(opened.deployment.id)", "error": "\(error.kind.rawValue)"])
                    }
                    await meter.streamEnded(tally, deployment: opened.deployment, error: ending.error)
                }
                switch ending {
                case .completed, .upstreamFailed: try await writer.finish(nil)
                case .clientGone, .timedOut, .cancelled: throw CancellationError()
                }
            }
        )
    }
}
