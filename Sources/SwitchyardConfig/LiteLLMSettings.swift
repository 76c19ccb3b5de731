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

    /// Settings with LiteLLM's defaults.
    public init(dropParams: Bool = false, numRetries: Int? = nil, requestTimeout: Double? = nil) {
        self.dropParams = dropParams
        self.numRetries = numRetries
        self.requestTimeout = requestTimeout
    }
}
