import SwitchyardCore

/// The tokens one request used, as counted for billing.
///
/// OpenAI semantics: ``promptTokens`` is every input token the model processed, including those read
/// from the prompt cache (``cachedPromptTokens``) and those written to it (``cacheCreationTokens``).
/// Switchyard's Anthropic and Bedrock adapters report usage this way too.
public struct TokenUsage: Sendable, Equatable {
    /// Every input token, cached ones included.
    public var promptTokens: Int
    /// Output tokens, reasoning tokens included.
    public var completionTokens: Int
    /// Prompt tokens read from the provider's prompt cache (a part of ``promptTokens``).
    public var cachedPromptTokens: Int
    /// Prompt tokens written to the provider's prompt cache (a part of ``promptTokens``).
    public var cacheCreationTokens: Int

    /// Prompt and completion tokens together.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// Usage from counts; negative counts become 0.
    public init(promptTokens: Int, completionTokens: Int, cachedPromptTokens: Int = 0, cacheCreationTokens: Int = 0) {
        self.promptTokens = max(0, promptTokens)
        self.completionTokens = max(0, completionTokens)
        self.cachedPromptTokens = max(0, cachedPromptTokens)
        self.cacheCreationTokens = max(0, cacheCreationTokens)
    }

    /// Reads an OpenAI `usage` object of a chat completion, a completion or an embeddings response.
    ///
    /// Reads `prompt_tokens`, `completion_tokens`, `prompt_tokens_details.cached_tokens`, and the
    /// Anthropic counts LiteLLM passes through (`cache_read_input_tokens`, `cache_creation_input_tokens`).
    /// An embeddings usage has only `prompt_tokens` and `total_tokens`: completion tokens are then 0.
    /// `nil` when the object has no token count at all (the upstream sent no usage to bill).
    public init?(openAIUsage usage: JSONObject) {
        let prompt = usage["prompt_tokens"]?.intValue
        let completion = usage["completion_tokens"]?.intValue
        let total = usage["total_tokens"]?.intValue
        guard prompt != nil || completion != nil || total != nil else { return nil }
        let details = usage["prompt_tokens_details"]?.objectValue
        let cached = details?["cached_tokens"]?.intValue ?? usage["cache_read_input_tokens"]?.intValue ?? 0
        let creation = usage["cache_creation_input_tokens"]?.intValue ?? 0
        let promptTokens: Int
        let completionTokens: Int
        switch (prompt, completion, total) {
        case (let prompt?, let completion?, _):
            (promptTokens, completionTokens) = (prompt, completion)
        case (let prompt?, nil, let total?):
            // Embeddings: total == prompt. A larger total from a sparse upstream is completion.
            (promptTokens, completionTokens) = (prompt, max(0, total - prompt))
        case (nil, let completion?, let total?):
            (promptTokens, completionTokens) = (max(0, total - completion), completion)
        default:
            (promptTokens, completionTokens) = (prompt ?? total ?? 0, completion ?? 0)
        }
        self.init(promptTokens: promptTokens, completionTokens: completionTokens, cachedPromptTokens: cached, cacheCreationTokens: creation)
    }
}
