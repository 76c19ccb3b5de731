import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardRouting

/// Serves `/v1/messages/count_tokens`, which is not an LLM request (`/v1/messages` itself goes through
/// ``RequestPipeline`` with ``AnthropicMessagesDialect``). Errors are answered in Anthropic's shape.
struct AnthropicTokenCountHandler: Sendable {
    let gateway: Gateway

    /// Handles `POST /v1/messages/count_tokens`: an estimate (about 4 characters a token, as the
    /// gateway's pre-call checks count), not the upstream tokenizer's count.
    func countTokens(_ request: Request, context: GatewayContext) async -> Response {
        do {
            var body = try await RequestBody.object(request, context: context)
            body["stream"] = nil
            let chat = try AnthropicMessages.chatBody(from: body)
            var tokens = TokenEstimate.inputTokens(of: chat)
            // Tool definitions count too: as text, the way `input` is estimated.
            if let tools = chat["tools"] { tokens += TokenEstimate.inputTokens(of: ["input": tools]) }
            var buffer = ByteBuffer()
            JSONValue.object(["input_tokens": .number(JSONNumber(tokens))]).write(to: &buffer)
            return Response(status: .ok, headers: ResponseHeaders.json, body: ResponseBody(byteBuffer: buffer))
        } catch {
            return AnthropicMessages.errorResponse(ErrorMiddleware.gatewayError(from: error))
        }
    }
}
