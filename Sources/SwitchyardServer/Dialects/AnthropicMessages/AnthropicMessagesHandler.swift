import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardProviders
import SwitchyardRouting

/// Serves Anthropic's Messages API (`/v1/messages`, `/v1/messages/count_tokens`) from any deployment:
/// the request becomes a chat completion that the gateway routes as usual (retries, fallbacks), and
/// the answer or stream comes back in Anthropic's shape. Every error is answered in Anthropic's error
/// shape here, so the OpenAI-shaped rendering of `ErrorMiddleware` never applies to these routes.
struct AnthropicMessagesHandler: Sendable {
    let gateway: Gateway

    /// Handles `POST /v1/messages`.
    func handle(_ request: Request, context: GatewayContext) async -> Response {
        do {
            let body = try await DialectBody.read(request, context: context)
            // A body the translation cannot carry (documents, server tools, …) may still be served by an
            // Anthropic deployment, which gets it as it is; any other deployment answers the translation's error.
            let chat: JSONObject
            var untranslatable: GatewayError?
            do {
                chat = try AnthropicMessages.chatBody(from: body)
            } catch {
                untranslatable = error
                chat = AnthropicMessages.routingOnlyBody(body)
            }
            var proxyRequest = try ProxyRequest.make(
                chat,
                endpoint: .chatCompletions,
                pathModel: nil,
                headers: request.headers,
                defaultPriority: gateway.configuration.defaultPriority
            )
            // An Anthropic deployment gets the client's own body; any other gets the translation.
            proxyRequest.nativeAnthropicBody = AnthropicMessages.nativeBody(body)
            proxyRequest.untranslatable = untranslatable
            let meter = try await gateway.meter(&proxyRequest, context: context, callType: "anthropic_messages")
            do {
                return proxyRequest.stream
                    ? try await stream(proxyRequest, context: context, meter: meter)
                    : try await complete(proxyRequest, context: context, meter: meter)
            } catch {
                await meter.failed(error)
                throw error
            }
        } catch {
            return AnthropicMessages.errorResponse(ErrorMiddleware.gatewayError(from: error))
        }
    }

    /// Handles `POST /v1/messages/count_tokens`: an estimate (about 4 characters a token, as the
    /// gateway's pre-call checks count), not the upstream tokenizer's count.
    func countTokens(_ request: Request, context: GatewayContext) async -> Response {
        do {
            var body = try await DialectBody.read(request, context: context)
            body["stream"] = nil
            let chat = try AnthropicMessages.chatBody(from: body)
            var tokens = TokenEstimate.inputTokens(of: chat)
            // Tool definitions count too: as text, the way `input` is estimated.
            if let tools = chat["tools"] { tokens += TokenEstimate.inputTokens(of: ["input": tools]) }
            var buffer = ByteBuffer()
            JSONValue.object(["input_tokens": .number(JSONNumber(tokens))]).write(to: &buffer)
            return Response(status: .ok, headers: ResponseHeaders.json, body: ResponseBody(byteBuffer: buffer))
        } catch {
            return AnthropicMessages.errorResponse(ErrorMiddleware.gatewayError(from: error))
        }
    }

    private func complete(_ request: ProxyRequest, context: GatewayContext, meter: RequestMeter) async throws(GatewayError) -> Response {
        let (outcome, upstreamTime) = try await gateway.answer(request)
        var buffer = ByteBuffer()
        if outcome.value.native {
            var message = outcome.value.object
            message["model"] = .string(request.model)
            JSONValue.object(message).write(to: &buffer)
        } else {
            JSONValue.object(AnthropicMessages.message(from: outcome.value.object, model: request.model)).write(to: &buffer)
        }
        var headers = ResponseHeaders.json
        ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
        if meter.isActive {
            let cost = await meter.completed(outcome.value.object, native: outcome.value.native, deployment: outcome.deployment)
            ResponseHeaders.addSpend(to: &headers, meter: meter, cost: cost)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// Retries and fallbacks happen before the first byte; a stream that breaks later ends with an
    /// Anthropic `error` event, which the Anthropic SDKs raise as an API error.
    private func stream(_ request: ProxyRequest, context: GatewayContext, meter: RequestMeter) async throws(GatewayError) -> Response {
        let (outcome, upstreamTime) = try await gateway.openStream(request)
        let opened = outcome.value
        var headers = ResponseHeaders.eventStream
        ResponseHeaders.addRouting(to: &headers, outcome: outcome, context: context, upstreamTime: upstreamTime)
        meter.addHeaders(to: &headers)
        let model = request.model
        let logger = context.logger
        let lease = outcome.lease
        if opened.native { return AnthropicMessagesHandler.passThrough(opened, model: model, headers: headers, lease: lease, meter: meter) }
        return DialectStream.response(
            opened, model: model, headers: headers, lease: lease, meter: meter, logger: logger, encoder: AnthropicStreamWriter(model: model))
    }

    /// An Anthropic deployment's own event stream, piped to the client event by event as it arrives, with
    /// only `message_start`'s model set to the name the client asked for. A connection that breaks
    /// mid-stream ends with Anthropic's `error` event.
    static func passThrough(_ opened: OpenedStream, model: String, headers: HTTPFields, lease: StreamLease?, meter: RequestMeter) -> Response {
        Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                defer { lease?.end() }
                var decoder = SSEDecoder()
                var usage = AnthropicStreamUsage()
                var failure: GatewayError?
                var upstream = opened.response.body.makeAsyncIterator()
                do {
                    while let chunk = try await StreamPipe.next(&upstream) {
                        let events: [SSEEvent]
                        do {
                            events = try decoder.feed(chunk)
                        } catch {
                            throw StreamPipe.UpstreamFailure(
                                error: GatewayError(
                                    .upstreamUnavailable,
                                    "Upstream stream could not be decoded (\(error)).",
                                    code: "invalid_upstream_response"
                                )
                            )
                        }
                        var out = ByteBuffer()
                        for event in events {
                            usage.read(event)
                            write(event, model: model, to: &out)
                        }
                        if out.readableBytes > 0 { try await writer.write(out) }
                    }
                } catch let upstreamFailure as StreamPipe.UpstreamFailure {
                    failure = upstreamFailure.error
                    var events = AnthropicStreamWriter(model: model)
                    do {
                        try await writer.write(events.fail(upstreamFailure.error))
                    } catch {
                        await usage.end(meter, deployment: opened.deployment, error: failure)
                        throw error
                    }
                } catch {
                    await usage.end(meter, deployment: opened.deployment, error: nil)
                    throw error
                }
                await usage.end(meter, deployment: opened.deployment, error: failure)
                try await writer.finish(nil)
            }
        )
    }

    /// `event: …` and `data: …` of one upstream event, the data as it came but for `message_start`'s model.
    static func write(_ event: SSEEvent, model: String, to out: inout ByteBuffer) {
        if let name = event.event {
            out.writeString("event: \(name)\n")
        }
        if event.event == "message_start", var start = try? JSONValue(parsing: event.data).objectValue,
            var message = start["message"]?.objectValue
        {
            message["model"] = .string(model)
            start["message"] = .object(message)
            out.writeStaticString("data: ")
            JSONValue.object(start).write(to: &out)
        } else {
            var data = event.data
            out.writeStaticString("data: ")
            out.writeBuffer(&data)
        }
        out.writeStaticString("\n\n")
    }
}
