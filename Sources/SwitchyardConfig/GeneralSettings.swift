import SwitchyardCore

/// `general_settings`: settings of the server itself.
public struct GeneralSettings: Sendable, Hashable {
    /// The admin key (`master_key`, or `LITELLM_MASTER_KEY` from the environment as LiteLLM falls back to).
    /// `nil` means no authentication.
    public var masterKey: Secret?
    /// Largest request body accepted, in megabytes (`max_request_size_mb`).
    public var maxRequestSizeMB: Double
    /// Check every deployment in the background and take unhealthy ones out of rotation
    /// (`background_health_checks`); `/health` then serves the latest results.
    public var backgroundHealthChecks: Bool
    /// Seconds between two background health checks of the deployments (`health_check_interval`).
    public var healthCheckInterval: Double
    /// Where keys, teams, budgets and spend are stored (`database_url`, else `DATABASE_URL` from the
    /// environment): a `postgresql://` or `sqlite://` URL. `nil` means the default, `./switchyard.db`.
    public var databaseURL: Secret?
    /// Keep serving keys that are already cached while the database is down (`allow_requests_on_db_unavailable`).
    public var allowRequestsOnDBUnavailable = false
    /// The HTTP status of a `budget_exceeded` error (`budget_exceeded_status_code`; LiteLLM answers 400).
    public var budgetExceededStatusCode = 400
    /// Write only the spend totals of keys, teams, users and customers, no spend log rows (`disable_spend_logs`).
    public var disableSpendLogs = false
    /// Seconds between two batched spend writes (`proxy_batch_write_at`; LiteLLM's default is 10, ours 1).
    public var spendBatchWriteInterval: Double = 1

    /// Settings with LiteLLM's defaults.
    public init(
        masterKey: Secret? = nil,
        maxRequestSizeMB: Double = 32,
        backgroundHealthChecks: Bool = false,
        healthCheckInterval: Double = 300
    ) {
        self.masterKey = masterKey
        self.maxRequestSizeMB = maxRequestSizeMB
        self.backgroundHealthChecks = backgroundHealthChecks
        self.healthCheckInterval = healthCheckInterval
    }
}
