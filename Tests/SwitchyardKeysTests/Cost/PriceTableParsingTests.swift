import SwitchyardKeys
import Testing

/// `PriceTable(parsing:)` reads our price document format and names what is wrong with a bad one.
struct PriceTableParsingTests {
    @Test func readsAModelWithEveryField() throws {
        let table = try PriceTable(
            parsing: #"""
                {"source": "test", "date": "2026-11-21", "models": {
                  "Acme-1": {"provider": "acme", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                             "cache_read_input_token_cost": 1e-07, "cache_creation_input_token_cost": 1.25e-06,
                             "max_input_tokens": 1000, "max_output_tokens": 100, "aliases": ["acme-one"], "future_field": true}}}
                """#)
        let expected = ModelPrice(
            inputCostPerToken: 1e-06, outputCostPerToken: 2e-06, cacheReadInputCostPerToken: 1e-07, cacheCreationInputCostPerToken: 1.25e-06,
            maxInputTokens: 1000, maxOutputTokens: 100, mode: "chat", provider: "acme")
        #expect(table.price(provider: "acme", model: "acme-1") == expected)
        #expect(table.price(provider: "acme", model: "acme-one") == expected)
        #expect(table.count == 1)
        #expect(table.source == "test")
    }

    @Test func rejectsAModelWithoutAnInputPrice() {
        #expect(throws: PriceTableError(path: "models.m.input_cost_per_token", problem: "missing")) {
            try PriceTable(parsing: #"{"models": {"m": {"provider": "p", "mode": "chat", "output_cost_per_token": 1}}}"#)
        }
    }

    @Test func rejectsANegativePrice() {
        #expect(throws: PriceTableError(path: "models.m.output_cost_per_token", problem: "not a non-negative number")) {
            try PriceTable(parsing: #"{"models": {"m": {"provider": "p", "mode": "chat", "input_cost_per_token": 1, "output_cost_per_token": -1}}}"#)
        }
    }

    @Test func rejectsADocumentWithoutModels() {
        #expect(throws: PriceTableError(path: "models", problem: "missing or not an object")) {
            try PriceTable(parsing: #"{"source": "x"}"#)
        }
    }

    @Test func rejectsAnAliasThatNamesAnotherModel() {
        #expect(throws: PriceTableError.self) {
            try PriceTable(
                parsing: #"""
                    {"models": {"a": {"provider": "p", "mode": "chat", "input_cost_per_token": 1, "output_cost_per_token": 1},
                                "b": {"provider": "p", "mode": "chat", "input_cost_per_token": 1, "output_cost_per_token": 1, "aliases": ["a"]}}}
                    """#)
        }
    }

    @Test func rejectsText() {
        #expect(throws: PriceTableError.self) { try PriceTable(parsing: "prices") }
    }

    @Test func describesAnErrorWithItsPath() {
        #expect(PriceTableError(path: "models.m.mode", problem: "missing").description == "models.m.mode: missing")
    }
}
