import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardEngine

extension AnthropicMessages {
    /// The HTTP response for `error` in Anthropic's shape, with its status and `Retry-After` when known.
    static func errorResponse(_ error: GatewayError) -> Response {
        RequestPipeline<AnthropicMessagesDialect>.errorResponse(error, body: errorBody(error))
    }
}
