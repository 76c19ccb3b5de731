import SwitchyardCore

extension SimulatorOllama {
    /// An answer both ways: the lines of a stream, and the single object of a plain answer.
    struct Answer {
        var lines: [JSONValue]
        var whole: JSONValue
    }

    /// `POST /api/chat`: the simulated reply to the last user message, or, when the request offers tools and
    /// its last message is a user message mentioning "weather", a call of the first tool (its required arguments
    /// set to `"simulated"`), whole in one message as Ollama sends tool calls.
    static func chat(_ exchange: Exchange) throws(APIError) -> Answer {
        guard let messages = exchange.body["messages"]?.arrayValue, !messages.isEmpty else {
            throw APIError(status: 400, message: "messages is required")
        }
        let texts = messages.map { $0.objectValue?["content"]?.stringValue ?? "" }
        let promptTokens = texts.reduce(0) { $0 + SimulatedReply.tokenCount($1) }
        let last = messages.last?.objectValue
        if let call = toolCall(exchange.body, lastRole: last?["role"]?.stringValue, lastText: last?["content"]?.stringValue ?? "") {
            let message: JSONValue = ["role": "assistant", "content": "", "tool_calls": [call]]
            let last = final(exchange, reason: "stop", promptTokens: promptTokens, completionTokens: 1, extra: ("message", message))
            return Answer(lines: [line(exchange, "message", message), final(exchange, promptTokens: promptTokens, last: last)], whole: last)
        }
        let lastUser = messages.lastIndex { $0.objectValue?["role"]?.stringValue == "user" } ?? messages.count - 1
        return text(exchange, reply: try reply(to: texts[lastUser], exchange), promptTokens: promptTokens, field: "message")
    }

    /// `POST /api/generate`: the simulated reply to the prompt's last `### User:` section (the prompt LiteLLM
    /// and Switchyard build from chat messages), or to the whole prompt when it has none.
    static func generate(_ exchange: Exchange) throws(APIError) -> Answer {
        guard let prompt = exchange.body["prompt"]?.stringValue else { throw APIError(status: 400, message: "prompt is required") }
        var quoted = prompt
        if let marker = prompt.ranges(of: "### User:\n").last {
            quoted = String(prompt[marker.upperBound...])
            if let end = quoted.firstRange(of: "\n\n") { quoted = String(quoted[..<end.lowerBound]) }
        }
        return text(exchange, reply: try reply(to: quoted, exchange), promptTokens: SimulatedReply.tokenCount(prompt), field: "response")
    }

    /// `POST /api/embed`: the OpenAI dialect's vector for each input string.
    static func embed(_ exchange: Exchange) throws(APIError) -> Answer {
        let input = exchange.body["input"]
        guard let texts = input?.stringValue.map({ [$0] }) ?? input?.arrayValue?.compactMap(\.stringValue), !texts.isEmpty else {
            throw APIError(status: 400, message: "input must be a string or an array of strings")
        }
        let dimensions = exchange.body["dimensions"]?.intValue ?? exchange.configuration.embeddingDimensions
        let vectors: [JSONValue] = texts.map { text in
            .array(SimulatorOpenAI.embedding(of: "s:" + text, dimensions: dimensions).map { .number(JSONNumber($0)) })
        }
        let tokens = texts.reduce(0) { $0 + SimulatedReply.tokenCount($1) }
        let whole: JSONValue = [
            "model": .string(exchange.model), "embeddings": .array(vectors), "total_duration": 14_143_917,
            "load_duration": 1_019_500, "prompt_eval_count": .number(JSONNumber(tokens)),
        ]
        return Answer(lines: [whole], whole: whole)
    }

    /// The prompt tokens the context-window fault compares: words of every message, the prompt, or the inputs.
    static func promptTokens(_ endpoint: Endpoint, _ body: JSONObject) -> Int {
        switch endpoint {
        case .chat:
            return (body["messages"]?.arrayValue ?? []).reduce(0) { $0 + SimulatedReply.tokenCount($1.objectValue?["content"]?.stringValue ?? "") }
        case .generate:
            return SimulatedReply.tokenCount(body["prompt"]?.stringValue ?? "")
        case .embed:
            let input = body["input"]
            let texts = input?.stringValue.map { [$0] } ?? input?.arrayValue?.compactMap(\.stringValue) ?? []
            return texts.reduce(0) { $0 + SimulatedReply.tokenCount($1) }
        }
    }

    private static func reply(to prompt: String, _ exchange: Exchange) throws(APIError) -> SimulatedReply {
        let limit = exchange.body["options"]?.objectValue?["num_predict"]
        if let limit, !limit.isNull, (limit.intValue ?? 0) < 1 {
            throw APIError(status: 400, message: "num_predict must be a positive integer")
        }
        return SimulatedReply(prompt: prompt, maxTokens: limit?.intValue)
    }

    /// One line per word, then the `done` line; the plain answer carries the whole text in `field`.
    private static func text(_ exchange: Exchange, reply: SimulatedReply, promptTokens: Int, field: String) -> Answer {
        func value(_ text: String) -> JSONValue { field == "message" ? ["role": "assistant", "content": .string(text)] : .string(text) }
        var lines = reply.words.indices.map { line(exchange, field, value(reply.piece($0))) }
        let whole = final(
            exchange, reason: reply.finishReason, promptTokens: promptTokens, completionTokens: reply.words.count, extra: (field, value(reply.text)))
        lines.append(final(exchange, promptTokens: promptTokens, last: whole))
        return Answer(lines: lines, whole: whole)
    }

    /// The stream's `done` line: the plain answer with its text emptied, as Ollama sends it.
    private static func final(_ exchange: Exchange, promptTokens: Int, last: JSONValue) -> JSONValue {
        var object = last.objectValue ?? [:]
        if object["response"] != nil { object["response"] = "" }
        if object["message"] != nil { object["message"] = ["role": "assistant", "content": ""] }
        return .object(object)
    }

    private static func final(
        _ exchange: Exchange, reason: String, promptTokens: Int, completionTokens: Int, extra: (String, JSONValue)
    ) -> JSONValue {
        [
            "model": .string(exchange.model), "created_at": .string(createdAt), extra.0: extra.1, "done": true,
            "done_reason": .string(reason), "total_duration": 5_191_566_416, "load_duration": 2_154_458,
            "prompt_eval_count": .number(JSONNumber(promptTokens)), "prompt_eval_duration": 383_809_000,
            "eval_count": .number(JSONNumber(completionTokens)), "eval_duration": 4_799_921_000,
        ]
    }

    private static func line(_ exchange: Exchange, _ field: String, _ value: JSONValue) -> JSONValue {
        ["model": .string(exchange.model), "created_at": .string(createdAt), field: value, "done": false]
    }

    private static func toolCall(_ body: JSONObject, lastRole: String?, lastText: String) -> JSONValue? {
        // The rule every simulator dialect follows (Ollama cannot force a call): a user message about the weather.
        guard lastRole == "user", lastText.lowercased().contains("weather"),
            let tool = body["tools"]?.arrayValue?.first?.objectValue?["function"]?.objectValue,
            let name = tool["name"]?.stringValue
        else { return nil }
        let required = tool["parameters"]?.objectValue?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return ["function": ["name": .string(name), "arguments": .object(JSONObject(required.map { ($0, JSONValue.string("simulated")) }))]]
    }
}
