import NIOCore
import SwitchyardCore

extension SimulatorOpenAI {
    /// `POST /v1/completions` (the legacy text completion), plain or streamed.
    ///
    /// `prompt` is a string, an array of strings, or token arrays (`[1, 2]`, `[[1, 2], [3]]`). The reply
    /// quotes the first string prompt; prompt tokens are the words of every string plus one per
    /// token id. A stream sends one chunk per word, a last chunk with empty `text` and the finish
    /// reason, the usage chunk when `stream_options.include_usage` is true, then `data: [DONE]`.
    static func textCompletion(_ exchange: Exchange) throws(APIError) -> Answer {
        let (prompts, tokenIDs) = try prompts(exchange.body["prompt"])
        let reply = SimulatedReply(prompt: prompts.first ?? "", maxTokens: try maxTokens(exchange.body, "max_tokens"))
        let usage = Usage(prompt: promptTokens(ofPrompts: prompts, tokenIDs: tokenIDs), completion: reply.words.count)
        let id = "cmpl-" + exchange.hash
        func completion(_ text: String, finishReason: String?) -> JSONValue {
            let choice: JSONValue = [
                "text": .string(text), "index": 0, "logprobs": nil, "finish_reason": finishReason.map(JSONValue.string) ?? nil,
            ]
            return [
                "id": .string(id), "object": "text_completion", "created": .number(JSONNumber(exchange.created)),
                "model": .string(exchange.model), "system_fingerprint": "fp_simulator", "choices": [choice],
            ]
        }
        guard try isStreaming(exchange.body) else {
            return .json(completion(reply.text, finishReason: reply.finishReason).adding("usage", usage.json))
        }
        let includeUsage = includesUsage(exchange.body)
        func event(_ value: JSONValue) -> ByteBuffer {
            ByteBuffer(serverSentEvent: includeUsage ? value.adding("usage", .null) : value)
        }
        var chunks: [SimulatorDecision.Chunk] = reply.words.indices.map { index in
            SimulatorDecision.Chunk(delay: exchange.tokenInterval, bytes: event(completion(reply.piece(index), finishReason: nil)))
        }
        chunks.append(SimulatorDecision.Chunk(bytes: event(completion("", finishReason: reply.finishReason))))
        if includeUsage {
            let usageChunk = completion("", finishReason: nil).adding("choices", []).adding("usage", usage.json)
            chunks.append(SimulatorDecision.Chunk(bytes: ByteBuffer(serverSentEvent: usageChunk)))
        }
        chunks.append(SimulatorDecision.Chunk(bytes: .serverSentDone))
        return .events(chunks)
    }

    /// The prompt tokens of a legacy completion: the words of every string prompt plus one per token id.
    ///
    /// The one count both `usage.prompt_tokens` and the context-window fault use.
    static func promptTokens(ofPrompts prompts: [String], tokenIDs: Int) -> Int {
        prompts.reduce(tokenIDs) { $0 + SimulatedReply.tokenCount($1) }
    }

    /// The string prompts and the number of token ids in `prompt`.
    static func prompts(_ prompt: JSONValue?) throws(APIError) -> (strings: [String], tokenIDs: Int) {
        let invalid = APIError.invalid("'prompt' must be a string, an array of strings, or an array of token arrays.", param: "prompt")
        guard let prompt, !prompt.isNull else {
            throw .invalid("'prompt' is a required property.", param: "prompt")
        }
        if let text = prompt.stringValue { return ([text], 0) }
        guard let items = prompt.arrayValue else { throw invalid }
        var strings: [String] = []
        var tokenIDs = 0
        for item in items {
            if let text = item.stringValue {
                strings.append(text)
            } else if item.intValue != nil {
                tokenIDs += 1
            } else if let tokens = item.arrayValue, tokens.allSatisfy({ $0.intValue != nil }) {
                tokenIDs += tokens.count
            } else {
                throw invalid
            }
        }
        return (strings, tokenIDs)
    }
}
