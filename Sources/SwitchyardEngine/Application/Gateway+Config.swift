import SwitchyardConfig
import SwitchyardCore
import SwitchyardProviders
import SwitchyardRouting

extension Gateway.Configuration {
    /// The gateway configuration for a loaded `config.yaml`.
    ///
    /// Each deployment is resolved against `catalog` (default base URL, key from the provider's standard
    /// variable). A deployment whose provider is not supported yet is left out and reported in the
    /// returned notices, so `check-config` and the start-up log say so instead of dropping it silently.
    public static func make(
        from config: GatewayConfig,
        catalog: ProviderCatalog = .standard,
        defaultTransport: any UpstreamTransport,
        transports: [String: any UpstreamTransport] = [:]
    ) -> (configuration: Gateway.Configuration, notices: [ConfigIssue]) {
        var configuration = Gateway.Configuration(defaultTransport: defaultTransport)
        var notices: [ConfigIssue] = []
        configuration.masterKey = config.general.masterKey
        let megabytes = config.general.maxRequestSizeMB
        configuration.maxRequestBytes = megabytes > 0 && megabytes < 1_000_000 ? Int(megabytes * 1024 * 1024) : Gateway.defaultMaxRequestBytes
        configuration.router = routerSettings(from: config)
        configuration.defaultPriority = config.router.defaultPriority ?? RouteOptions.defaultPriority
        configuration.transports = transports
        configuration.backgroundHealthChecks = config.general.backgroundHealthChecks
        configuration.healthCheckInterval = config.general.healthCheckInterval
        configuration.spendBatchWriteInterval = config.general.spendBatchWriteInterval
        let defaultTimeout = config.router.timeout ?? config.litellm.requestTimeout
        for (index, deployment) in config.deployments.enumerated() {
            switch catalog.resolve(deployment, environment: config.environment) {
            case .success(var resolved):
                if resolved.timeout == nil { resolved.timeout = defaultTimeout }
                resolved.dropParams = resolved.dropParams || config.litellm.dropParams
                if resolved.streamTimeout == nil { resolved.streamTimeout = config.router.streamTimeout }
                configuration.deployments.append(resolved)
                if configuration.adapters[resolved.provider] == nil, let spec = catalog.spec(for: resolved.provider) {
                    configuration.adapters[resolved.provider] = catalog.makeAdapter(for: spec)
                }
            case .failure(let problem):
                notices.append(ConfigIssue(path: "model_list[\(index)].litellm_params.model", message: problem.description))
            }
        }
        return (configuration, notices)
    }
}

extension Gateway.Configuration {
    /// The router's settings from `router_settings` (and the router keys LiteLLM also reads from `litellm_settings`).
    package static func routerSettings(from config: GatewayConfig) -> Router.Settings {
        let router = config.router
        var arguments = JSONObject()
        arguments["lowest_latency_buffer"] = router.routingStrategyArgs.lowestLatencyBuffer.map { .number(JSONNumber($0)) }
        arguments["ttl"] = router.routingStrategyArgs.ttl.map { .number(JSONNumber($0)) }
        arguments["max_latency_list_size"] = router.routingStrategyArgs.maxLatencyListSize.map { .number(JSONNumber($0)) }
        var settings = Router.Settings()
        settings.strategy = RoutingStrategies.make(name: router.routingStrategy, arguments: arguments) ?? SimpleShuffleStrategy()
        settings.stats = DeploymentStats.Configuration(routingStrategyArguments: arguments)
        var retriesByClass: [RetryPolicy.ErrorClass: Int] = [:]
        for errorClass in LiteLLMErrorClass.retryClasses {
            retriesByClass[errorClass] = router.retryPolicy[errorClass: errorClass]
        }
        settings.retry = RetryPolicy(
            numRetries: router.numRetries ?? config.litellm.numRetries ?? 0,
            byErrorClass: retriesByClass,
            minimumWait: router.retryAfter ?? 0
        )
        var allowedByClass: [CooldownPolicy.FailureClass: Int] = [:]
        for failureClass in LiteLLMErrorClass.allowedFailsClasses {
            allowedByClass[failureClass] = router.allowedFailsPolicy[errorClass: failureClass]
        }
        settings.cooldown = CooldownPolicy(
            allowedFails: router.allowedFails,
            allowedFailsByClass: allowedByClass,
            cooldownTime: router.cooldownTime ?? 5,
            disabled: router.disableCooldowns
        )
        settings.fallbacks = FallbackSettings(
            general: router.fallbacks,
            contextWindow: router.contextWindowFallbacks,
            contentPolicy: router.contentPolicyFallbacks,
            defaults: router.defaultFallbacks,
            maxFallbacks: router.maxFallbacks ?? 5
        )
        settings.aliases = router.modelGroupAlias.mapValues { ModelAlias(target: $0.model, hidden: $0.hidden) }
        settings.enablePreCallChecks = router.enablePreCallChecks
        settings.defaultMaxParallelRequests = router.defaultMaxParallelRequests
        return settings
    }
}
