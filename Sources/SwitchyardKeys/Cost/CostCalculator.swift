import Synchronization

/// Turns a request's token usage into USD spend, from a price table and a deployment's own prices.
///
/// The rule, per request:
/// ```
/// cost = uncached prompt tokens × input price
///      + cache-read tokens      × cache-read price      (input price when there is none)
///      + cache-write tokens     × cache-creation price  (input price when there is none)
///      + completion tokens      × output price
/// uncached prompt tokens = prompt tokens − cache-read tokens − cache-write tokens
/// ```
/// Prompt tokens include cached ones (OpenAI semantics, see ``TokenUsage``). A deployment's
/// `input_cost_per_token` / `output_cost_per_token` win over the table; an input override replaces the
/// table's cache prices too, since the table's discounts belong to the table's price, not the operator's.
/// Tiered prices (above 128k/200k prompt tokens) are not modelled: the base tier is charged.
public struct CostCalculator: Sendable {
    /// The prices used when a deployment sets none.
    public let table: PriceTable
    /// Lookups already made: a deployment names the same model on every request, and the lookup's
    /// name variants cost more than the arithmetic.
    private let memo = PriceMemo()

    /// A calculator over `table` (``PriceTable/builtin`` by default).
    public init(table: PriceTable = .builtin) {
        self.table = table
    }

    /// USD for `usage` on `model` of `provider`; `nil` when neither the table nor an override prices the model.
    ///
    /// On `nil` the caller logs the unknown model and records the request at cost 0. A single override
    /// with an unknown model charges the other kind of token at 0.
    public func cost(usage: TokenUsage, provider: String, model: String, inputCostPerToken: Double?, outputCostPerToken: Double?) -> Double? {
        let price = memo.price(provider: provider, model: model) { table.price(provider: provider, model: model) }
        guard price != nil || inputCostPerToken != nil || outputCostPerToken != nil else { return nil }
        let input = inputCostPerToken ?? price?.inputCostPerToken ?? 0
        let output = outputCostPerToken ?? price?.outputCostPerToken ?? 0
        let cacheRead = inputCostPerToken == nil ? price?.cacheReadInputCostPerToken ?? input : input
        let cacheCreation = inputCostPerToken == nil ? price?.cacheCreationInputCostPerToken ?? input : input
        // Clamp so that an upstream reporting more cached tokens than prompt tokens is never charged negative.
        let cachedRead = min(usage.cachedPromptTokens, usage.promptTokens)
        let cacheWritten = min(usage.cacheCreationTokens, usage.promptTokens - cachedRead)
        let uncached = usage.promptTokens - cachedRead - cacheWritten
        return Double(uncached) * input + Double(cachedRead) * cacheRead + Double(cacheWritten) * cacheCreation
            + Double(usage.completionTokens) * output
    }
}

/// The price lookups of one calculator, keyed by provider and model (misses included). Bounded: a
/// client cannot grow it, since only deployments' models are priced, but it is cleared past 10,000.
final class PriceMemo: Sendable {
    private struct Key: Hashable {
        var provider: String
        var model: String
    }

    private let entries = Mutex<[Key: ModelPrice?]>([:])

    func price(provider: String, model: String, lookup: () -> ModelPrice?) -> ModelPrice? {
        let key = Key(provider: provider, model: model)
        if let known = entries.withLock({ $0[key] }) { return known }
        let price = lookup()
        entries.withLock { entries in
            if entries.count >= 10_000 { entries.removeAll() }
            entries[key] = .some(price)
        }
        return price
    }
}
