import Foundation

/// `litellm_settings`: request-handling defaults that LiteLLM keeps as module globals.
///
/// `telemetry` is accepted and has no effect: Switchyard never phones home, so there is nothing to turn off. The
/// router keys LiteLLM reads from here (`num_retries`, `request_timeout`, `allowed_fails`, the fallback lists,
/// `max_fallbacks`) are merged into ``GatewayConfig/router``, which is where the router reads them.
public struct LiteLLMSettings: Sendable, Hashable {
    /// Drop request parameters a provider cannot take instead of rejecting the request (`drop_params`).
    public var dropParams: Bool
    /// Default retries when `router_settings.num_retries` is not set (`num_retries`).
    public var numRetries: Int?
    /// Default seconds per upstream call when a deployment sets no `timeout` (`request_timeout`).
    public var requestTimeout: Double?
    /// A budget (USD) for the whole proxy (`max_budget`): requests are refused once total spend reaches it.
    public var maxBudget: Double?
    /// How often the proxy budget resets (`budget_duration`: `30s`, `1d`, `1mo`, …); `nil` never.
    public var budgetDuration: String?
    /// The budget of every customer that has none of its own (`max_end_user_budget`).
    public var maxEndUserBudget: Double?
    /// How upstream TLS certificates are checked (`ssl_verify`: `true`, `false`, or the path of a CA bundle);
    /// `nil` when not set. The environment's `SSL_VERIFY` wins over it, as in LiteLLM.
    public var sslVerify: TLSVerification?

    /// Settings with LiteLLM's defaults.
    public init(dropParams: Bool = false, numRetries: Int? = nil, requestTimeout: Double? = nil) {
        self.dropParams = dropParams
        self.numRetries = numRetries
        self.requestTimeout = requestTimeout
    }
}

/// How upstream TLS certificates are verified: LiteLLM's `ssl_verify` (and `SSL_VERIFY` / `SSL_CERT_FILE`).
public enum TLSVerification: Sendable, Hashable {
    /// Against the system's trust store (or `SSL_CERT_FILE` when set).
    case system
    /// Not at all (`ssl_verify: false`): for test setups with self-signed certificates only.
    case off
    /// Against the CA certificates in this PEM file (`ssl_verify: /path/to/ca.pem`).
    case caFile(String)

    /// The effective setting: `SSL_VERIFY` (`true`, `false`, or a path) over `configured`, then
    /// `SSL_CERT_FILE` as the CA bundle when verification is on without a file of its own.
    public static func resolve(configured: TLSVerification?, environment: [String: String]) -> TLSVerification {
        var verification = configured ?? .system
        if let text = environment["SSL_VERIFY"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            switch text.lowercased() {
            case "true", "1", "yes": verification = .system
            case "false", "0", "no": verification = .off
            default: verification = .caFile(text)
            }
        }
        if case .system = verification, let file = environment["SSL_CERT_FILE"], !file.isEmpty {
            verification = .caFile(file)
        }
        return verification
    }
}
