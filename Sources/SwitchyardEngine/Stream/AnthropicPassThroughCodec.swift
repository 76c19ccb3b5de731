import NIOCore
import SwitchyardCore
import SwitchyardProviders

/// An Anthropic deployment's own event stream for a `/v1/messages` client, passed through event by event
/// as it arrives, with only `message_start`'s model set to the name the client asked for. A connection
/// that breaks mid-stream ends with Anthropic's `error` event.
package struct AnthropicPassThroughCodec: StreamCodec {
    package let model: String
    private var decoder = SSEDecoder()
    private var usage = AnthropicStreamUsage()
    package private(set) var upstreamEnded = false

    package init(model: String) {
        self.model = model
    }

    package var tally: StreamTally { usage.tally }

    package func start() -> ByteBuffer { ByteBuffer() }

    package mutating func consume(_ bytes: ByteBuffer) throws(GatewayError) -> ByteBuffer {
        let events: [SSEEvent]
        do {
            events = try decoder.feed(bytes)
        } catch {
            throw GatewayError(.upstreamUnavailable, "Upstream stream could not be decoded (\(error)).", code: "invalid_upstream_response")
        }
        var out = ByteBuffer()
        for event in events {
            usage.read(event)
            Self.write(event, model: model, to: &out)
        }
        return out
    }

    package func finish() -> ByteBuffer { ByteBuffer() }

    package func fail(_ error: GatewayError) -> ByteBuffer {
        var events = AnthropicStreamWriter(model: model)
        return events.fail(error)
    }

    /// `event: …` and `data: …` of one upstream event, the data as it came but for `message_start`'s model.
    package static func write(_ event: SSEEvent, model: String, to out: inout ByteBuffer) {
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
