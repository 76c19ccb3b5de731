import SwitchyardCore
import SwitchyardKeys
import Testing

/// `TokenUsage(openAIUsage:)` reads the usage objects OpenAI and Switchyard's adapters return.
struct TokenUsageTests {
    private func usage(_ json: String) throws -> TokenUsage? {
        let object = try #require(try JSONValue(parsing: json).objectValue)
        return TokenUsage(openAIUsage: object)
    }

    @Test func readsTheUsageOfOpenAIsPromptCachingGuide() throws {
        let usage = try usage(
            #"""
            {"prompt_tokens": 2006, "completion_tokens": 300, "total_tokens": 2306,
             "prompt_tokens_details": {"cached_tokens": 1920},
             "completion_tokens_details": {"reasoning_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}
            """#)
        #expect(usage == TokenUsage(promptTokens: 2006, completionTokens: 300, cachedPromptTokens: 1920))
        #expect(usage?.totalTokens == 2306)
    }

    @Test func readsAnthropicCacheCountsAsTheAnthropicAdapterReportsThem() throws {
        // Anthropic's docs: input_tokens 21, cache_creation_input_tokens 188086, cache_read_input_tokens 0, output_tokens 393.
        let usage = try usage(
            #"""
            {"prompt_tokens": 188107, "completion_tokens": 393, "total_tokens": 188500,
             "prompt_tokens_details": {"cached_tokens": 0}, "cache_creation_input_tokens": 188086, "cache_read_input_tokens": 0}
            """#)
        #expect(usage == TokenUsage(promptTokens: 188_107, completionTokens: 393, cachedPromptTokens: 0, cacheCreationTokens: 188_086))
    }

    @Test func readsCacheReadsGivenOnlyUnderAnthropicsName() throws {
        let usage = try usage(#"{"prompt_tokens": 1000, "completion_tokens": 10, "cache_read_input_tokens": 800}"#)
        #expect(usage?.cachedPromptTokens == 800)
    }

    @Test func readsAnEmbeddingsUsageWithoutCompletionTokens() throws {
        let usage = try usage(#"{"prompt_tokens": 8, "total_tokens": 8}"#)
        #expect(usage == TokenUsage(promptTokens: 8, completionTokens: 0))
    }

    @Test func answersNilForAnObjectWithoutTokenCounts() throws {
        #expect(try usage(#"{}"#) == nil)
        #expect(try usage(#"{"prompt_tokens": "many"}"#) == nil)
    }

    @Test func clampsNegativeCountsToZero() {
        let usage = TokenUsage(promptTokens: -5, completionTokens: 3, cachedPromptTokens: -1)
        #expect(usage.promptTokens == 0)
        #expect(usage.cachedPromptTokens == 0)
        #expect(usage.totalTokens == 3)
    }
}
