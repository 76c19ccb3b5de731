import SwitchyardCore

extension SimulatorOpenAI {
    /// The most dimensions a request may ask for; larger vectors only cost memory.
    static let maximumDimensions = 16_384

    /// `POST /v1/embeddings`: one deterministic unit vector per input.
    ///
    /// `input` is a string, an array of strings, a token array, or an array of token arrays. Each
    /// input's vector comes from a random source seeded with a stable hash of the input, scaled to
    /// length 1 and rounded to 6 decimals, so the same input always gets the same vector.
    /// `dimensions` sets the length (default ``SimulatorEngine/Configuration/embeddingDimensions``);
    /// `encoding_format: base64` sends each vector as base64 of little-endian float32 values, as
    /// OpenAI does. Prompt tokens are the words of each string plus one per token id.
    static func embeddings(_ exchange: Exchange) throws(APIError) -> Answer {
        let inputs = try embeddingInputs(exchange.body["input"])
        let dimensions = try embeddingDimensions(exchange)
        let base64: Bool
        switch exchange.body["encoding_format"] {
        case nil, .null?, .string("float")?: base64 = false
        case .string("base64")?: base64 = true
        default: throw .invalid("'encoding_format' must be 'float' or 'base64'.", param: "encoding_format")
        }
        var data: [JSONValue] = []
        var promptTokens = 0
        for (index, input) in inputs.enumerated() {
            promptTokens += input.tokens
            let vector = embedding(of: input.key, dimensions: dimensions)
            let encoded: JSONValue =
                base64 ? .string(base64Float32(vector)) : .array(vector.map { .number(JSONNumber($0)) })
            data.append(["object": "embedding", "index": .number(JSONNumber(index)), "embedding": encoded])
        }
        let usage: JSONValue = ["prompt_tokens": .number(JSONNumber(promptTokens)), "total_tokens": .number(JSONNumber(promptTokens))]
        return .json(["object": "list", "data": .array(data), "model": .string(exchange.model), "usage": usage])
    }

    /// The vector for the input whose stable key is `key`.
    static func embedding(of key: String, dimensions: Int) -> [Double] {
        var hash = StableHash()
        hash.combine(key)
        var random = SeededRandomNumberGenerator(seed: hash.value)
        let raw = (0..<dimensions).map { _ in Double.random(in: -1...1, using: &random) }
        let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { length > 0 ? (($0 / length) * 1e6).rounded() / 1e6 : 0 }
    }

    /// Each input as a stable key (`s:` text or `t:` token ids) and its token count.
    private static func embeddingInputs(_ input: JSONValue?) throws(APIError) -> [(key: String, tokens: Int)] {
        let invalid = APIError.invalid("'input' must be a string, an array of strings, or token arrays, and not empty.", param: "input")
        func tokenKey(_ tokens: [JSONValue]) -> (key: String, tokens: Int)? {
            let ids = tokens.compactMap(\.intValue)
            guard ids.count == tokens.count, !ids.isEmpty else { return nil }
            return ("t:" + ids.map(String.init).joined(separator: ","), ids.count)
        }
        guard let input else { throw .invalid("'input' is a required property.", param: "input") }
        if let text = input.stringValue { return [("s:" + text, SimulatedReply.tokenCount(text))] }
        guard let items = input.arrayValue, !items.isEmpty else { throw invalid }
        if items.allSatisfy({ $0.intValue != nil }), let tokens = tokenKey(items) { return [tokens] }
        var inputs: [(key: String, tokens: Int)] = []
        for item in items {
            if let text = item.stringValue {
                inputs.append(("s:" + text, SimulatedReply.tokenCount(text)))
            } else if let tokens = item.arrayValue.flatMap(tokenKey) {
                inputs.append(tokens)
            } else {
                throw invalid
            }
        }
        return inputs
    }

    private static func embeddingDimensions(_ exchange: Exchange) throws(APIError) -> Int {
        guard let value = exchange.body["dimensions"], !value.isNull else { return max(exchange.configuration.embeddingDimensions, 1) }
        guard let dimensions = value.intValue, (1...maximumDimensions).contains(dimensions) else {
            throw .invalid("'dimensions' must be an integer from 1 to \(maximumDimensions).", param: "dimensions")
        }
        return dimensions
    }

    /// Base64 of the vector as little-endian float32 values.
    static func base64Float32(_ vector: [Double]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = Float(value).bitPattern
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
        return base64(bytes)
    }

    /// Standard base64 with padding (RFC 4648 §4).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let group = UInt32(bytes[index]) << 16 | UInt32(remaining > 1 ? bytes[index + 1] : 0) << 8 | UInt32(remaining > 2 ? bytes[index + 2] : 0)
            for position in 0..<4 {
                let sextet = Int((group >> (18 - 6 * position)) & 0x3F)
                output.append(position <= remaining ? alphabet[sextet] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
