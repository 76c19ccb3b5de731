import Logging

/// Per-token prices of the models Switchyard knows, for turning usage into spend.
///
/// The built-in table (``builtin``) is compiled in from `BuiltinPrices.swift`; a table can also be
/// parsed from a JSON document of the same shape (``init(parsing:)``) or built from values in tests.
/// Look prices up with ``price(provider:model:)``, which also finds dated and region-prefixed ids.
public struct PriceTable: Sendable {
    /// A model's price, and the price of a Bedrock geographic inference profile when that differs.
    struct Entry: Sendable, Equatable {
        var price: ModelPrice
        var geographicPrice: ModelPrice?
    }

    /// Where the numbers come from (the document's `source`).
    public let source: String
    /// The day the numbers were read, `YYYY-MM-DD` (the document's `date`).
    public let date: String
    /// Entries by lookup key: model names and their aliases.
    let entries: [String: Entry]
    /// The number of models, not counting aliases.
    public let count: Int

    /// A table from model names to prices; `aliases` maps extra names to a name in `prices`.
    public init(prices: [String: ModelPrice], aliases: [String: String] = [:], source: String = "", date: String = "") {
        var entries = prices.mapValues { Entry(price: $0, geographicPrice: nil) }
        for (alias, target) in aliases {
            if let entry = entries[target] { entries[alias] = entry }
        }
        self.init(entries: entries, count: prices.count, source: source, date: date)
    }

    init(entries: [String: Entry], count: Int, source: String, date: String) {
        self.entries = entries
        self.count = count
        self.source = source
        self.date = date
    }

    /// A table that knows no model: every lookup answers `nil`.
    public static let empty = PriceTable(prices: [:])

    /// The table compiled into the binary.
    ///
    /// A document that does not parse (a bad edit of `BuiltinPrices.swift`) must not stop the
    /// gateway: it is logged and the table is empty, so requests are served and recorded at cost 0.
    /// A test proves the shipped document parses.
    public static let builtin: PriceTable = {
        do {
            return try PriceTable(parsing: BuiltinPrices.json)
        } catch {
            Logger(label: "switchyard.keys.prices").error(
                "built-in price table does not parse; costs are recorded as 0", metadata: ["error": "\(error)"])
            return .empty
        }
    }()

    /// Every model name the table knows, aliases included, sorted.
    public var modelNames: [String] { entries.keys.sorted() }
}
