import NIOCore
import SwitchyardCore

extension SimulatorOpenAI {
    /// An error answer in OpenAI's wire shape: `{"error":{"message","type","param","code"}}`.
    ///
    /// `type` follows what OpenAI sends for each status: `requests` for 429 (with code
    /// `rate_limit_exceeded`), `server_error` for 5xx, `invalid_request_error` for every other 4xx
    /// (401 with code `invalid_api_key`, 404 with `model_not_found` when injected).
    struct APIError: Error, Equatable {
        var status: Int
        var message: String
        var param: String?
        var code: String?
        var retryAfterSeconds: Int?

        /// The `type` OpenAI sends with `status`.
        var type: String {
            switch status {
            case 429: "requests"
            case 500..<600: "server_error"
            default: "invalid_request_error"
            }
        }

        var body: JSONValue {
            [
                "error": [
                    "message": .string(message),
                    "type": .string(type),
                    "param": param.map(JSONValue.string) ?? .null,
                    "code": code.map(JSONValue.string) ?? .null,
                ]
            ]
        }

        /// A `param` problem in the request body (400).
        static func invalid(_ message: String, param: String? = nil) -> APIError {
            APIError(status: 400, message: message, param: param)
        }

        /// The error a fault injects.
        static func injected(_ failure: FaultOutcome.Failure) -> APIError {
            let code: String? =
                switch failure.status {
                case 401: "invalid_api_key"
                case 404: "model_not_found"
                case 429: "rate_limit_exceeded"
                default: nil
                }
            return APIError(
                status: failure.status,
                message: "Simulated error \(failure.status), injected by the model name or an x-sim-* header.",
                code: code,
                retryAfterSeconds: failure.retryAfterSeconds
            )
        }
    }

    /// The answer for a path no dialect serves: 404, as OpenAI answers an unknown URL.
    static func unknownRoute(_ request: SimulatorRequest) -> SimulatorDecision {
        let error = APIError(status: 404, message: "Invalid URL (\(request.method.uppercased()) \(request.pathWithoutQuery))")
        return decision(for: error, requestID: "req_" + StableHash.of(request.path.utf8).hex, after: .zero)
    }

    /// The answer for a body over the server's size limit: 413.
    static func payloadTooLarge(limitBytes: Int) -> SimulatorResponse {
        let error = APIError(status: 413, message: "The request body is larger than the simulator's limit of \(limitBytes) bytes.")
        let headers = [(name: "content-type", value: "application/json")]
        return SimulatorResponse(status: 413, headers: headers, body: .complete(ByteBuffer(json: error.body)))
    }

    /// `error` as a decision sent after `latency`.
    static func decision(for error: APIError, requestID: String, after latency: Duration) -> SimulatorDecision {
        var headers = [(name: "content-type", value: "application/json"), (name: "x-request-id", value: requestID)]
        if let retryAfter = error.retryAfterSeconds {
            headers.append((name: "retry-after", value: String(retryAfter)))
        }
        return SimulatorDecision(head: .after(latency), status: error.status, headers: headers, body: .complete(ByteBuffer(json: error.body)))
    }
}
