import SwitchyardCore

/// Conversion between Anthropic's Messages API and the canonical OpenAI chat body.
package enum AnthropicMessages {}

extension AnthropicMessages {
    /// The OpenAI chat body for an Anthropic Messages request (`model` stays the requested model group).
    package static func chatBody(from request: JSONObject) throws(GatewayError) -> JSONObject {
        guard let model = request["model"]?.stringValue, !model.isEmpty else {
            throw GatewayError.missingParameter("model", expected: "a string")
        }
        guard let messages = request["messages"]?.arrayValue else {
            throw GatewayError.missingParameter("messages", expected: "an array")
        }
        var body: JSONObject = ["model": .string(model)]
        var chat: [JSONValue] = []
        if let system = request["system"], !system.isNull {
            chat.append(["role": "system", "content": .string(try text(of: system, param: "system"))])
        }
        for (index, message) in messages.enumerated() {
            chat += try chatMessages(from: message, param: "messages.\(index)")
        }
        body["messages"] = .array(chat)
        if let maxTokens = request["max_tokens"], !maxTokens.isNull {
            guard let count = maxTokens.intValue, count > 0 else { throw invalid("max_tokens", "a positive integer") }
            body["max_tokens"] = .number(JSONNumber(count))
        }
        for key in ["temperature", "top_p", "top_k"] {
            if let value = request[key], !value.isNull { body[key] = value }
        }
        if let stops = request["stop_sequences"], !stops.isNull {
            guard stops.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true else { throw invalid("stop_sequences", "a list of strings") }
            body["stop"] = stops
        }
        if let user = request["metadata"]?.objectValue?["user_id"], user.stringValue != nil { body["user"] = user }
        if let tools = request["tools"]?.arrayValue { body["tools"] = .array(try tools.map(chatTool)) }
        if let choice = request["tool_choice"]?.objectValue { try apply(toolChoice: choice, to: &body) }
        if let thinking = request["thinking"]?.objectValue, thinking["type"]?.stringValue == "enabled" {
            // Chat has no token budget for reasoning, only an effort; the budget picks the nearest one.
            let budget = thinking["budget_tokens"]?.intValue ?? 0
            body["reasoning_effort"] = .string(budget <= 2048 ? "low" : budget <= 16384 ? "medium" : "high")
        }
        if request["stream"]?.boolValue == true {
            body["stream"] = true
            body["stream_options"] = ["include_usage": true]
        }
        return body
    }

    /// The chat messages for one Anthropic message: tool results become `tool` messages ahead of the
    /// rest of the user's content, tool uses become the assistant's `tool_calls`.
    package static func chatMessages(from value: JSONValue, param: String) throws(GatewayError) -> [JSONValue] {
        guard let message = value.objectValue, let role = message["role"]?.stringValue, role == "user" || role == "assistant" else {
            throw invalid(param, "a message with role 'user' or 'assistant'")
        }
        if let content = message["content"]?.stringValue {
            return [["role": .string(role), "content": .string(content)]]
        }
        guard let blocks = message["content"]?.arrayValue else { throw invalid("\(param).content", "a string or a list of content blocks") }
        var results: [JSONValue] = []
        var parts: [JSONValue] = []
        var toolCalls: [JSONValue] = []
        for block in blocks {
            guard let block = block.objectValue, let type = block["type"]?.stringValue else {
                throw invalid("\(param).content", "a list of content blocks")
            }
            switch type {
            case "text":
                parts.append(["type": "text", "text": block["text"] ?? ""])
            case "image":
                parts.append(try imagePart(block, param: param))
            case "tool_use":
                let call: JSONObject = [
                    "id": block["id"] ?? "",
                    "type": "function",
                    "function": ["name": block["name"] ?? "", "arguments": .string(DialectBody.argumentsString(block["input"]))],
                ]
                toolCalls.append(.object(call))
            case "tool_result":
                var content = block["content"].map { (try? text(of: $0, param: param)) ?? "" } ?? ""
                if block["is_error"]?.boolValue == true && content.isEmpty { content = "Error" }
                results.append(["role": "tool", "tool_call_id": block["tool_use_id"] ?? "", "content": .string(content)])
            case "thinking", "redacted_thinking":
                // Reasoning of an earlier turn: chat completions has no place for it on input.
                continue
            default:
                throw GatewayError(
                    .badRequest, "Content blocks of type '\(type)' are not supported.", param: "\(param).content", code: "invalid_request_body")
            }
        }
        var messages = results
        if role == "assistant" {
            var assistant: JSONObject = ["role": "assistant"]
            let text = parts.compactMap { $0.objectValue?["text"]?.stringValue }.joined()
            assistant["content"] = text.isEmpty && !toolCalls.isEmpty ? .null : .string(text)
            if !toolCalls.isEmpty { assistant["tool_calls"] = .array(toolCalls) }
            messages.append(.object(assistant))
        } else if !parts.isEmpty {
            messages.append(["role": "user", "content": .array(parts)])
        }
        return messages
    }

