extension PriceTable {
    /// The price of `model` as served by `provider` (a deployment's provider prefix), or `nil` if unknown.
    ///
    /// Names are tried in this order, the first hit winning, each one bare and then as `provider/name`
    /// (for Vertex AI also `gemini/name`, whose prices Vertex shares):
    /// 1. `model` as given, then without a leading `provider/` (and a Bedrock `converse/` or `invoke/` route);
    /// 2. with version suffixes taken off one after another: `:0` (Bedrock), `@20241022` (Vertex),
    ///    `-v2` (Bedrock), a date (`-2024-08-06`, `-20241022`), a three-digit version (`-001`), `-latest`
    ///    (`us.anthropic.claude-3-5-sonnet-20241022-v2:0` → `…-20241022-v2` → `…-20241022` → `…-claude-3-5-sonnet`);
    /// 3. the same again without a Bedrock region prefix (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `ca.`,
    ///    `us-gov.`, `global.`); a geographic prefix (all but `global.`) gets the entry's `geo` price if it has one.
    ///
    /// An exact name therefore always beats a stripped one: `gpt-4o-2024-05-13` keeps its own, higher price.
    /// Azure deployments name OpenAI models, which are keyed bare, so they are found as they are.
    public func price(provider: String, model: String) -> ModelPrice? {
        let provider = provider.lowercased()
        var name = model.trimmingSpaces().lowercased()
        let prefixes = Self.keyPrefixes(provider)
        var names = [name]
        if name.hasPrefix(provider + "/") {
            name.removeFirst(provider.count + 1)
            names.append(name)
        }
        // LiteLLM's Bedrock route segments (`bedrock/converse/…`, `bedrock/invoke/…`) are not part of the model id.
        for route in ["converse/", "invoke/"] where provider.hasPrefix("bedrock") && name.hasPrefix(route) {
            name.removeFirst(route.count)
            names.append(name)
        }
        for candidate in names + Self.versionVariants(of: name) {
            if let entry = entry(candidate, prefixes: prefixes) { return entry.price }
        }
        if let (region, rest) = Self.splittingRegion(name) {
            for candidate in [rest] + Self.versionVariants(of: rest) {
                guard let entry = entry(candidate, prefixes: prefixes) else { continue }
                return region == "global" ? entry.price : entry.geographicPrice ?? entry.price
            }
        }
        return nil
    }

    private func entry(_ name: String, prefixes: [String]) -> Entry? {
        if let entry = entries[name] { return entry }
        for prefix in prefixes {
            if let entry = entries[prefix + "/" + name] { return entry }
        }
        return nil
    }

    /// The key prefixes under which `provider`'s models may be priced.
    private static func keyPrefixes(_ provider: String) -> [String] {
        switch provider {
        case "": []
        case "vertex_ai", "vertex_ai_beta": [provider, "gemini"]
        default: [provider]
        }
    }

    /// Bedrock cross-region inference profile prefixes; all but `global` are geographic (and may cost more).
    private static let regionPrefixes: Set<String> = ["us", "eu", "apac", "jp", "au", "ca", "us-gov", "global"]

    /// `("us", "anthropic.claude-…")` for `us.anthropic.claude-…`; `nil` when the name has no region prefix.
    static func splittingRegion(_ name: String) -> (region: String, rest: String)? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        let region = String(name[..<dot])
        let rest = String(name[name.index(after: dot)...])
        // The rest must itself be a Bedrock id (`vendor.model`), or `gpt-5.1` would lose its `gpt-5`.
        guard regionPrefixes.contains(region), rest.contains(".") else { return nil }
        return (region, rest)
    }

    /// `name` with its version suffixes taken off one after another, each step one more candidate.
    static func versionVariants(of name: String) -> [String] {
        let steps: [(String) -> String?] = [
            { $0.droppingSuffix(after: ":", where: \.isAllDigits) },
            { $0.droppingSuffix(after: "@", where: { !$0.isEmpty }) },
            { $0.droppingSuffix(after: "-", where: { $0.count > 1 && $0.first == "v" && $0.dropFirst().isAllDigits }) },
            { $0.droppingDateSuffix() },
            { $0.droppingSuffix(after: "-", where: { $0.count == 3 && $0.isAllDigits }) },
            { $0.droppingSuffix(after: "-", where: { $0 == "latest" }) },
        ]
        var variants: [String] = []
        var current = name
        for step in steps {
            if let shorter = step(current) {
                variants.append(shorter)
                current = shorter
            }
        }
        return variants
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The string before the last `separator`, if what follows it passes `test`.
    fileprivate func droppingSuffix(after separator: Character, where test: (Substring) -> Bool) -> String? {
        guard let index = lastIndex(of: separator), index != startIndex else { return nil }
        return test(self[self.index(after: index)...]) ? String(self[..<index]) : nil
    }

    /// The string without a trailing `-YYYY-MM-DD` or `-YYYYMMDD`.
    fileprivate func droppingDateSuffix() -> String? {
        if let short = droppingSuffix(after: "-", where: { $0.count == 8 && $0.isAllDigits && $0.hasPrefix("20") }) { return short }
        let parts = split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count > 3 else { return nil }
        let tail = parts.suffix(3)
        let lengths = tail.map(\.count)
        guard lengths == [4, 2, 2], tail.allSatisfy(\.isAllDigits), tail.first?.hasPrefix("20") == true else { return nil }
        return parts.dropLast(3).joined(separator: "-")
    }
}

extension Substring {
    fileprivate var isAllDigits: Bool { !isEmpty && allSatisfy { $0.isASCII && $0.isNumber } }
}
