import NIOCore
import SwitchyardCore
import SwitchyardProviders

extension SimulatorBedrock {
    /// What an action answers with: one JSON document, or event-stream messages.
    enum Answer {
        case json(JSONValue)
        case events([SimulatorDecision.Chunk])
    }

    /// The reply to a Converse request: text or one tool call, its stop reason and token counts.
    struct Reply {
        var text: SimulatedReply?
        var toolUse: JSONObject?
        var stopReason: String
        var inputTokens: Int
        var outputTokens: Int
    }

    /// The reply quotes the last user text like the OpenAI dialect ("Simulated reply to: …"), cut at
    /// `inferenceConfig.maxTokens` words (stop reason `max_tokens`). Tool use follows the Anthropic
    /// dialect's rule: `toolChoice` `any`/`tool` forces one; otherwise a last user turn without a
    /// `toolResult` whose text mentions "weather" calls the first tool, with arguments filling its schema.
    static func reply(_ exchange: Exchange) throws(APIError) -> Reply {
        guard let messages = exchange.body["messages"]?.arrayValue, !messages.isEmpty else {
            throw .validation("The model returned the following errors: messages: at least one message is required")
        }
        let inputTokens = promptTokens(exchange.body)
        if let tool = try toolToUse(exchange.body) {
            let input = JSONValue.object(SimulatorAnthropic.arguments(for: tool["inputSchema"]?.objectValue?["json"]?.objectValue ?? [:]))
            let use: JSONObject = ["toolUseId": .string("tooluse_sim" + exchange.hash), "name": tool["name"] ?? "", "input": input]
            return Reply(
                toolUse: use, stopReason: "tool_use", inputTokens: inputTokens, outputTokens: max(1, SimulatedReply.tokenCount(input.jsonString)))
        }
        var reply = SimulatedReply(prompt: lastUserText(messages), maxTokens: nil)
        var stopReason = "end_turn"
        if let limit = exchange.body["inferenceConfig"]?.objectValue?["maxTokens"]?.intValue, limit >= 0, reply.words.count > limit {
            reply.words.removeLast(reply.words.count - limit)
            stopReason = "max_tokens"
        }
        return Reply(text: reply, stopReason: stopReason, inputTokens: inputTokens, outputTokens: reply.words.count)
    }

    /// `POST /model/{id}/converse`.
    static func converse(_ exchange: Exchange) throws(APIError) -> JSONValue {
        let reply = try reply(exchange)
        var content: [JSONValue] = []
        if let text = reply.text { content.append(["text": .string(text.text)]) }
        if let use = reply.toolUse { content.append(["toolUse": .object(use)]) }
        return [
            "output": ["message": ["role": "assistant", "content": .array(content)]],
            "stopReason": .string(reply.stopReason),
            "usage": usage(reply),
            "metrics": ["latencyMs": 1],
        ]
    }

    /// `POST /model/{id}/converse-stream`: messageStart, content block events, messageStop, metadata.
    static func converseStream(_ exchange: Exchange) throws(APIError) -> [SimulatorDecision.Chunk] {
        let reply = try reply(exchange)
        func event(_ type: String, _ payload: JSONValue, delay: Duration = .zero) -> SimulatorDecision.Chunk {
            SimulatorDecision.Chunk(delay: delay, bytes: AWSEventStreamEncoder.event(type, payload: ByteBuffer(json: payload)))
        }
        var chunks = [event("messageStart", ["role": "assistant"])]
        if let text = reply.text {
            for index in text.words.indices {
                let delta: JSONValue = ["contentBlockIndex": 0, "delta": ["text": .string(text.piece(index))]]
                chunks.append(event("contentBlockDelta", delta, delay: exchange.tokenInterval))
            }
            chunks.append(event("contentBlockStop", ["contentBlockIndex": 0]))
        }
        if let use = reply.toolUse {
            let start: JSONValue = ["toolUseId": use["toolUseId"] ?? "", "name": use["name"] ?? ""]
            chunks.append(event("contentBlockStart", ["contentBlockIndex": 0, "start": ["toolUse": start]]))
            let json = (use["input"] ?? [:]).jsonString
            let middle = json.index(json.startIndex, offsetBy: json.count / 2)
            for fragment in [String(json[..<middle]), String(json[middle...])] {
                let delta: JSONValue = ["contentBlockIndex": 0, "delta": ["toolUse": ["input": .string(fragment)]]]
                chunks.append(event("contentBlockDelta", delta, delay: exchange.tokenInterval))
            }
            chunks.append(event("contentBlockStop", ["contentBlockIndex": 0]))
        }
        chunks.append(event("messageStop", ["stopReason": .string(reply.stopReason)]))
        chunks.append(event("metadata", ["usage": usage(reply), "metrics": ["latencyMs": 1]]))
        return chunks
    }

    private static func usage(_ reply: Reply) -> JSONValue {
        [
            "inputTokens": .number(JSONNumber(reply.inputTokens)), "outputTokens": .number(JSONNumber(reply.outputTokens)),
            "totalTokens": .number(JSONNumber(reply.inputTokens + reply.outputTokens)),
        ]
    }

    /// The tool spec the answer calls, or nil for a text answer.
    static func toolToUse(_ body: JSONObject) throws(APIError) -> JSONObject? {
        let config = body["toolConfig"]?.objectValue
        let tools = (config?["tools"]?.arrayValue ?? []).compactMap { $0.objectValue?["toolSpec"]?.objectValue }
        guard let first = tools.first else { return nil }
        let choice = config?["toolChoice"]?.objectValue
        if choice?["any"] != nil { return first }
        if let name = choice?["tool"]?.objectValue?["name"] {
            guard let tool = tools.first(where: { $0["name"] == name }) else {
                throw .validation("toolConfig.toolChoice.tool.name: no tool named \(name.stringValue ?? "") in toolConfig.tools")
            }
            return tool
        }
        let messages = body["messages"]?.arrayValue ?? []
        guard let last = messages.last(where: { $0.objectValue?["role"] == "user" })?.objectValue else { return nil }
        let blocks = last["content"]?.arrayValue ?? []
        let hasResult = blocks.contains { $0.objectValue?["toolResult"] != nil }
        return !hasResult && text(of: last["content"]).lowercased().contains("weather") ? first : nil
    }

    /// The text of the last user message that has any.
    static func lastUserText(_ messages: [JSONValue]) -> String {
        for message in messages.reversed() where message.objectValue?["role"] == "user" {
            let text = text(of: message.objectValue?["content"])
            if !text.isEmpty { return text }
        }
        return ""
    }

    /// The prompt tokens: the words of `system` and of every message's text and tool results.
    static func promptTokens(_ body: JSONObject) -> Int {
        var count = SimulatedReply.tokenCount(text(of: body["system"]))
        for message in body["messages"]?.arrayValue ?? [] {
            let content = message.objectValue?["content"]
            count += SimulatedReply.tokenCount(text(of: content))
            for block in content?.arrayValue ?? [] {
                count += SimulatedReply.tokenCount(text(of: block.objectValue?["toolResult"]?.objectValue?["content"]))
            }
        }
        return count
    }

    /// The `text` of text blocks joined by spaces.
    static func text(of content: JSONValue?) -> String {
        (content?.arrayValue ?? []).compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: " ")
    }
}
