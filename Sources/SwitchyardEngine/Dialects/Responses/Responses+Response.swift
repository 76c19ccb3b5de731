import Foundation
import SwitchyardCore

extension Responses {
    /// A Response object: the request's settings echoed, with `status`, `output` and `usage` filled in.
    package static func response(
        id: String,
        createdAt: Int,
        request: JSONObject,
        model: String,
        status: String,
        output: [JSONValue],
        usage: JSONObject?
    ) -> JSONObject {
        var object: JSONObject = [
            "id": .string(id),
            "object": "response",
            "created_at": .number(JSONNumber(createdAt)),
            "status": .string(status),
            "error": .null,
            "incomplete_details": .null,
            "instructions": request["instructions"] ?? .null,
            "max_output_tokens": request["max_output_tokens"] ?? .null,
            "model": .string(model),
            "output": .array(output),
            "parallel_tool_calls": request["parallel_tool_calls"] ?? true,
            "previous_response_id": .null,
            "reasoning": ["effort": request["reasoning"]?.objectValue?["effort"] ?? .null, "summary": .null],
            "store": false,
            "temperature": request["temperature"] ?? 1,
            "text": request["text"] ?? ["format": ["type": "text"]],
            "tool_choice": request["tool_choice"] ?? "auto",
            "tools": request["tools"] ?? [],
            "top_p": request["top_p"] ?? 1,
            "truncation": "disabled",
            "usage": usage.map(JSONValue.object) ?? .null,
            "user": request["user"] ?? .null,
            "metadata": request["metadata"] ?? [:],
        ]
        if status == "incomplete" { object["incomplete_details"] = ["reason": "max_output_tokens"] }
        return object
    }

    /// The Response object for a chat completion.
    package static func response(from answer: JSONObject, request: JSONObject, model: String) -> JSONObject {
        let choice = answer["choices"]?.arrayValue?.first?.objectValue
        let reply = choice?["message"]?.objectValue
        var output: [JSONValue] = []
        if let text = reply?["content"]?.stringValue, !text.isEmpty {
            output.append(.object(messageItem(id: DialectBody.identifier("msg_"), text: text, status: "completed")))
        }
        for call in reply?["tool_calls"]?.arrayValue ?? [] {
            let function = call.objectValue?["function"]?.objectValue
            output.append(
                .object(
                    functionCallItem(
                        id: DialectBody.identifier("fc_"),
                        callID: call.objectValue?["id"]?.stringValue ?? DialectBody.identifier("call_"),
                        name: function?["name"]?.stringValue ?? "",
                        arguments: function?["arguments"]?.stringValue ?? "",
                        status: "completed"
                    )))
        }
        let created = answer["created"]?.intValue ?? Int(Date().timeIntervalSince1970)
        let status = choice?["finish_reason"]?.stringValue == "length" ? "incomplete" : "completed"
        return response(
            id: DialectBody.identifier("resp_"), createdAt: created, request: request, model: model, status: status, output: output,
            usage: usage(from: answer["usage"]?.objectValue))
    }

    /// An assistant `message` output item with one `output_text` part.
    package static func messageItem(id: String, text: String, status: String) -> JSONObject {
        [
            "id": .string(id), "type": "message", "status": .string(status), "role": "assistant",
            "content": [.object(textPart(text))],
        ]
    }

    /// An `output_text` content part.
    package static func textPart(_ text: String) -> JSONObject {
        ["type": "output_text", "text": .string(text), "annotations": []]
    }

    /// A `function_call` output item.
    package static func functionCallItem(id: String, callID: String, name: String, arguments: String, status: String) -> JSONObject {
        [
            "id": .string(id), "type": "function_call", "status": .string(status), "arguments": .string(arguments),
            "call_id": .string(callID), "name": .string(name),
        ]
    }

    /// Responses usage for chat usage.
    package static func usage(from usage: JSONObject?) -> JSONObject {
        let input = usage?["prompt_tokens"]?.intValue ?? 0
        let output = usage?["completion_tokens"]?.intValue ?? 0
        let cached = usage?["prompt_tokens_details"]?.objectValue?["cached_tokens"]?.intValue ?? 0
        let reasoning = usage?["completion_tokens_details"]?.objectValue?["reasoning_tokens"]?.intValue ?? 0
        return [
            "input_tokens": .number(JSONNumber(input)),
            "input_tokens_details": ["cached_tokens": .number(JSONNumber(cached))],
            "output_tokens": .number(JSONNumber(output)),
            "output_tokens_details": ["reasoning_tokens": .number(JSONNumber(reasoning))],
            "total_tokens": .number(JSONNumber(usage?["total_tokens"]?.intValue ?? input + output)),
        ]
    }
}
