import NIOCore
import SwitchyardCore

extension SimulatorBedrock {
    /// An error answer in Bedrock's shape: `{"message": …}`, the exception name in `x-amzn-ErrorType`.
    struct APIError: Error, Equatable {
        var status: Int
        var type: String
        var message: String
        var retryAfterSeconds: Int?

        /// A `ValidationException` (400).
        static func validation(_ message: String) -> APIError {
            APIError(status: 400, type: "ValidationException", message: message)
        }

        /// The error a fault injects, named as Bedrock names the exception of that status.
        static func injected(_ failure: FaultOutcome.Failure) -> APIError {
            let type =
                switch failure.status {
                case 400: "ValidationException"
                case 401, 403: "AccessDeniedException"
                case 404: "ResourceNotFoundException"
                case 408: "ModelTimeoutException"
                case 424: "ModelErrorException"
                case 429: "ThrottlingException"
                case 503: "ServiceUnavailableException"
                default: "InternalServerException"
                }
            return APIError(
                status: failure.status, type: type,
                message: "Simulated error \(failure.status), injected by the model name or an x-sim-* header.",
                retryAfterSeconds: failure.retryAfterSeconds)
        }
    }

    /// `error` as a decision sent after `latency`.
    static func decision(for error: APIError, requestID: String, after latency: Duration) -> SimulatorDecision {
        var headers = [
            (name: "content-type", value: "application/json"), (name: "x-amzn-requestid", value: requestID),
            (name: "x-amzn-errortype", value: "\(error.type):http://internal.amazon.com/coral/com.amazon.bedrock/"),
        ]
        if let retryAfter = error.retryAfterSeconds {
            headers.append((name: "retry-after", value: String(retryAfter)))
        }
        let body: JSONValue = ["message": .string(error.message)]
        return SimulatorDecision(head: .after(latency), status: error.status, headers: headers, body: .complete(ByteBuffer(json: body)))
    }
}
