import SwitchyardCore

extension SimulatorGemini {
    /// `embedContent` (`{"embedding":{"values"}}`), `batchEmbedContents` (`{"embeddings":[…]}`) and Vertex's
    /// `predict` (`{"predictions":[{"embeddings":{"values","statistics"}}]}`), with the OpenAI dialect's
    /// deterministic vectors, so the same text gets the same vector whichever dialect serves it.
    static func embeddings(_ method: Route.Method, _ exchange: Exchange) throws(APIError) -> Answer {
        let body = exchange.body
        func vector(_ text: String, dimensions: JSONValue?) throws(APIError) -> JSONValue {
            var size = max(exchange.configuration.embeddingDimensions, 1)
            if let dimensions, !dimensions.isNull {
                guard let value = dimensions.intValue, (1...SimulatorOpenAI.maximumDimensions).contains(value) else {
                    throw .invalid("outputDimensionality must be from 1 to \(SimulatorOpenAI.maximumDimensions).")
                }
                size = value
            }
            return .array(SimulatorOpenAI.embedding(of: "s:" + text, dimensions: size).map { .number(JSONNumber($0)) })
        }
        func contentText(_ request: JSONObject) throws(APIError) -> String {
            guard request["content"] != nil else { throw .invalid("* EmbedContentRequest.content: content is not specified") }
            return text(of: request["content"])
        }
        switch method {
        case .embedContent:
            return .json(["embedding": ["values": try vector(try contentText(body), dimensions: body["outputDimensionality"])]])
        case .batchEmbedContents:
            guard let requests = body["requests"]?.arrayValue, !requests.isEmpty else {
                throw .invalid("* BatchEmbedContentsRequest.requests: requests is not specified")
            }
            var embeddings: [JSONValue] = []
            for request in requests {
                let object = request.objectValue ?? JSONObject()
                embeddings.append(["values": try vector(try contentText(object), dimensions: object["outputDimensionality"])])
            }
            return .json(["embeddings": .array(embeddings)])
        default:
            guard let instances = body["instances"]?.arrayValue, !instances.isEmpty else { throw .invalid("instances is required.") }
            let dimensions = body["parameters"]?.objectValue?["outputDimensionality"]
            var predictions: [JSONValue] = []
            for instance in instances {
                let text = instance.objectValue?["content"]?.stringValue ?? ""
                let statistics: JSONValue = ["token_count": .number(JSONNumber(SimulatedReply.tokenCount(text))), "truncated": false]
                predictions.append(["embeddings": ["values": try vector(text, dimensions: dimensions), "statistics": statistics]])
            }
            return .json(["predictions": .array(predictions)])
        }
    }
}
