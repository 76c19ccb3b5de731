import NIOCore
import SwitchyardCore

extension SimulatorGemini {
    /// An error answer in Google's shape: `{"error":{"code","message","status","details"}}`.
    struct APIError: Error, Equatable {
        var status: Int
        var message: String
        var retryAfterSeconds: Int?

        /// The canonical `google.rpc.Code` name Google sends with `status`.
        var canonical: String {
            switch status {
            case 400: "INVALID_ARGUMENT"
            case 401: "UNAUTHENTICATED"
            case 403: "PERMISSION_DENIED"
            case 404: "NOT_FOUND"
            case 409: "ABORTED"
            case 429: "RESOURCE_EXHAUSTED"
            case 499: "CANCELLED"
            case 501: "NOT_IMPLEMENTED"
            case 503: "UNAVAILABLE"
            case 504: "DEADLINE_EXCEEDED"
            case 500..<600: "INTERNAL"
            default: "FAILED_PRECONDITION"
            }
        }

        var body: JSONValue {
            var error: JSONObject = ["code": .number(JSONNumber(status)), "message": .string(message), "status": .string(canonical)]
            if let retryAfterSeconds {
                error["details"] = [["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": .string("\(retryAfterSeconds)s")]]
            }
            return ["error": .object(error)]
        }

        /// A malformed request (400 `INVALID_ARGUMENT`).
        static func invalid(_ message: String) -> APIError {
            APIError(status: 400, message: message)
        }

        /// The 400 Gemini sends for a prompt longer than the model's input limit.
        static func tokenLimit(window: Int, tokens: Int) -> APIError {
            APIError(status: 400, message: "The input token count (\(tokens)) exceeds the maximum number of tokens allowed (\(window)).")
        }

        /// The error a fault injects.
        static func injected(_ failure: FaultOutcome.Failure) -> APIError {
            APIError(
                status: failure.status, message: "Simulated error \(failure.status), injected by the model name or an x-sim-* header.",
                retryAfterSeconds: failure.retryAfterSeconds)
        }
    }

    /// `error` as a decision sent after `latency`.
    static func decision(for error: APIError, after latency: Duration) -> SimulatorDecision {
        var headers = [(name: "content-type", value: "application/json; charset=UTF-8")]
        if let retryAfter = error.retryAfterSeconds { headers.append((name: "retry-after", value: String(retryAfter))) }
        return SimulatorDecision(head: .after(latency), status: error.status, headers: headers, body: .complete(ByteBuffer(json: error.body)))
    }
}
