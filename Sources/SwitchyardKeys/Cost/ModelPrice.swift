/// What one model costs per token, and how much it takes and gives, as the price table knows it.
///
/// Prices are USD per token. A cache price that is `nil` means the provider has no separate price
/// for that kind of token (or we do not know it), and those tokens are charged as ordinary input.
public struct ModelPrice: Sendable, Equatable {
    /// USD per prompt token that was not read from or written to the prompt cache.
    public var inputCostPerToken: Double
    /// USD per completion token (reasoning tokens included, as OpenAI counts them); 0 for embeddings.
    public var outputCostPerToken: Double
    /// USD per prompt token read from the provider's prompt cache.
    public var cacheReadInputCostPerToken: Double?
    /// USD per prompt token written to the provider's prompt cache (Anthropic, Bedrock, some OpenAI models).
    public var cacheCreationInputCostPerToken: Double?
    /// The largest prompt the model takes, in tokens.
    public var maxInputTokens: Int?
    /// The longest completion the model gives, in tokens.
    public var maxOutputTokens: Int?
    /// `chat`, `embedding` or `responses` (models served only by OpenAI's Responses API), as LiteLLM names modes.
    public var mode: String
    /// The provider whose price this is (`openai`, `anthropic`, `gemini`, `mistral`, `groq`, `bedrock`).
    public var provider: String

    /// A price; the optional parts default to unknown.
    public init(
        inputCostPerToken: Double,
        outputCostPerToken: Double,
        cacheReadInputCostPerToken: Double? = nil,
        cacheCreationInputCostPerToken: Double? = nil,
        maxInputTokens: Int? = nil,
        maxOutputTokens: Int? = nil,
        mode: String = "chat",
        provider: String
    ) {
        self.inputCostPerToken = inputCostPerToken
        self.outputCostPerToken = outputCostPerToken
        self.cacheReadInputCostPerToken = cacheReadInputCostPerToken
        self.cacheCreationInputCostPerToken = cacheCreationInputCostPerToken
        self.maxInputTokens = maxInputTokens
        self.maxOutputTokens = maxOutputTokens
        self.mode = mode
        self.provider = provider
    }
}
