import SwitchyardCore
import SwitchyardKeys

extension AnthropicMessages {
    /// The Anthropic message for an OpenAI chat completion, under the model name the client asked for.
    package static func message(from answer: JSONObject, model: String) -> JSONObject {
        let choice = answer["choices"]?.arrayValue?.first?.objectValue
        let reply = choice?["message"]?.objectValue
        var content: [JSONValue] = []
        if let reasoning = reply?["reasoning_content"]?.stringValue, !reasoning.isEmpty {
            content.append(["type": "thinking", "thinking": .string(reasoning), "signature": ""])
        }
        if let text = reply?["content"]?.stringValue, !text.isEmpty {
            content.append(["type": "text", "text": .string(text)])
        }
        for call in reply?["tool_calls"]?.arrayValue ?? [] {
            let function = call.objectValue?["function"]?.objectValue
            content.append([
                "type": "tool_use",
                "id": .string(call.objectValue?["id"]?.stringValue ?? DialectBody.identifier("toolu_")),
                "name": function?["name"] ?? "",
                "input": DialectBody.argumentsObject(function?["arguments"]?.stringValue),
            ])
        }
        return [
            "id": .string(messageID(from: answer["id"]?.stringValue)),
            "type": "message",
            "role": "assistant",
            "content": .array(content),
            "model": .string(model),
            "stop_reason": stopReason(choice?["finish_reason"]?.stringValue),
            "stop_sequence": .null,
            "usage": .object(usage(from: answer["usage"]?.objectValue)),
        ]
    }

    /// `msg_…` from the chat completion's id, or a new one.
    package static func messageID(from chatID: String?) -> String {
        guard let chatID, !chatID.isEmpty else { return DialectBody.identifier("msg_") }
        if chatID.hasPrefix("msg_") { return chatID }
        return "msg_" + (chatID.hasPrefix("chatcmpl-") ? String(chatID.dropFirst("chatcmpl-".count)) : chatID)
    }

    /// Anthropic's stop reason for a chat `finish_reason`.
    package static func stopReason(_ finishReason: String?) -> JSONValue {
        switch finishReason {
        case nil: .null
        case "length": "max_tokens"
        case "tool_calls", "function_call": "tool_use"
        case "content_filter": "refusal"
        default: "end_turn"
        }
    }

    /// Anthropic's usage for chat usage; cached prompt tokens become `cache_read_input_tokens`.
    package static func usage(from usage: JSONObject?) -> JSONObject {
        var result: JSONObject = [
            "input_tokens": .number(JSONNumber(usage?["prompt_tokens"]?.intValue ?? 0)),
            "output_tokens": .number(JSONNumber(usage?["completion_tokens"]?.intValue ?? 0)),
        ]
        if let cached = usage?["prompt_tokens_details"]?.objectValue?["cached_tokens"]?.intValue, cached > 0 {
            result["cache_read_input_tokens"] = .number(JSONNumber(cached))
        }
        return result
    }

    /// An Anthropic message's usage in OpenAI terms: input tokens plus cache reads and writes are the prompt.
    package static func tokenUsage(_ usage: JSONObject) -> TokenUsage? {
        guard let input = usage["input_tokens"]?.intValue else { return nil }
        let read = usage["cache_read_input_tokens"]?.intValue ?? 0
        let written = usage["cache_creation_input_tokens"]?.intValue ?? 0
        return TokenUsage(
            promptTokens: input + read + written,
            completionTokens: usage["output_tokens"]?.intValue ?? 0,
            cachedPromptTokens: read,
            cacheCreationTokens: written
        )
    }
}
