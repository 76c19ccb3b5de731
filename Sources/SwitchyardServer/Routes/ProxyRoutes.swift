import Hummingbird
import SwitchyardEngine
import SwitchyardProviders

/// The OpenAI API routes, under every path LiteLLM serves them on.
enum ProxyRoutes {
    /// Registers chat completions, completions and embeddings on `router` (and in `direct`).
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway, direct: inout DirectRoutes) {
        for endpoint in GatewayEndpoint.allCases {
            let pipeline = RequestPipeline(gateway: gateway, dialect: OpenAIDialect(endpoint: endpoint))
            let paths = [
                "/v1/\(endpoint.rawValue)",
                "/\(endpoint.rawValue)",
                "/openai/deployments/{model}/\(endpoint.rawValue)",
                "/engines/{model}/\(endpoint.rawValue)",
                "/v1/engines/{model}/\(endpoint.rawValue)",
            ]
            // LiteLLM's scheduler route; every request already waits its turn in the queue when
            // deployments are at their limits, so it is the same handler.
            let queuePaths = endpoint == .chatCompletions ? ["/queue/chat/completions", "/v1/queue/chat/completions"] : []
            for path in paths + queuePaths {
                router.post(path, direct: &direct) { request, context in
                    try await pipeline.handle(request, context: context, pathModel: context.parameters.get("model"))
                }
            }
        }
    }
}
