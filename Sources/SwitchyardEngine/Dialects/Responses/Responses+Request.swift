import SwitchyardCore

/// Conversion between OpenAI's Responses API (create) and chat completions.
package enum Responses {}

extension Responses {
    /// The chat body for a Responses `create` request. Stateful features (`previous_response_id`,
    /// `store: true`, `background`, `conversation`) need a response store the gateway does not keep.
    package static func chatBody(from request: JSONObject) throws(GatewayError) -> JSONObject {
        for key in ["previous_response_id", "conversation"] where request[key].map({ !$0.isNull }) == true {
            throw unsupported("'\(key)' is not supported: Switchyard does not store responses. Send the whole conversation in 'input'.", key)
        }
        for key in ["store", "background"] where request[key]?.boolValue == true {
            throw unsupported("'\(key): true' is not supported: Switchyard does not store responses.", key)
        }
        guard let model = request["model"]?.stringValue, !model.isEmpty else {
            throw GatewayError.missingParameter("model", expected: "a string")
        }
        var messages: [JSONValue] = []
        if let instructions = request["instructions"]?.stringValue {
            messages.append(["role": "system", "content": .string(instructions)])
        }
        switch request["input"] {
        case .string(let text)?:
            messages.append(["role": "user", "content": .string(text)])
        case .array(let items)?:
            for (index, item) in items.enumerated() { try append(item, param: "input.\(index)", to: &messages) }
        default:
            throw GatewayError.missingParameter("input", expected: "a string or a list of items")
        }
        guard !messages.isEmpty else { throw invalid("input", "a non-empty string or list of items") }
        var body: JSONObject = ["model": .string(model), "messages": .array(messages)]
        if let tools = request["tools"]?.arrayValue, !tools.isEmpty { body["tools"] = .array(try tools.map(chatTool)) }
        if let choice = request["tool_choice"], !choice.isNull { body["tool_choice"] = try chatToolChoice(choice) }
        if let maxTokens = request["max_output_tokens"], !maxTokens.isNull { body["max_tokens"] = maxTokens }
        for key in ["temperature", "top_p", "parallel_tool_calls", "user", "top_logprobs", "service_tier"] {
            if let value = request[key], !value.isNull { body[key] = value }
        }
        if let effort = request["reasoning"]?.objectValue?["effort"], !effort.isNull { body["reasoning_effort"] = effort }
        if let format = request["text"]?.objectValue?["format"]?.objectValue { body["response_format"] = try responseFormat(format) }
        if request["stream"]?.boolValue == true {
            body["stream"] = true
            body["stream_options"] = ["include_usage": true]
        }
        return body
    }

    /// Appends the chat message(s) for one input item; consecutive function calls share one assistant message.
    package static func append(_ value: JSONValue, param: String, to messages: inout [JSONValue]) throws(GatewayError) {
        guard let item = value.objectValue else { throw invalid(param, "an input item object") }
        switch item["type"]?.stringValue ?? "message" {
        case "message":
            guard let role = item["role"]?.stringValue else { throw invalid("\(param).role", "a string") }
            messages.append(["role": .string(role == "developer" ? "system" : role), "content": try content(item["content"], param: param)])
        case "function_call":
            let call: JSONValue = [
                "id": item["call_id"] ?? "",
                "type": "function",
                "function": ["name": item["name"] ?? "", "arguments": .string(DialectBody.argumentsString(item["arguments"]))],
            ]
            if var last = messages.last?.objectValue, last["role"]?.stringValue == "assistant", let calls = last["tool_calls"]?.arrayValue {
                last["tool_calls"] = .array(calls + [call])
                messages[messages.count - 1] = .object(last)
            } else {
                messages.append(["role": "assistant", "content": .null, "tool_calls": [call]])
            }
        case "function_call_output":
            let output: String
            if let text = item["output"]?.stringValue {
                output = text
            } else {
                output = (item["output"]?.arrayValue ?? []).compactMap { $0.objectValue?["text"]?.stringValue }.joined()
            }
            messages.append(["role": "tool", "tool_call_id": item["call_id"] ?? "", "content": .string(output)])
        case "reasoning":
            // A reasoning item of an earlier turn: chat completions has no place for it on input.
            return
        case let type:
            throw unsupported("Input items of type '\(type)' are not supported.", param)
        }
    }

