import SwitchyardCore

extension SimulatorAnthropic {
    /// An error answer in Anthropic's wire shape, with the error type Anthropic documents for its status.
    struct APIError: Error, Equatable {
        var status: Int
        var message: String
        var retryAfterSeconds: Int?

        /// The documented `error.type` for `status`.
        var type: String {
            switch status {
            case 400: "invalid_request_error"
            case 401: "authentication_error"
            case 402: "billing_error"
            case 403: "permission_error"
            case 404: "not_found_error"
            case 413: "request_too_large"
            case 429: "rate_limit_error"
            case 504: "timeout_error"
            case 529: "overloaded_error"
            case 500..<600: "api_error"
            default: "invalid_request_error"
            }
        }

        func body(requestID: String) -> JSONValue {
            ["type": "error", "error": ["type": .string(type), "message": .string(message)], "request_id": .string(requestID)]
        }

        /// A problem with the request (400).
        static func invalid(_ message: String) -> APIError {
            APIError(status: 400, message: message)
        }

        /// The error a fault injects; 529 says `Overloaded`, as Anthropic does.
        static func injected(_ failure: FaultOutcome.Failure) -> APIError {
            let message =
                failure.status == 529
                ? "Overloaded" : "Simulated error \(failure.status), injected by the model name or an x-sim-* header."
            return APIError(status: failure.status, message: message, retryAfterSeconds: failure.retryAfterSeconds)
        }
    }
}
