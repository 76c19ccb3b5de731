import ServiceLifecycle
import SwitchyardEngine

extension GatewayApplication {
    /// The long-lived services `gateway` needs besides the HTTP server: the background health checks
    /// when `general_settings.background_health_checks` is on, and the key store's spend writer and
    /// budget-reset job when virtual keys are on.
    public static func services(for gateway: Gateway) -> [any Service] {
        var services: [any Service] = []
        if gateway.configuration.backgroundHealthChecks { services.append(HealthCheckService(gateway: gateway)) }
        if let access = gateway.access {
            services.append(
                KeyMaintenanceService(access: access, spendInterval: gateway.configuration.spendBatchWriteInterval, logger: gateway.logger)
            )
        }
        return services
    }
}
