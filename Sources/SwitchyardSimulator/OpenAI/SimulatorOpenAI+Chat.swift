import NIOCore
import SwitchyardCore

extension SimulatorOpenAI {
    /// `POST /v1/chat/completions`, plain or streamed.
    ///
    /// The reply quotes the last `user` message (the last message of any role when there is none);
    /// prompt tokens are the whitespace-separated words of every message's text content (string
    /// content, or the `text` of its parts); completion tokens are the words of the reply. One
    /// choice is returned whatever `n` asks for.
    ///
    /// A stream sends a first chunk with `delta.role`, one chunk per word, a last chunk with an empty
    /// delta and the finish reason, a usage chunk with empty `choices` when
    /// `stream_options.include_usage` is true, then `data: [DONE]`.
    static func chatCompletion(_ exchange: Exchange) throws(APIError) -> Answer {
        guard let messages = exchange.body["messages"]?.arrayValue, !messages.isEmpty else {
            throw .invalid("'messages' is a required property and must be a non-empty array.", param: "messages")
        }
        let texts = messages.map { messageText($0.objectValue?["content"]) }
        let lastUser = messages.lastIndex { $0.objectValue?["role"]?.stringValue == "user" } ?? messages.count - 1
        let reply = SimulatedReply(prompt: texts[lastUser], maxTokens: try maxTokens(exchange.body, "max_completion_tokens", "max_tokens"))
        let usage = Usage(prompt: promptTokens(ofMessages: messages), completion: reply.words.count)
        let id = "chatcmpl-" + exchange.hash
        guard try isStreaming(exchange.body) else {
            let message: JSONValue = ["role": "assistant", "content": .string(reply.text), "refusal": nil]
            let choice: JSONValue = ["index": 0, "message": message, "logprobs": nil, "finish_reason": .string(reply.finishReason)]
            return .json(
                [
                    "id": .string(id), "object": "chat.completion", "created": .number(JSONNumber(exchange.created)),
                    "model": .string(exchange.model), "choices": [choice], "usage": usage.json, "system_fingerprint": "fp_simulator",
                ]
            )
        }
        let includeUsage = includesUsage(exchange.body)
        func chunk(_ delta: JSONValue, finishReason: String? = nil) -> ByteBuffer {
            let choice: JSONValue = ["index": 0, "delta": delta, "logprobs": nil, "finish_reason": finishReason.map(JSONValue.string) ?? nil]
            let event: JSONValue = [
                "id": .string(id), "object": "chat.completion.chunk", "created": .number(JSONNumber(exchange.created)),
                "model": .string(exchange.model), "system_fingerprint": "fp_simulator", "choices": [choice],
            ]
            // With include_usage, OpenAI sends `"usage": null` on every chunk but the usage chunk.
            return ByteBuffer(serverSentEvent: includeUsage ? event.adding("usage", .null) : event)
        }
        var chunks = [SimulatorDecision.Chunk(bytes: chunk(["role": "assistant", "content": ""]))]
        for index in reply.words.indices {
            chunks.append(SimulatorDecision.Chunk(delay: exchange.tokenInterval, bytes: chunk(["content": .string(reply.piece(index))])))
        }
        chunks.append(SimulatorDecision.Chunk(bytes: chunk([:], finishReason: reply.finishReason)))
        if includeUsage {
            let usageChunk: JSONValue = [
                "id": .string(id), "object": "chat.completion.chunk", "created": .number(JSONNumber(exchange.created)),
                "model": .string(exchange.model), "system_fingerprint": "fp_simulator", "choices": [], "usage": usage.json,
            ]
            chunks.append(SimulatorDecision.Chunk(bytes: ByteBuffer(serverSentEvent: usageChunk)))
        }
        chunks.append(SimulatorDecision.Chunk(bytes: .serverSentDone))
        return .events(chunks)
    }

    /// The prompt tokens of `messages`: the words of every message's text content.
    ///
    /// The one count both `usage.prompt_tokens` and the context-window fault use.
    static func promptTokens(ofMessages messages: [JSONValue]) -> Int {
        messages.reduce(0) { $0 + SimulatedReply.tokenCount(messageText($1.objectValue?["content"])) }
    }

    /// The text of a message's `content`: a string, or the `text` of its parts joined by spaces.
    private static func messageText(_ content: JSONValue?) -> String {
        if let text = content?.stringValue { return text }
        let parts = content?.arrayValue ?? []
        return parts.compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: " ")
    }
}
