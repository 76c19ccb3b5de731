import NIOCore
import SwitchyardCore

/// Turns OpenAI chat chunks into Anthropic's SSE event sequence: `message_start`, one
/// `content_block_start` / `content_block_delta`… / `content_block_stop` per text or tool-use block,
/// then `message_delta` (stop reason, usage) and `message_stop`. Pure, so it is tested without sockets.
package struct AnthropicStreamWriter: DialectStreamEncoder {
    package let id: String
    package let model: String
    /// The index of the open content block, if one is open.
    private var openBlock: Int?
    /// Whether the open block is text (as opposed to a tool use).
    private var openIsText = false
    /// The next block index.
    private var nextBlock = 0
    /// Content block index of each OpenAI tool call index.
    private var toolBlocks: [Int: Int] = [:]
    private var stopReason: JSONValue = .null
    private var inputTokens = 0
    private var outputTokens = 0
    private(set) var started = false
    private(set) var finished = false

    package init(id: String = DialectBody.identifier("msg_"), model: String) {
        self.id = id
        self.model = model
    }

    /// `message_start`, sent as soon as the upstream answered.
    package mutating func start() -> ByteBuffer {
        var out = ByteBuffer()
        guard !started else { return out }
        started = true
        let message: JSONObject = [
            "id": .string(id), "type": "message", "role": "assistant", "content": [], "model": .string(model),
            "stop_reason": .null, "stop_sequence": .null, "usage": ["input_tokens": 0, "output_tokens": 0],
        ]
        DialectBody.writeEvent("message_start", ["type": "message_start", "message": .object(message)], to: &out)
        return out
    }

    /// The events for one OpenAI chunk.
    package mutating func consume(_ chunk: JSONObject) -> ByteBuffer {
        var out = start()
        if let usage = chunk["usage"]?.objectValue {
            inputTokens = usage["prompt_tokens"]?.intValue ?? inputTokens
            outputTokens = usage["completion_tokens"]?.intValue ?? outputTokens
        }
        guard let choice = chunk["choices"]?.arrayValue?.first?.objectValue else { return out }
        let delta = choice["delta"]?.objectValue
        if let text = delta?["content"]?.stringValue, !text.isEmpty {
            if openBlock == nil || !openIsText {
                open(["type": "text", "text": ""], isText: true, to: &out)
            }
            blockDelta(["type": "text_delta", "text": .string(text)], to: &out)
        }
        for call in delta?["tool_calls"]?.arrayValue ?? [] {
            guard let call = call.objectValue else { continue }
            let toolIndex = call["index"]?.intValue ?? 0
            let function = call["function"]?.objectValue
            if toolBlocks[toolIndex] == nil {
                toolBlocks[toolIndex] = nextBlock
                let block: JSONObject = [
                    "type": "tool_use",
                    "id": .string(call["id"]?.stringValue ?? DialectBody.identifier("toolu_")),
                    "name": function?["name"] ?? "",
                    "input": [:],
                ]
                open(block, isText: false, to: &out)
            }
            // Chat streams one call's arguments after another; a late piece of an earlier call has no open block to go to.
            if let arguments = function?["arguments"]?.stringValue, !arguments.isEmpty, toolBlocks[toolIndex] == openBlock {
                blockDelta(["type": "input_json_delta", "partial_json": .string(arguments)], to: &out)
            }
        }
        if let reason = choice["finish_reason"]?.stringValue { stopReason = AnthropicMessages.stopReason(reason) }
        return out
    }

    /// The closing events: the open block's stop, `message_delta` and `message_stop`.
    package mutating func finish() -> ByteBuffer {
        var out = start()
        guard !finished else { return out }
        finished = true
        closeBlock(to: &out)
        let delta: JSONObject = [
            "type": "message_delta",
            "delta": ["stop_reason": stopReason.isNull ? "end_turn" : stopReason, "stop_sequence": .null],
            "usage": ["input_tokens": .number(JSONNumber(inputTokens)), "output_tokens": .number(JSONNumber(outputTokens))],
        ]
        DialectBody.writeEvent("message_delta", delta, to: &out)
        DialectBody.writeEvent("message_stop", ["type": "message_stop"], to: &out)
        return out
    }

    /// The `error` event that ends a stream the upstream broke.
    package mutating func fail(_ error: GatewayError) -> ByteBuffer {
        finished = true
        var out = ByteBuffer()
        DialectBody.writeEvent("error", AnthropicMessages.errorBody(error), to: &out)
        return out
    }

    private mutating func open(_ block: JSONObject, isText: Bool, to out: inout ByteBuffer) {
        closeBlock(to: &out)
        let index = nextBlock
        nextBlock += 1
        openBlock = index
        openIsText = isText
        let event: JSONObject = ["type": "content_block_start", "index": .number(JSONNumber(index)), "content_block": .object(block)]
        DialectBody.writeEvent("content_block_start", event, to: &out)
    }

    private func blockDelta(_ delta: JSONObject, to out: inout ByteBuffer) {
        guard let openBlock else { return }
        let event: JSONObject = ["type": "content_block_delta", "index": .number(JSONNumber(openBlock)), "delta": .object(delta)]
        DialectBody.writeEvent("content_block_delta", event, to: &out)
    }

    private mutating func closeBlock(to out: inout ByteBuffer) {
        guard let index = openBlock else { return }
        openBlock = nil
        DialectBody.writeEvent("content_block_stop", ["type": "content_block_stop", "index": .number(JSONNumber(index))], to: &out)
    }
}
