import Foundation
import NIOCore
import SwitchyardCore

/// Turns OpenAI chat chunks into the Responses API's streaming events (`response.created`,
/// `response.in_progress`, `response.output_item.added`, `response.content_part.added`,
/// `response.output_text.delta`/`.done`, `response.function_call_arguments.delta`/`.done`,
/// `response.content_part.done`, `response.output_item.done`, `response.completed`), each with its
/// `sequence_number`. Pure, so it is tested without sockets.
package struct ResponsesStreamWriter: DialectStreamEncoder {
    /// The output item being streamed.
    private enum OpenItem {
        case message(id: String, text: String)
        case functionCall(id: String, callID: String, name: String, arguments: String)
    }

    package let id: String
    package let model: String
    package let request: JSONObject
    package let createdAt: Int
    private var sequence = 0
    private var output: [JSONValue] = []
    private var open: OpenItem?
    /// The chat tool call index of the open function call item.
    private var openToolIndex: Int?
    /// Chat tool call indices whose items are done: chat streams one call after another, so a late
    /// piece of one has no open item to go to and is dropped rather than starting a second item.
    private var closedToolIndices: Set<Int> = []
    private var finishReason: String?
    private var usage: JSONObject?
    private(set) var started = false
    private(set) var finished = false

    package init(request: JSONObject, model: String, id: String = DialectBody.identifier("resp_"), createdAt: Int = Int(Date().timeIntervalSince1970))
    {
        self.id = id
        self.model = model
        self.request = request
        self.createdAt = createdAt
    }

    /// `response.created` and `response.in_progress`, sent as soon as the upstream answered.
    package mutating func start() -> ByteBuffer {
        var out = ByteBuffer()
        guard !started else { return out }
        started = true
        let snapshot = JSONValue.object(response(status: "in_progress", output: [], usage: nil))
        emit("response.created", [("response", snapshot)], to: &out)
        emit("response.in_progress", [("response", snapshot)], to: &out)
        return out
    }

    /// The events for one OpenAI chunk.
    package mutating func consume(_ chunk: JSONObject) -> ByteBuffer {
        var out = start()
        if let usage = chunk["usage"]?.objectValue { self.usage = Responses.usage(from: usage) }
        guard let choice = chunk["choices"]?.arrayValue?.first?.objectValue else { return out }
        let delta = choice["delta"]?.objectValue
        if let text = delta?["content"]?.stringValue, !text.isEmpty {
            appendText(text, to: &out)
        }
        for call in delta?["tool_calls"]?.arrayValue ?? [] {
            guard let call = call.objectValue else { continue }
            appendToolCall(call, to: &out)
        }
        if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
        return out
    }

    /// The closing events: the open item's `done` events and `response.completed` (or `response.incomplete`
    /// when the output was cut at `max_output_tokens`).
    package mutating func finish() -> ByteBuffer {
        var out = start()
        guard !finished else { return out }
        finished = true
        closeItem(to: &out)
        let incomplete = finishReason == "length"
        let final = response(status: incomplete ? "incomplete" : "completed", output: output, usage: usage ?? Responses.usage(from: nil))
        emit(incomplete ? "response.incomplete" : "response.completed", [("response", .object(final))], to: &out)
        return out
    }

    /// The `error` and `response.failed` events that end a stream the upstream broke.
    package mutating func fail(_ error: GatewayError) -> ByteBuffer {
        var out = start()
        finished = true
        let code = JSONValue.string(error.code ?? error.openAIType)
        emit("error", [("code", code), ("message", .string(error.message)), ("param", error.param.map(JSONValue.string) ?? .null)], to: &out)
        var failed = response(status: "failed", output: output, usage: usage)
        failed["error"] = ["code": code, "message": .string(error.message)]
        emit("response.failed", [("response", .object(failed))], to: &out)
        return out
    }

    private mutating func appendText(_ text: String, to out: inout ByteBuffer) {
        if case .message(let itemID, let sofar) = open {
            open = .message(id: itemID, text: sofar + text)
            emit("response.output_text.delta", textFields(itemID) + [("delta", .string(text)), ("logprobs", [])], to: &out)
            return
        }
        closeItem(to: &out)
        let itemID = DialectBody.identifier("msg_")
        open = .message(id: itemID, text: text)
        let item: JSONObject = ["id": .string(itemID), "type": "message", "status": "in_progress", "role": "assistant", "content": []]
        emit("response.output_item.added", [("output_index", outputIndex), ("item", .object(item))], to: &out)
        emit("response.content_part.added", textFields(itemID) + [("part", .object(Responses.textPart("")))], to: &out)
        emit("response.output_text.delta", textFields(itemID) + [("delta", .string(text)), ("logprobs", [])], to: &out)
    }

    private mutating func appendToolCall(_ call: JSONObject, to out: inout ByteBuffer) {
        let index = call["index"]?.intValue ?? 0
        let function = call["function"]?.objectValue
        let piece = function?["arguments"]?.stringValue ?? ""
        if openToolIndex == index, case .functionCall(let itemID, let callID, let name, let arguments) = open {
            guard !piece.isEmpty else { return }
            open = .functionCall(id: itemID, callID: callID, name: name, arguments: arguments + piece)
            emit(
                "response.function_call_arguments.delta", [("item_id", .string(itemID)), ("output_index", outputIndex), ("delta", .string(piece))],
                to: &out)
            return
        }
        guard !closedToolIndices.contains(index) else { return }
        closeItem(to: &out)
        let itemID = DialectBody.identifier("fc_")
        let callID = call["id"]?.stringValue ?? DialectBody.identifier("call_")
        let name = function?["name"]?.stringValue ?? ""
        open = .functionCall(id: itemID, callID: callID, name: name, arguments: piece)
        openToolIndex = index
        let item = Responses.functionCallItem(id: itemID, callID: callID, name: name, arguments: "", status: "in_progress")
        emit("response.output_item.added", [("output_index", outputIndex), ("item", .object(item))], to: &out)
        if !piece.isEmpty {
            emit(
                "response.function_call_arguments.delta", [("item_id", .string(itemID)), ("output_index", outputIndex), ("delta", .string(piece))],
                to: &out)
        }
    }

    private mutating func closeItem(to out: inout ByteBuffer) {
        guard let item = open else { return }
        open = nil
        if let openToolIndex { closedToolIndices.insert(openToolIndex) }
        openToolIndex = nil
        switch item {
        case .message(let itemID, let text):
            emit("response.output_text.done", textFields(itemID) + [("text", .string(text)), ("logprobs", [])], to: &out)
            emit("response.content_part.done", textFields(itemID) + [("part", .object(Responses.textPart(text)))], to: &out)
            let done = Responses.messageItem(id: itemID, text: text, status: "completed")
            emit("response.output_item.done", [("output_index", outputIndex), ("item", .object(done))], to: &out)
            output.append(.object(done))
        case .functionCall(let itemID, let callID, let name, let arguments):
            emit(
                "response.function_call_arguments.done",
                [("item_id", .string(itemID)), ("output_index", outputIndex), ("name", .string(name)), ("arguments", .string(arguments))],
                to: &out)
            let done = Responses.functionCallItem(id: itemID, callID: callID, name: name, arguments: arguments, status: "completed")
            emit("response.output_item.done", [("output_index", outputIndex), ("item", .object(done))], to: &out)
            output.append(.object(done))
        }
    }

    /// The index of the open (or next) output item.
    private var outputIndex: JSONValue { .number(JSONNumber(output.count)) }

    private func textFields(_ itemID: String) -> [(String, JSONValue)] {
        [("item_id", .string(itemID)), ("output_index", outputIndex), ("content_index", 0)]
    }

    private func response(status: String, output: [JSONValue], usage: JSONObject?) -> JSONObject {
        Responses.response(id: id, createdAt: createdAt, request: request, model: model, status: status, output: output, usage: usage)
    }

    /// Writes one event: `type` first, then `fields`, then `sequence_number`.
    private mutating func emit(_ type: String, _ fields: [(String, JSONValue)], to out: inout ByteBuffer) {
        let event = JSONObject([("type", .string(type))] + fields + [("sequence_number", .number(JSONNumber(sequence)))])
        sequence += 1
        DialectBody.writeEvent(type, event, to: &out)
    }
}
