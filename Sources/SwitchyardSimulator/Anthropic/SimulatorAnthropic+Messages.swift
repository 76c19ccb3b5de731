import NIOCore
import SwitchyardCore

extension SimulatorAnthropic {
    /// What the endpoint answers with: one message, or its stream of events.
    enum Answer {
        case json(JSONValue)
        case events([SimulatorDecision.Chunk])
    }

    /// `POST /v1/messages`, plain or streamed (`"stream": true`).
    ///
    /// The reply is the OpenAI dialect's for the same prompt ("Simulated reply to: …", quoting the last user
    /// message that has text), cut at `max_tokens` words (stop reason `max_tokens`) but never padded: every
    /// Anthropic request carries `max_tokens`, so it is a cap here, not a length to fill.
    ///
    /// Tool use: when the request has `tools`, the answer is a single `tool_use` block (stop reason `tool_use`) if
    /// `tool_choice` forces a tool (`any`: the first tool; `tool`: the named one), or, with `auto` or no choice,
    /// if the last user message has text containing the word "weather" and no `tool_result`. The tool is the first
    /// one (or the named one); its input fills the schema's `required` properties (all properties when none are
    /// required) by type: `"simulated"` for strings (an enum's first value), 1 for numbers, true, [] and {}.
    /// After a tool result, the model answers with text as usual.
    ///
    /// Usage: `input_tokens` are the words of the system prompt and of every message's text; `output_tokens` the
    /// words of the reply (of the tool input's JSON text for a tool call).
    static func answer(_ exchange: Exchange) throws(APIError) -> Answer {
        let body = exchange.body
        let messages = body["messages"]?.arrayValue ?? []
        let streaming: Bool
        switch body["stream"] {
        case nil, .null?: streaming = false
        case .bool(let value)?: streaming = value
        default: throw .invalid("stream: Input should be a valid boolean")
        }
        let id = "msg_sim" + exchange.hash
        let inputTokens = promptTokens(body) ?? 0
        let content: JSONValue
        let stopReason: String
        let outputTokens: Int
        var pieces: [String] = []
        if let tool = try toolToUse(body) {
            let input = JSONValue.object(arguments(for: tool["input_schema"]?.objectValue ?? [:]))
            content = ["type": "tool_use", "id": .string("toolu_sim" + exchange.hash), "name": tool["name"] ?? "", "input": input]
            stopReason = "tool_use"
            outputTokens = max(1, SimulatedReply.tokenCount(input.jsonString))
        } else {
            var reply = SimulatedReply(prompt: lastUserText(messages), maxTokens: nil)
            stopReason = reply.words.count > (body["max_tokens"]?.intValue ?? Int.max) ? "max_tokens" : "end_turn"
            if stopReason == "max_tokens" { reply.words.removeLast(reply.words.count - (body["max_tokens"]?.intValue ?? 0)) }
            content = ["type": "text", "text": .string(reply.text)]
            outputTokens = reply.words.count
            pieces = reply.words.indices.map(reply.piece)
        }
        guard streaming else {
            return .json([
                "id": .string(id), "type": "message", "role": "assistant", "model": .string(exchange.model), "content": [content],
                "stop_reason": .string(stopReason), "stop_sequence": nil,
                "usage": ["input_tokens": .number(JSONNumber(inputTokens)), "output_tokens": .number(JSONNumber(outputTokens))],
            ])
        }
        let start: JSONValue = [
            "id": .string(id), "type": "message", "role": "assistant", "model": .string(exchange.model), "content": [],
            "stop_reason": nil, "stop_sequence": nil, "usage": ["input_tokens": .number(JSONNumber(inputTokens)), "output_tokens": 1],
        ]
        var events = [event("message_start", ["type": "message_start", "message": start])]
        if case .object(var block) = content, block["type"] == "tool_use" {
            let json = (block["input"] ?? [:]).jsonString
            block["input"] = [:]
            events.append(event("content_block_start", ["type": "content_block_start", "index": 0, "content_block": .object(block)]))
            let middle = json.index(json.startIndex, offsetBy: json.count / 2)
            for fragment in ["", String(json[..<middle]), String(json[middle...])] {
                let delta: JSONValue = ["type": "input_json_delta", "partial_json": .string(fragment)]
                events.append(
                    event("content_block_delta", ["type": "content_block_delta", "index": 0, "delta": delta], delay: exchange.tokenInterval))
            }
        } else {
            events.append(event("content_block_start", ["type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""]]))
            events.append(event("ping", ["type": "ping"]))
            for piece in pieces {
                let delta: JSONValue = ["type": "text_delta", "text": .string(piece)]
                events.append(
                    event("content_block_delta", ["type": "content_block_delta", "index": 0, "delta": delta], delay: exchange.tokenInterval))
            }
        }
        events.append(event("content_block_stop", ["type": "content_block_stop", "index": 0]))
        let delta: JSONValue = ["stop_reason": .string(stopReason), "stop_sequence": nil]
        let usage: JSONValue = ["output_tokens": .number(JSONNumber(outputTokens))]
        events.append(event("message_delta", ["type": "message_delta", "delta": delta, "usage": usage]))
        events.append(event("message_stop", ["type": "message_stop"]))
        return .events(events)
    }

    /// One named server-sent event: `event: name` and `data: {json}`.
    private static func event(_ name: String, _ value: JSONValue, delay: Duration = .zero) -> SimulatorDecision.Chunk {
        var buffer = ByteBuffer(string: "event: \(name)\ndata: ")
        value.write(to: &buffer)
        buffer.writeString("\n\n")
        return SimulatorDecision.Chunk(delay: delay, bytes: buffer)
    }

    /// The tool the answer calls, by the rule in ``answer(_:)``, or nil for a text answer.
    static func toolToUse(_ body: JSONObject) throws(APIError) -> JSONObject? {
        let tools = (body["tools"]?.arrayValue ?? []).compactMap(\.objectValue)
        guard let first = tools.first else { return nil }
        let choice = body["tool_choice"]?.objectValue
        switch choice?["type"]?.stringValue {
        case "none"?: return nil
        case "any"?: return first
        case "tool"?:
            guard let tool = tools.first(where: { $0["name"] != nil && $0["name"] == choice?["name"] }) else {
                throw .invalid("tool_choice.name: no tool named \(choice?["name"]?.stringValue ?? "") in tools")
            }
            return tool
        default:
            guard let last = (body["messages"]?.arrayValue ?? []).last(where: { $0.objectValue?["role"] == "user" })?.objectValue else { return nil }
            let blocks = last["content"]?.arrayValue ?? []
            let hasResult = blocks.contains { $0.objectValue?["type"] == "tool_result" }
            return !hasResult && text(of: last["content"]).lowercased().contains("weather") ? first : nil
        }
    }

    /// Deterministic arguments for a tool's input schema.
    static func arguments(for schema: JSONObject) -> JSONObject {
        let properties = schema["properties"]?.objectValue ?? [:]
        let required = (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        var input = JSONObject()
        for (name, property) in properties where required.isEmpty || required.contains(name) {
            let object = property.objectValue
            if let first = object?["enum"]?.arrayValue?.first {
                input[name] = first
                continue
            }
            switch object?["type"]?.stringValue {
            case "integer"?, "number"?: input[name] = 1
            case "boolean"?: input[name] = true
            case "array"?: input[name] = []
            case "object"?: input[name] = [:]
            default: input[name] = "simulated"
            }
        }
        return input
    }

    /// The text of the last user message that has any, as the OpenAI dialect quotes the last user message.
    static func lastUserText(_ messages: [JSONValue]) -> String {
        for message in messages.reversed() where message.objectValue?["role"] == "user" {
            let text = text(of: message.objectValue?["content"])
            if !text.isEmpty { return text }
        }
        return ""
    }

    /// The prompt tokens of a body: the words of `system` and of every message's text and tool results.
    static func promptTokens(_ body: JSONObject) -> Int? {
        guard let messages = body["messages"]?.arrayValue else { return nil }
        var count = SimulatedReply.tokenCount(text(of: body["system"]))
        for message in messages {
            let content = message.objectValue?["content"]
            count += SimulatedReply.tokenCount(text(of: content))
            for block in content?.arrayValue ?? [] where block.objectValue?["type"] == "tool_result" {
                count += SimulatedReply.tokenCount(text(of: block.objectValue?["content"]))
            }
        }
        return count
    }

    /// A string, or the `text` of text blocks joined by spaces.
    static func text(of content: JSONValue?) -> String {
        if let text = content?.stringValue { return text }
        return (content?.arrayValue ?? []).compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: " ")
    }
}