    /// An `image_url` part for an Anthropic image block (base64 source as a data URL, or a URL source).
    package static func imagePart(_ block: JSONObject, param: String) throws(GatewayError) -> JSONValue {
        guard let source = block["source"]?.objectValue else { throw invalid("\(param).content", "an image block with a source") }
        switch source["type"]?.stringValue {
        case "base64":
            guard let mediaType = source["media_type"]?.stringValue, let data = source["data"]?.stringValue else {
                throw invalid("\(param).content", "a base64 image source with media_type and data")
            }
            return ["type": "image_url", "image_url": ["url": .string("data:\(mediaType);base64,\(data)")]]
        case "url":
            guard let url = source["url"]?.stringValue else { throw invalid("\(param).content", "a url image source with url") }
            return ["type": "image_url", "image_url": ["url": .string(url)]]
        default:
            throw invalid("\(param).content", "an image source of type 'base64' or 'url'")
        }
    }

    /// The text of a string or of a list of text blocks (other blocks are left out).
    package static func text(of value: JSONValue, param: String) throws(GatewayError) -> String {
        if let text = value.stringValue { return text }
        guard let blocks = value.arrayValue else { throw invalid(param, "a string or a list of text blocks") }
        return blocks.compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: "\n")
    }

    /// A chat function tool for an Anthropic client tool; server tools (web search, …) are not supported.
    package static func chatTool(_ value: JSONValue) throws(GatewayError) -> JSONValue {
        guard let tool = value.objectValue, let name = tool["name"]?.stringValue else { throw invalid("tools", "a list of tools with names") }
        if let type = tool["type"]?.stringValue, type != "custom" {
            throw GatewayError(.badRequest, "Tools of type '\(type)' are not supported.", param: "tools", code: "invalid_request_body")
        }
        var function: JSONObject = ["name": .string(name)]
        if let description = tool["description"] { function["description"] = description }
        function["parameters"] = tool["input_schema"] ?? ["type": "object", "properties": [:]]
        return ["type": "function", "function": .object(function)]
    }

    /// Sets `tool_choice` (and `parallel_tool_calls`) for Anthropic's `tool_choice`.
    package static func apply(toolChoice choice: JSONObject, to body: inout JSONObject) throws(GatewayError) {
        switch choice["type"]?.stringValue {
        case "auto": body["tool_choice"] = "auto"
        case "any": body["tool_choice"] = "required"
        case "none": body["tool_choice"] = "none"
        case "tool":
            guard let name = choice["name"]?.stringValue else { throw invalid("tool_choice.name", "a string") }
            body["tool_choice"] = ["type": "function", "function": ["name": .string(name)]]
        default:
            throw invalid("tool_choice.type", "one of 'auto', 'any', 'tool', 'none'")
        }
        if choice["disable_parallel_tool_use"]?.boolValue == true { body["parallel_tool_calls"] = false }
    }

    package static func invalid(_ name: String, _ expected: String) -> GatewayError {
        GatewayError(.badRequest, "'\(name)' must be \(expected).", param: name, code: "invalid_request_body")
    }
}

extension AnthropicMessages {
    /// A chat body carrying only what routing reads (model, stream, routing parameters), for a request
    /// whose content only an Anthropic deployment can take.
    package static func routingOnlyBody(_ body: JSONObject) -> JSONObject {
        var chat: JSONObject = ["messages": [["role": "user", "content": ""]]]
        for key in ["model", "stream"] + ProxyRequest.gatewayOnlyKeys { chat[key] = body[key] }
        return chat
    }

    /// The client's body as an Anthropic deployment receives it: everything the client sent except the
    /// gateway's own routing parameters (`num_retries`, `timeout`, `fallbacks`, …).
    package static func nativeBody(_ body: JSONObject) -> JSONObject {
        var native = body
        for key in ProxyRequest.gatewayOnlyKeys + ["drop_params"] { native[key] = nil }
        return native
    }
}
