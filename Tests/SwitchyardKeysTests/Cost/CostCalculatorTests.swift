import SwitchyardKeys
import Testing

/// `CostCalculator` charges each kind of token at its price, and a deployment's prices win.
struct CostCalculatorTests {
    let calculator = CostCalculator()

    /// Costs are sums of products of binary fractions: equal to the cent's billionth is exact enough.
    private func expectCost(_ actual: Double?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let actual else {
            Issue.record("no cost", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(actual - expected) < 1e-12, "\(actual) != \(expected)", sourceLocation: sourceLocation)
    }

    @Test func chargesPromptAndCompletionTokensAtTheTablePrices() {
        let usage = TokenUsage(promptTokens: 1_000, completionTokens: 500)
        // 1000 × $2.50/M + 500 × $10/M
        expectCost(calculator.cost(usage: usage, provider: "openai", model: "gpt-4o", inputCostPerToken: nil, outputCostPerToken: nil), 0.0075)
    }

    @Test func chargesCachedPromptTokensAtTheCacheReadPrice() {
        // OpenAI's prompt caching guide: 2006 prompt tokens of which 1920 cached, 300 completion tokens.
        let usage = TokenUsage(promptTokens: 2006, completionTokens: 300, cachedPromptTokens: 1920)
        // 86 × $2.50/M + 1920 × $1.25/M + 300 × $10/M
        expectCost(calculator.cost(usage: usage, provider: "openai", model: "gpt-4o", inputCostPerToken: nil, outputCostPerToken: nil), 0.005615)
    }

    @Test func chargesCacheWritesAtTheCacheCreationPrice() {
        // Anthropic's prompt caching example, as the adapter reports it.
        let usage = TokenUsage(promptTokens: 188_107, completionTokens: 393, cachedPromptTokens: 0, cacheCreationTokens: 188_086)
        // 21 × $3/M + 188086 × $3.75/M + 393 × $15/M
        let cost = calculator.cost(
            usage: usage, provider: "anthropic", model: "claude-sonnet-4-5-20250929", inputCostPerToken: nil, outputCostPerToken: nil)
        expectCost(cost, 0.7112805)
    }

    @Test func chargesCachedTokensAsInputWhenTheModelHasNoCachePrice() {
        let usage = TokenUsage(promptTokens: 100, completionTokens: 0, cachedPromptTokens: 60)
        // gpt-4o-2024-05-13 has no cached-input price: all 100 at $5/M.
        expectCost(
            calculator.cost(usage: usage, provider: "openai", model: "gpt-4o-2024-05-13", inputCostPerToken: nil, outputCostPerToken: nil), 0.0005)
    }

    @Test func chargesAnEmbeddingForItsInputOnly() {
        let usage = TokenUsage(promptTokens: 8, completionTokens: 0)
        expectCost(
            calculator.cost(usage: usage, provider: "openai", model: "text-embedding-3-small", inputCostPerToken: nil, outputCostPerToken: nil),
            1.6e-07)
    }

    @Test func deploymentPricesWinOverTheTable() {
        let usage = TokenUsage(promptTokens: 1_000, completionTokens: 100, cachedPromptTokens: 400)
        // The override replaces the table's cache discount too: 1000 × $1/M + 100 × $2/M.
        let cost = calculator.cost(usage: usage, provider: "openai", model: "gpt-4o", inputCostPerToken: 1e-06, outputCostPerToken: 2e-06)
        expectCost(cost, 0.0012)
    }

    @Test func anOutputOverrideKeepsTheTablesInputPrices() {
        let usage = TokenUsage(promptTokens: 1_000, completionTokens: 100)
        // 1000 × $2.50/M + 100 × $1/M
        expectCost(calculator.cost(usage: usage, provider: "openai", model: "gpt-4o", inputCostPerToken: nil, outputCostPerToken: 1e-06), 0.0026)
    }

    @Test func pricesAnUnknownModelFromItsDeploymentOverrides() {
        let usage = TokenUsage(promptTokens: 2_000, completionTokens: 1_000)
        let cost = calculator.cost(usage: usage, provider: "hosted_vllm", model: "my-llama", inputCostPerToken: 5e-07, outputCostPerToken: 1e-06)
        expectCost(cost, 0.002)
    }

    @Test func answersNilForAnUnknownModelWithoutOverrides() {
        let usage = TokenUsage(promptTokens: 10, completionTokens: 10)
        #expect(calculator.cost(usage: usage, provider: "hosted_vllm", model: "my-llama", inputCostPerToken: nil, outputCostPerToken: nil) == nil)
    }

    @Test func neverChargesMoreCachedTokensThanPromptTokens() {
        let usage = TokenUsage(promptTokens: 100, completionTokens: 0, cachedPromptTokens: 500)
        // All 100 at the cache-read price of $1.25/M.
        expectCost(calculator.cost(usage: usage, provider: "openai", model: "gpt-4o", inputCostPerToken: nil, outputCostPerToken: nil), 0.000125)
    }

    @Test func usesTheTableItWasGiven() {
        let table = PriceTable(prices: ["house-model": ModelPrice(inputCostPerToken: 1e-06, outputCostPerToken: 3e-06, provider: "openai")])
        let usage = TokenUsage(promptTokens: 10, completionTokens: 10)
        expectCost(
            CostCalculator(table: table).cost(
                usage: usage, provider: "openai", model: "house-model", inputCostPerToken: nil, outputCostPerToken: nil), 4e-05)
        #expect(
            CostCalculator(table: table).cost(usage: usage, provider: "openai", model: "gpt-4o", inputCostPerToken: nil, outputCostPerToken: nil)
                == nil)
    }
}
