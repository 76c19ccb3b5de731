import SwitchyardCore

/// Why a price document was rejected, with the path of the offending value (`models.gpt-4o.mode: missing`).
public struct PriceTableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document the problem is, dotted (`models.gpt-4o.input_cost_per_token`); empty for the whole document.
    public var path: String
    /// What is wrong there.
    public var problem: String

    /// An error at `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

extension PriceTable {
    /// Parses a price document: `{"source", "date", "models": {name: {provider, mode, input_cost_per_token, …}}}`.
    ///
    /// Each model needs `provider`, `mode`, `input_cost_per_token` and `output_cost_per_token`; it may
    /// give `cache_read_input_token_cost`, `cache_creation_input_token_cost`, `max_input_tokens`,
    /// `max_output_tokens`, `aliases` (more names for it) and `geo` (prices of a Bedrock geographic
    /// inference profile, same cost keys). Names are matched in lower case. Unknown keys are ignored,
    /// so the format can grow.
    public init(parsing json: String) throws(PriceTableError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: json)
        } catch {
            throw PriceTableError(path: "", problem: "not JSON: \(error)")
        }
        guard let root = document.objectValue else { throw PriceTableError(path: "", problem: "not an object") }
        guard let models = root["models"]?.objectValue else { throw PriceTableError(path: "models", problem: "missing or not an object") }
        var entries: [String: Entry] = [:]
        for (name, value) in models {
            let key = name.lowercased()
            guard entries[key] == nil else { throw PriceTableError(path: "models.\(name)", problem: "named twice") }
            let (entry, aliases) = try Self.entry(value, path: "models.\(name)")
            entries[key] = entry
            for alias in aliases {
                guard entries[alias.lowercased()] == nil else {
                    throw PriceTableError(path: "models.\(name).aliases", problem: "`\(alias)` is taken")
                }
                entries[alias.lowercased()] = entry
            }
        }
        self.init(entries: entries, count: models.count, source: root["source"]?.stringValue ?? "", date: root["date"]?.stringValue ?? "")
    }

    private static func entry(_ value: JSONValue, path: String) throws(PriceTableError) -> (Entry, [String]) {
        guard let object = value.objectValue else { throw PriceTableError(path: path, problem: "not an object") }
        guard let provider = object["provider"]?.stringValue else { throw PriceTableError(path: "\(path).provider", problem: "missing") }
        guard let mode = object["mode"]?.stringValue else { throw PriceTableError(path: "\(path).mode", problem: "missing") }
        let price = try Self.price(object, provider: provider, mode: mode, path: path)
        var geographic: ModelPrice?
        if let geo = object["geo"] {
            guard let geoObject = geo.objectValue else { throw PriceTableError(path: "\(path).geo", problem: "not an object") }
            geographic = try Self.price(geoObject, provider: provider, mode: mode, path: "\(path).geo")
            geographic?.maxInputTokens = price.maxInputTokens
            geographic?.maxOutputTokens = price.maxOutputTokens
        }
        var aliases: [String] = []
        if let list = object["aliases"] {
            guard let names = list.arrayValue?.compactMap(\.stringValue), names.count == list.arrayValue?.count else {
                throw PriceTableError(path: "\(path).aliases", problem: "not a list of names")
            }
            aliases = names
        }
        return (Entry(price: price, geographicPrice: geographic), aliases)
    }

    private static func price(_ object: JSONObject, provider: String, mode: String, path: String) throws(PriceTableError) -> ModelPrice {
        guard let input = try cost(object, "input_cost_per_token", path: path) else {
            throw PriceTableError(path: "\(path).input_cost_per_token", problem: "missing")
        }
        guard let output = try cost(object, "output_cost_per_token", path: path) else {
            throw PriceTableError(path: "\(path).output_cost_per_token", problem: "missing")
        }
        return ModelPrice(
            inputCostPerToken: input,
            outputCostPerToken: output,
            cacheReadInputCostPerToken: try cost(object, "cache_read_input_token_cost", path: path),
            cacheCreationInputCostPerToken: try cost(object, "cache_creation_input_token_cost", path: path),
            maxInputTokens: try tokens(object, "max_input_tokens", path: path),
            maxOutputTokens: try tokens(object, "max_output_tokens", path: path),
            mode: mode,
            provider: provider
        )
    }

    private static func cost(_ object: JSONObject, _ key: String, path: String) throws(PriceTableError) -> Double? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.doubleValue, number.isFinite, number >= 0 else {
            throw PriceTableError(path: "\(path).\(key)", problem: "not a non-negative number")
        }
        return number
    }

    private static func tokens(_ object: JSONObject, _ key: String, path: String) throws(PriceTableError) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.intValue, number > 0 else { throw PriceTableError(path: "\(path).\(key)", problem: "not a positive integer") }
        return number
    }
}
