import Hummingbird
import SwitchyardCore
import SwitchyardEngine

/// The routes for clients that speak another API than chat completions: Anthropic's Messages API and
/// OpenAI's Responses API, both translated to the canonical chat body so any deployment serves them.
enum DialectRoutes {
    /// Registers `/v1/messages`, `/v1/messages/count_tokens` and `/v1/responses` (with their aliases) on `router`; the LLM calls also in `direct`.
    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway, direct: inout DirectRoutes) {
        let messages = RequestPipeline(gateway: gateway, dialect: AnthropicMessagesDialect())
        let counter = AnthropicTokenCountHandler(gateway: gateway)
        for prefix in ["/v1", "", "/anthropic/v1"] {
            router.post("\(prefix)/messages", direct: &direct) { request, context in
                try await messages.handle(request, context: context)
            }
            router.post(RouterPath("\(prefix)/messages/count_tokens")) { request, context in
                await counter.countTokens(request, context: context)
            }
        }
        let responses = RequestPipeline(gateway: gateway, dialect: ResponsesDialect())
        for path in ["/v1/responses", "/responses"] {
            router.post(path, direct: &direct) { request, context in
                try await responses.handle(request, context: context)
            }
        }
    }
}
