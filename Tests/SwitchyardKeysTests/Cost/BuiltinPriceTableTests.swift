import Testing

@testable import SwitchyardKeys

/// The price table compiled into the binary parses, is large enough, and carries the published prices.
struct BuiltinPriceTableTests {
    @Test func parsesTheBuiltinDocumentWithAtLeastSixtyModels() throws {
        let table = try PriceTable(parsing: BuiltinPrices.json)
        #expect(table.count >= 60)
        #expect(PriceTable.builtin.count == table.count)
    }

    @Test func namesItsSourceAndTheDateTheNumbersWereRead() {
        #expect(PriceTable.builtin.source.contains("LiteLLM"))
        #expect(PriceTable.builtin.date == "2026-11-21")
    }

    @Test func coversEveryProviderTheGatewayPrices() {
        let providers = Set(PriceTable.builtin.entries.values.map(\.price.provider))
        #expect(providers == ["openai", "anthropic", "gemini", "mistral", "groq", "bedrock"])
    }

    @Test func keysAreLowerCaseSoThatLookupsCanBe() {
        for name in PriceTable.builtin.modelNames {
            #expect(name == name.lowercased(), "\(name)")
        }
    }

    @Test func everyModelIsAChatOrEmbeddingOrResponsesModelWithAnInputPrice() {
        for (name, entry) in PriceTable.builtin.entries {
            #expect(["chat", "embedding", "responses"].contains(entry.price.mode), "\(name)")
            #expect(entry.price.inputCostPerToken > 0, "\(name)")
            if entry.price.mode == "embedding" {
                #expect(entry.price.outputCostPerToken == 0, "\(name)")
            } else {
                #expect(entry.price.outputCostPerToken >= entry.price.inputCostPerToken, "\(name)")
            }
        }
    }

    @Test func cachedInputNeverCostsMoreThanInput() {
        for (name, entry) in PriceTable.builtin.entries {
            if let cacheRead = entry.price.cacheReadInputCostPerToken {
                #expect(cacheRead < entry.price.inputCostPerToken, "\(name)")
            }
        }
    }

    @Test func carriesThePublishedPricesOfWidelyUsedModels() throws {
        let table = PriceTable.builtin
        let gpt4o = try #require(table.price(provider: "openai", model: "gpt-4o"))
        #expect(
            gpt4o
                == ModelPrice(
                    inputCostPerToken: 2.5e-06, outputCostPerToken: 1e-05, cacheReadInputCostPerToken: 1.25e-06,
                    maxInputTokens: 128_000, maxOutputTokens: 16_384, mode: "chat", provider: "openai"))
        let sonnet = try #require(table.price(provider: "anthropic", model: "claude-3-5-sonnet-20241022"))
        #expect(sonnet.inputCostPerToken == 3e-06)
        #expect(sonnet.outputCostPerToken == 1.5e-05)
        #expect(sonnet.cacheReadInputCostPerToken == 3e-07)
        #expect(sonnet.cacheCreationInputCostPerToken == 3.75e-06)
        let embedding = try #require(table.price(provider: "openai", model: "text-embedding-3-small"))
        #expect(embedding.inputCostPerToken == 2e-08)
        #expect(embedding.mode == "embedding")
        let flash = try #require(table.price(provider: "gemini", model: "gemini-2.5-flash"))
        #expect(flash.inputCostPerToken == 3e-07)
        #expect(flash.outputCostPerToken == 2.5e-06)
    }
}
