import SwitchyardCore

extension AnthropicMessages {
    /// Anthropic's error `type` for a gateway error, from its kind and status.
    package static func errorType(_ error: GatewayError) -> String {
        switch error.kind {
        case .contextWindowExceeded, .contentPolicy, .badRequest, .unprocessable, .budgetExceeded: return "invalid_request_error"
        case .authentication: return "authentication_error"
        case .permissionDenied: return "permission_error"
        case .notFound: return "not_found_error"
        case .requestTooLarge: return "request_too_large"
        case .rateLimited: return "rate_limit_error"
        case .allDeploymentsFailed: return "overloaded_error"
        default: return error.status == 529 || error.status == 503 ? "overloaded_error" : "api_error"
        }
    }

    /// Anthropic's error body: `{"type":"error","error":{"type":…,"message":…}}`.
    package static func errorBody(_ error: GatewayError) -> JSONObject {
        ["type": "error", "error": ["type": .string(errorType(error)), "message": .string(error.message)]]
    }
}
