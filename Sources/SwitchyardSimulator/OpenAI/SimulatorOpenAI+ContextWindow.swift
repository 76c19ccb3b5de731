import SwitchyardCore

extension SimulatorOpenAI {
    /// The prompt tokens `endpoint` reports in `usage.prompt_tokens` for `body`, or nil when the
    /// endpoint has no context window (embeddings, models) or the body is too invalid to count.
    ///
    /// An invalid body is left to the answer, which reports it with its own 400, as OpenAI checks a
    /// request's shape before its length.
    static func promptTokens(_ endpoint: Endpoint, _ body: JSONObject) -> Int? {
        switch endpoint {
        case .chatCompletions:
            guard let messages = body["messages"]?.arrayValue, !messages.isEmpty else { return nil }
            return promptTokens(ofMessages: messages)
        case .completions:
            guard let prompt = try? prompts(body["prompt"]) else { return nil }
            return promptTokens(ofPrompts: prompt.strings, tokenIDs: prompt.tokenIDs)
        case .embeddings, .models, .model:
            return nil
        }
    }
}

extension SimulatorOpenAI.APIError {
    /// The 400 OpenAI sends when a prompt of `tokens` tokens does not fit a context window of `window`.
    ///
    /// The wording, `param` and `code` are OpenAI's for chat completions; legacy completions get the
    /// same body, so a client (or the gateway) classifies both by `code` alike.
    static func contextLengthExceeded(window: Int, tokens: Int) -> Self {
        Self(
            status: 400,
            message: "This model's maximum context length is \(window) tokens. However, your messages resulted in \(tokens) tokens. "
                + "Please reduce the length of the messages.",
            param: "messages",
            code: "context_length_exceeded"
        )
    }
}
