import Testing

@testable import SwitchyardKeys

/// `PriceTable.price(provider:model:)` finds models under the names deployments actually use.
struct PriceLookupTests {
    let table = PriceTable.builtin

    @Test func findsAnOpenAIModelByItsBareName() {
        #expect(table.price(provider: "openai", model: "gpt-4o-mini")?.inputCostPerToken == 1.5e-07)
    }

    @Test func findsAModelWrittenWithItsProviderPrefix() {
        #expect(table.price(provider: "openai", model: "openai/gpt-4o-mini")?.inputCostPerToken == 1.5e-07)
        #expect(table.price(provider: "gemini", model: "gemini/gemini-2.5-pro")?.inputCostPerToken == 1.25e-06)
    }

    @Test func addsTheProviderPrefixForProvidersKeyedWithIt() {
        #expect(table.price(provider: "gemini", model: "gemini-2.5-pro")?.outputCostPerToken == 1e-05)
        #expect(table.price(provider: "mistral", model: "mistral-large-latest")?.provider == "mistral")
        #expect(table.price(provider: "groq", model: "llama-3.3-70b-versatile")?.inputCostPerToken == 5.9e-07)
        #expect(table.price(provider: "groq", model: "openai/gpt-oss-120b")?.inputCostPerToken == 1.5e-07)
    }

    @Test func stripsADateSuffix() {
        #expect(table.price(provider: "openai", model: "gpt-4o-2024-08-06") == table.price(provider: "openai", model: "gpt-4o"))
        #expect(table.price(provider: "anthropic", model: "claude-3-5-sonnet-20241022")?.provider == "anthropic")
        #expect(table.price(provider: "anthropic", model: "claude-sonnet-4-5-20250929")?.cacheCreationInputCostPerToken == 3.75e-06)
    }

    @Test func prefersAnExactDatedEntryOverTheStrippedName() {
        #expect(table.price(provider: "openai", model: "gpt-4o-2024-05-13")?.inputCostPerToken == 5e-06)
    }

    @Test func stripsLatestAndThreeDigitVersions() {
        #expect(table.price(provider: "anthropic", model: "claude-3-7-sonnet-latest")?.inputCostPerToken == 3e-06)
        #expect(table.price(provider: "gemini", model: "gemini-2.0-flash-001")?.inputCostPerToken == 1e-07)
    }

    @Test func findsBedrockIdsWithVersionSuffixes() {
        let price = table.price(provider: "bedrock", model: "anthropic.claude-3-5-sonnet-20241022-v2:0")
        #expect(price?.inputCostPerToken == 3e-06)
        #expect(price?.provider == "bedrock")
        #expect(table.price(provider: "bedrock", model: "amazon.nova-pro-v1:0")?.inputCostPerToken == 8e-07)
        #expect(table.price(provider: "bedrock", model: "meta.llama3-3-70b-instruct-v1:0")?.outputCostPerToken == 7.2e-07)
        #expect(table.price(provider: "bedrock", model: "amazon.titan-embed-text-v2:0")?.mode == "embedding")
    }

    @Test func findsBedrockIdsBehindARouteSegment() {
        #expect(table.price(provider: "bedrock", model: "converse/anthropic.claude-3-7-sonnet-20250219-v1:0")?.inputCostPerToken == 3e-06)
    }

    @Test func chargesTheGeographicPremiumForRegionalBedrockProfiles() {
        let base = table.price(provider: "bedrock", model: "anthropic.claude-sonnet-4-5-20250929-v1:0")
        let us = table.price(provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        let eu = table.price(provider: "bedrock", model: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
        let global = table.price(provider: "bedrock", model: "global.anthropic.claude-sonnet-4-5-20250929-v1:0")
        #expect(base?.inputCostPerToken == 3e-06)
        #expect(us?.inputCostPerToken == 3.3e-06)
        #expect(us?.cacheCreationInputCostPerToken == 4.125e-06)
        #expect(us?.maxInputTokens == base?.maxInputTokens)
        #expect(eu == us)
        #expect(global == base)
    }

    @Test func usesTheBasePriceForRegionalProfilesWithoutAPremium() {
        let price = table.price(provider: "bedrock", model: "us.anthropic.claude-3-5-haiku-20241022-v1:0")
        #expect(price?.inputCostPerToken == 8e-07)
    }

    @Test func findsAzureDeploymentsOfOpenAIModels() {
        #expect(table.price(provider: "azure", model: "gpt-4.1-mini") == table.price(provider: "openai", model: "gpt-4.1-mini"))
        #expect(table.price(provider: "azure", model: "gpt-4o-2024-11-20")?.inputCostPerToken == 2.5e-06)
    }

    @Test func findsVertexModelsUnderTheirGeminiAndAnthropicNames() {
        #expect(table.price(provider: "vertex_ai", model: "gemini-2.5-flash")?.inputCostPerToken == 3e-07)
        #expect(table.price(provider: "vertex_ai", model: "claude-opus-4-1@20250805")?.inputCostPerToken == 1.5e-05)
        #expect(table.price(provider: "vertex_ai", model: "claude-3-5-sonnet-v2@20241022")?.inputCostPerToken == 3e-06)
    }

    @Test func findsModelsByTheirAliases() {
        #expect(table.price(provider: "anthropic", model: "claude-sonnet-4-0") == table.price(provider: "anthropic", model: "claude-sonnet-4"))
        #expect(table.price(provider: "mistral", model: "mistral-embed-2312")?.mode == "embedding")
    }

    @Test func ignoresCaseAndSurroundingSpaces() {
        #expect(table.price(provider: "OpenAI", model: " GPT-4o ") == table.price(provider: "openai", model: "gpt-4o"))
    }

    @Test func answersNilForAnUnknownModel() {
        #expect(table.price(provider: "openai", model: "gpt-9-ultra") == nil)
        #expect(table.price(provider: "hosted_vllm", model: "my-finetune") == nil)
        #expect(table.price(provider: "openai", model: "") == nil)
    }

    @Test func doesNotTreatADottedModelVersionAsABedrockRegion() {
        #expect(PriceTable.splittingRegion("gpt-5.1") == nil)
        #expect(PriceTable.splittingRegion("us.amazon.nova-pro-v1:0")?.rest == "amazon.nova-pro-v1:0")
    }

    @Test func listsTheVersionVariantsOfAnIdInOrder() {
        #expect(
            PriceTable.versionVariants(of: "anthropic.claude-3-5-sonnet-20241022-v2:0") == [
                "anthropic.claude-3-5-sonnet-20241022-v2", "anthropic.claude-3-5-sonnet-20241022", "anthropic.claude-3-5-sonnet",
            ])
        #expect(PriceTable.versionVariants(of: "gpt-4o") == [])
    }
}
