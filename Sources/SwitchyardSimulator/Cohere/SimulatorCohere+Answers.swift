import NIOCore
import SwitchyardCore

extension SimulatorCohere {
    /// `POST /v2/chat`: the simulated reply to the last user message, or, when the request offers tools and either
    /// says `tool_choice: REQUIRED` or ends with a user message mentioning "weather" (and is not after a tool result),
    /// a call of the first tool (required arguments `"simulated"`), streamed with its arguments split across two
    /// `tool-call-delta` events.
    static func chat(_ exchange: Exchange) throws(APIError) -> Answer {
        guard let messages = exchange.body["messages"]?.arrayValue, !messages.isEmpty else {
            throw APIError(status: 400, message: "invalid request: messages must not be empty")
        }
        let streaming = exchange.body["stream"]?.boolValue == true
        let promptTokens = promptTokens(.chat, exchange.body)
        let last = messages.last?.objectValue
        if let call = toolCall(exchange, lastRole: last?["role"]?.stringValue, lastText: text(last?["content"])) {
            let usage = usage(prompt: promptTokens, completion: 1)
            guard streaming else {
                let message: JSONValue = ["role": "assistant", "tool_plan": "I will call a tool.", "tool_calls": [call.value]]
                return .json(["id": .string(exchange.id), "finish_reason": "TOOL_CALL", "message": message, "usage": usage])
            }
            let half = call.arguments.index(call.arguments.startIndex, offsetBy: call.arguments.count / 2)
            var start = call.value.objectValue ?? [:]
            start["function"] = ["name": call.value.objectValue?["function"]?.objectValue?["name"] ?? "", "arguments": ""]
            let events: [JSONValue] = [
                messageStart(exchange),
                ["type": "tool-plan-delta", "delta": ["message": ["tool_plan": "I will call a tool."]]],
                ["type": "tool-call-start", "index": 0, "delta": ["message": ["tool_calls": .object(start)]]],
                toolCallDelta(String(call.arguments[..<half])), toolCallDelta(String(call.arguments[half...])),
                ["type": "tool-call-end", "index": 0],
                ["type": "message-end", "delta": ["finish_reason": "TOOL_CALL", "usage": usage]],
            ]
            return .events(events.map { SimulatorDecision.Chunk(bytes: event($0)) })
        }
        let lastUser = messages.lastIndex { $0.objectValue?["role"]?.stringValue == "user" } ?? messages.count - 1
        let maxTokens = exchange.body["max_tokens"]?.intValue
        let reply = SimulatedReply(prompt: text(messages[lastUser].objectValue?["content"]), maxTokens: maxTokens)
        let finish: JSONValue = reply.finishReason == "length" ? "MAX_TOKENS" : "COMPLETE"
        let usage = usage(prompt: promptTokens, completion: reply.words.count)
        guard streaming else {
            let message: JSONValue = ["role": "assistant", "content": [["type": "text", "text": .string(reply.text)]]]
            return .json(["id": .string(exchange.id), "finish_reason": finish, "message": message, "usage": usage])
        }
        var chunks = [
            messageStart(exchange), ["type": "content-start", "index": 0, "delta": ["message": ["content": ["type": "text", "text": ""]]]],
        ]
        .map { SimulatorDecision.Chunk(bytes: event($0)) }
        for index in reply.words.indices {
            let delta: JSONValue = ["type": "content-delta", "index": 0, "delta": ["message": ["content": ["text": .string(reply.piece(index))]]]]
            chunks.append(SimulatorDecision.Chunk(delay: exchange.tokenInterval, bytes: event(delta)))
        }
        chunks.append(SimulatorDecision.Chunk(bytes: event(["type": "content-end", "index": 0])))
        chunks.append(SimulatorDecision.Chunk(bytes: event(["type": "message-end", "delta": ["finish_reason": finish, "usage": usage]])))
        return .events(chunks)
    }

    /// `POST /v2/embed`: the OpenAI dialect's vector for each text, under `embeddings.float`.
    static func embed(_ exchange: Exchange) throws(APIError) -> Answer {
        guard let texts = exchange.body["texts"]?.arrayValue?.compactMap(\.stringValue), !texts.isEmpty else {
            throw APIError(status: 400, message: "invalid request: texts must not be empty")
        }
        guard exchange.body["embedding_types"] != nil else { throw APIError(status: 400, message: "embedding_types parameter is required") }
        let dimensions = exchange.body["output_dimension"]?.intValue ?? exchange.configuration.embeddingDimensions
        let vectors: [JSONValue] = texts.map { text in
            .array(SimulatorOpenAI.embedding(of: "s:" + text, dimensions: dimensions).map { .number(JSONNumber($0)) })
        }
        let tokens = promptTokens(.embed, exchange.body)
        return .json([
            "id": .string(exchange.id), "embeddings": ["float": .array(vectors)], "texts": .array(texts.map { .string($0) }),
            "meta": ["api_version": ["version": "2"], "billed_units": ["input_tokens": .number(JSONNumber(tokens))]],
            "response_type": "embeddings_by_type",
        ])
    }

    /// The words of every message's text, or of every text to embed.
    static func promptTokens(_ endpoint: Endpoint, _ body: JSONObject) -> Int {
        switch endpoint {
        case .chat: (body["messages"]?.arrayValue ?? []).reduce(0) { $0 + SimulatedReply.tokenCount(text($1.objectValue?["content"])) }
        case .embed: (body["texts"]?.arrayValue ?? []).reduce(0) { $0 + SimulatedReply.tokenCount($1.stringValue ?? "") }
        }
    }

    private static func text(_ content: JSONValue?) -> String {
        if let text = content?.stringValue { return text }
        return (content?.arrayValue ?? []).compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: " ")
    }

    private static func usage(prompt: Int, completion: Int) -> JSONValue {
        let counts: JSONValue = ["input_tokens": .number(JSONNumber(prompt)), "output_tokens": .number(JSONNumber(completion))]
        return ["billed_units": counts, "tokens": counts]
    }

    private static func messageStart(_ exchange: Exchange) -> JSONValue {
        let message: JSONValue = ["role": "assistant", "content": [], "tool_plan": "", "tool_calls": [], "citations": []]
        return ["id": .string(exchange.id), "type": "message-start", "delta": ["message": message]]
    }

    private static func toolCallDelta(_ arguments: String) -> JSONValue {
        ["type": "tool-call-delta", "index": 0, "delta": ["message": ["tool_calls": ["function": ["arguments": .string(arguments)]]]]]
    }

    private static func toolCall(_ exchange: Exchange, lastRole: String?, lastText: String) -> (value: JSONValue, arguments: String)? {
        // The rule every simulator dialect follows: a forced call, or a user message about the weather.
        let choice = exchange.body["tool_choice"]?.stringValue
        let wanted = choice == "REQUIRED" || (lastRole == "user" && lastText.lowercased().contains("weather"))
        guard lastRole != "tool", choice != "NONE", wanted,
            let tool = exchange.body["tools"]?.arrayValue?.first?.objectValue?["function"]?.objectValue, let name = tool["name"]?.stringValue
        else { return nil }
        let required = tool["parameters"]?.objectValue?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let arguments = JSONValue.object(JSONObject(required.map { ($0, JSONValue.string("simulated")) })).jsonString
        let id = "\(name)_\(exchange.id.prefix(12))"
        return (["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]], arguments)
    }
}
