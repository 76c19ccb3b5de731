/// The one error type of the request path: every failure a client can see is one of these.
///
/// The ``Kind`` decides the HTTP status, the OpenAI error `type`, whether a retry may help and
/// whether a deployment cools down. Those decisions read the kind, never the message; metric labels
/// come from ``Kind/rawValue``, never from free text.
public struct GatewayError: Error, Sendable, Equatable {
    /// What went wrong, as far as routing and rendering care.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The request is malformed or asks for something impossible (400).
        case badRequest = "bad_request"
        /// No key, or a key that is not valid (401).
        case authentication
        /// A valid key that may not do this (403).
        case permissionDenied = "permission_denied"
        /// The model, deployment or route does not exist (404).
        case notFound = "not_found"
        /// The request body is over the configured size limit (413).
        case requestTooLarge = "request_too_large"
        /// The request is well-formed but cannot be processed, e.g. an unsupported parameter (422).
        case unprocessable
        /// Too many requests, here or upstream (429); may carry a retry-after.
        case rateLimited = "rate_limited"
        /// The upstream did not answer in time (408).
        case timeout
        /// The prompt does not fit the model's context window (400).
        case contextWindowExceeded = "context_window_exceeded"
        /// The upstream refused the content (400).
        case contentPolicy = "content_policy"
        /// The upstream could not be reached, or answered with something that is not a response (502).
        case upstreamUnavailable = "upstream_unavailable"
        /// The upstream failed with a server error (its own 5xx status is kept).
        case upstreamError = "upstream_error"
        /// A key, user or team is over its budget (400, like LiteLLM).
        case budgetExceeded = "budget_exceeded"
        /// Every deployment that was tried failed; ``GatewayError/attempts`` holds each one's error.
        case allDeploymentsFailed = "all_deployments_failed"
        /// A bug or an impossible state inside Switchyard (500).
        case internalError = "internal_error"
    }

    /// What went wrong.
    public var kind: Kind
    /// A human-readable message; it may quote the upstream's message, never a credential.
    public var message: String
    /// The request parameter at fault, if one is.
    public var param: String?
    /// A machine-readable code (`model_not_found`, `invalid_api_key`, …).
    public var code: String?
    /// The HTTP status sent to the client.
    public var status: Int
    /// Seconds the client should wait before trying again (429, 503). Only a finite, non-negative value is
    /// kept: it often comes from an upstream's `Retry-After` header, and `nan` or `inf` there must not reach
    /// the arithmetic of cooldowns and retries (where converting it to whole milliseconds would trap).
    public var retryAfter: Double? {
        didSet {
            if let seconds = retryAfter, Self.usable(retryAfter: seconds) == nil { retryAfter = nil }
        }
    }
    /// For ``Kind/allDeploymentsFailed``: the error of each attempt, in order.
    public var attempts: [GatewayError]
    /// Extra response headers (`x-ratelimit-*` on a rate-limit refusal); lowercase names.
    public var headers: [String: String] = [:]

    /// `seconds` if it can wait on: finite and not negative.
    static func usable(retryAfter seconds: Double) -> Double? {
        seconds.isFinite && seconds >= 0 ? seconds : nil
    }

    /// An error of `kind`, with the kind's default status unless `status` is given.
    public init(
        _ kind: Kind,
        _ message: String,
        param: String? = nil,
        code: String? = nil,
        status: Int? = nil,
        retryAfter: Double? = nil,
        attempts: [GatewayError] = []
    ) {
        self.kind = kind
        self.message = message
        self.param = param
        self.code = code
        self.status = status ?? kind.defaultStatus
        self.retryAfter = retryAfter.flatMap(Self.usable(retryAfter:))
        self.attempts = attempts
    }
}

extension GatewayError.Kind {
    /// The status a client sees for this kind when no upstream status is kept.
    public var defaultStatus: Int {
        switch self {
        case .badRequest, .contextWindowExceeded, .contentPolicy, .budgetExceeded: 400
        case .authentication: 401
        case .permissionDenied: 403
        case .notFound: 404
        case .timeout: 408
        case .requestTooLarge: 413
        case .unprocessable: 422
        case .rateLimited: 429
        case .internalError: 500
        case .upstreamUnavailable: 502
        case .upstreamError: 500
        case .allDeploymentsFailed: 503
        }
    }

    /// The kind an upstream HTTP error status maps to, before any body-specific refinement.
    public static func forUpstreamStatus(_ status: Int) -> GatewayError.Kind {
        switch status {
        case 400: .badRequest
        case 401: .authentication
        case 403: .permissionDenied
        case 404: .notFound
        case 408: .timeout
        case 413: .requestTooLarge
        case 422: .unprocessable
        case 429: .rateLimited
        default: status >= 500 ? .upstreamError : .badRequest
        }
    }
}

extension GatewayError {
    /// The OpenAI error `type` for this error's status, as the official SDKs and LiteLLM clients expect.
    public var openAIType: String {
        switch kind {
        case .budgetExceeded: return "budget_exceeded"
        case .contextWindowExceeded, .contentPolicy: return "invalid_request_error"
        default: break
        }
        switch status {
        case 400, 413, 422: return "invalid_request_error"
        case 401: return "authentication_error"
        case 403: return "permission_error"
        case 404: return "not_found_error"
        case 408: return "timeout_error"
        case 429: return "rate_limit_error"
        case 500..<600: return "api_error"
        default: return "invalid_request_error"
        }
    }

    /// The body the client receives: `{"error":{"message","type","param","code"}}`.
    public var body: JSONValue {
        var error = JSONObject()
        error["message"] = .string(message)
        error["type"] = .string(openAIType)
        error["param"] = param.map(JSONValue.string) ?? .null
        error["code"] = .string(code ?? String(status))
        return ["error": .object(error)]
    }
}

extension GatewayError: CustomStringConvertible {
    /// `kind (status): message` — safe to log: messages never hold credentials.
    public var description: String { "\(kind.rawValue) (\(status)): \(message)" }
}
