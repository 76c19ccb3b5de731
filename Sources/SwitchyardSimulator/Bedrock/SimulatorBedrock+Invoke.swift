import SwitchyardCore

extension SimulatorBedrock {
    /// `POST /model/{id}/invoke` for embedding models: Titan (`{"inputText"}` → `{"embedding",
    /// "inputTextTokenCount"}`) and Cohere (`{"texts", "input_type"}` → `{"embeddings", …}`). Vectors are the
    /// OpenAI dialect's for the same text, so answers compare across dialects.
    static func invoke(_ exchange: Exchange) throws(APIError) -> JSONValue {
        let body = exchange.body
        let dimensions = body["dimensions"]?.intValue ?? max(exchange.configuration.embeddingDimensions, 1)
        guard (1...SimulatorOpenAI.maximumDimensions).contains(dimensions) else {
            throw .validation("dimensions must be from 1 to \(SimulatorOpenAI.maximumDimensions).")
        }
        func vector(_ text: String) -> JSONValue {
            .array(SimulatorOpenAI.embedding(of: "s:" + text, dimensions: dimensions).map { .number(JSONNumber($0)) })
        }
        if exchange.model.contains("titan-embed") {
            guard let text = body["inputText"]?.stringValue else { throw .validation("Malformed input request: inputText is required.") }
            return ["embedding": vector(text), "inputTextTokenCount": .number(JSONNumber(SimulatedReply.tokenCount(text)))]
        }
        if exchange.model.contains("cohere.embed") {
            guard let texts = body["texts"]?.arrayValue?.compactMap(\.stringValue), !texts.isEmpty else {
                throw .validation("Malformed input request: texts is required.")
            }
            return [
                "embeddings": .array(texts.map(vector)), "id": .string(requestID(exchange.hash)), "response_type": "embeddings_floats",
                "texts": .array(texts.map(JSONValue.string)),
            ]
        }
        throw .validation("The simulator's InvokeModel serves titan-embed and cohere.embed models only.")
    }
}