    /// Chat content for a message's content: a string as it is, parts mapped to chat parts.
    package static func content(_ value: JSONValue?, param: String) throws(GatewayError) -> JSONValue {
        if let text = value?.stringValue { return .string(text) }
        guard let parts = value?.arrayValue else { throw invalid("\(param).content", "a string or a list of content parts") }
        var result: [JSONValue] = []
        for part in parts {
            guard let part = part.objectValue, let type = part["type"]?.stringValue else { throw invalid("\(param).content", "content parts") }
            switch type {
            case "input_text", "output_text", "text":
                result.append(["type": "text", "text": part["text"] ?? ""])
            case "input_image":
                guard let url = part["image_url"]?.stringValue else {
                    throw unsupported("Images by 'file_id' are not supported; send 'image_url'.", "\(param).content")
                }
                var image: JSONObject = ["url": .string(url)]
                if let detail = part["detail"], !detail.isNull { image["detail"] = detail }
                result.append(["type": "image_url", "image_url": .object(image)])
            case "refusal":
                result.append(["type": "text", "text": part["refusal"] ?? ""])
            default:
                throw unsupported("Content parts of type '\(type)' are not supported.", "\(param).content")
            }
        }
        // Assistant history with only text parts reads best as a plain string for every provider.
        if result.allSatisfy({ $0.objectValue?["type"]?.stringValue == "text" }) {
            return .string(result.compactMap { $0.objectValue?["text"]?.stringValue }.joined())
        }
        return .array(result)
    }

    /// A chat tool for a flat Responses function tool; built-in tools (web search, file search, …) are not supported.
    package static func chatTool(_ value: JSONValue) throws(GatewayError) -> JSONValue {
        guard let tool = value.objectValue, tool["type"]?.stringValue == "function", let name = tool["name"]?.stringValue else {
            let type = value.objectValue?["type"]?.stringValue ?? "unknown"
            throw unsupported("Tools of type '\(type)' are not supported; only function tools are.", "tools")
        }
        var function: JSONObject = ["name": .string(name)]
        for key in ["description", "parameters", "strict"] {
            if let field = tool[key], !field.isNull { function[key] = field }
        }
        return ["type": "function", "function": .object(function)]
    }

    /// Chat's `tool_choice` for a Responses one.
    package static func chatToolChoice(_ value: JSONValue) throws(GatewayError) -> JSONValue {
        if value.stringValue != nil { return value }
        guard let choice = value.objectValue, choice["type"]?.stringValue == "function", let name = choice["name"]?.stringValue else {
            throw invalid("tool_choice", "'auto', 'none', 'required' or a function choice")
        }
        return ["type": "function", "function": ["name": .string(name)]]
    }

    /// Chat's `response_format` for `text.format`.
    package static func responseFormat(_ format: JSONObject) throws(GatewayError) -> JSONValue {
        switch format["type"]?.stringValue {
        case "text": return ["type": "text"]
        case "json_object": return ["type": "json_object"]
        case "json_schema":
            var schema: JSONObject = [:]
            for key in ["name", "description", "schema", "strict"] {
                if let field = format[key], !field.isNull { schema[key] = field }
            }
            return ["type": "json_schema", "json_schema": .object(schema)]
        default:
            throw invalid("text.format.type", "'text', 'json_object' or 'json_schema'")
        }
    }

    package static func invalid(_ name: String, _ expected: String) -> GatewayError {
        GatewayError(.badRequest, "'\(name)' must be \(expected).", param: name, code: "invalid_request_body")
    }

    package static func unsupported(_ message: String, _ param: String) -> GatewayError {
        GatewayError(.badRequest, message, param: param, code: "unsupported_parameter")
    }
}
