extension SimulatorOpenAI {
    /// An OpenAI endpoint the simulator serves.
    enum Endpoint: Equatable {
        case chatCompletions
        case completions
        case embeddings
        case models
        case model(String)

        /// The HTTP method the endpoint takes.
        var method: String {
            switch self {
            case .chatCompletions, .completions, .embeddings: "POST"
            case .models, .model: "GET"
            }
        }
    }

    /// Where a request goes: the endpoint, and the Azure deployment named in the path, if any.
    struct Route: Equatable {
        var endpoint: Endpoint
        /// `{d}` of `/openai/deployments/{d}/…`; stands in for the model when the body names none.
        var azureDeployment: String?

        /// The route for `path` (without its query), or nil when it is not an OpenAI path.
        ///
        /// Accepted forms: `/v1/<endpoint>`, `/<endpoint>`, `/openai/v1/<endpoint>` and
        /// `/openai/deployments/{d}/<endpoint>` (Azure; the `api-version` query is accepted and ignored).
        init?(path: Substring) {
            var rest = path
            while rest.hasSuffix("/") { rest = rest.dropLast() }
            var deployment: String?
            if let azure = Self.drop("/openai/deployments/", from: rest) {
                guard let slash = azure.firstIndex(of: "/") else { return nil }
                deployment = String(azure[..<slash])
                rest = azure[slash...]
            } else if let azureV1 = Self.drop("/openai", from: rest) {
                rest = azureV1
            }
            if let unversioned = Self.drop("/v1", from: rest) { rest = unversioned }
            let endpoint: Endpoint
            switch rest {
            case "/chat/completions": endpoint = .chatCompletions
            case "/completions": endpoint = .completions
            case "/embeddings": endpoint = .embeddings
            case "/models": endpoint = .models
            default:
                guard let id = Self.drop("/models/", from: rest), !id.isEmpty else { return nil }
                endpoint = .model(String(id))
            }
            self.endpoint = endpoint
            self.azureDeployment = deployment.flatMap { $0.isEmpty ? nil : $0 }
        }

        /// The rest of `path` after `prefix`, or nil when it does not start with `prefix`.
        private static func drop(_ prefix: String, from path: Substring) -> Substring? {
            path.hasPrefix(prefix) ? path.dropFirst(prefix.count) : nil
        }
    }
}
