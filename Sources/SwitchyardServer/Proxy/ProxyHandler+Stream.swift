import Hummingbird
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardRouting

extension ProxyHandler {
    /// A streamed answer: the upstream's events are decoded as they arrive and each complete one is
    /// written to the client at once, with the public model name. Nothing is held back.
    ///
    /// Retries happen only before the first byte reaches the client. A stream that breaks later ends
    /// with a `data: {"error": …}` event and `data: [DONE]`, so clients see why it stopped. However it
    /// ends, its usage (or an estimate) is metered once.
    func stream(_ request: ProxyRequest, context: GatewayContext, meter: RequestMeter) async throws(GatewayError) -> Response {
        let (outcome, upstreamTime) = try await gateway.openStream(request)
        let opened = outcome.value
        var headers = ResponseHeaders.eventStream
        ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
        meter.addHeaders(to: &headers)
        let model = request.model
        let logger = context.logger
        let lease = outcome.lease
        let hideUsage = request.hideUsageChunk
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                var pipe = StreamPipe(model: model, translator: opened.translator, hideUsageChunk: hideUsage)
                var failure: GatewayError?
                defer { lease?.end(totalTokens: pipe.totalTokens) }
                var upstream = opened.response.body.makeAsyncIterator()
                do {
                    while let chunk = try await StreamPipe.next(&upstream) {
                        let out = try pipe.consume(chunk)
                        if out.readableBytes > 0 { try await writer.write(out) }
                    }
                    let tail = try pipe.finish()
                    if tail.readableBytes > 0 { try await writer.write(tail) }
                } catch let upstreamFailure as StreamPipe.UpstreamFailure {
                    failure = upstreamFailure.error
                    logger.warning(
                        "upstream stream failed",
                        metadata: ["deployment": "\(opened.deployment.id)", "error": "\(upstreamFailure.error.kind.rawValue)"]
                    )
                    do {
                        try await writer.write(StreamPipe.errorEvent(upstreamFailure.error))
                    } catch {
                        await meter.streamEnded(pipe.reader, deployment: opened.deployment, error: failure)
                        throw error
                    }
                } catch {
                    // The client went away: what was streamed until then is still spend.
                    await meter.streamEnded(pipe.reader, deployment: opened.deployment, error: nil)
                    throw error
                }
                await meter.streamEnded(pipe.reader, deployment: opened.deployment, error: failure)
                try await writer.finish(nil)
            }
        )
    }
}

extension RequestMeter {
    /// Ends a stream read by `reader`.
    func streamEnded(_ reader: ChunkReader, deployment: Deployment, error: GatewayError?) async {
        guard isActive else { return }
        await streamEnded(
            usage: reader.usage,
            completionCharacters: reader.completionCharacters,
            deployment: deployment,
            firstTokenAt: reader.firstChunkAt,
            error: error
        )
    }
}
