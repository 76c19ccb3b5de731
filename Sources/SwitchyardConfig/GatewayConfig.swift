import SwitchyardCore

/// A loaded, validated `config.yaml`: everything the gateway needs to start.
///
/// Built by ``ConfigLoader`` from LiteLLM's proxy config format, unchanged; settings Switchyard does not act on are
/// listed in ``notices`` rather than silently dropped.
public struct GatewayConfig: Sendable {
    /// One deployment per `model_list` entry, in file order (included files after the main file).
    public var deployments: [Deployment]
    /// `router_settings`, with the router keys LiteLLM also reads from `litellm_settings` merged in.
    public var router: RouterSettings
    /// `general_settings`.
    public var general: GeneralSettings
    /// `litellm_settings`.
    public var litellm: LiteLLMSettings
    /// The process environment given to the loader, plus the file's `environment_variables` for names the process
    /// did not set. Provider adapters read their standard variables (`OPENAI_API_KEY`, …) from here.
    public var environment: [String: String]
    /// What was accepted but not acted on, in document order.
    public var notices: [ConfigIssue]

    /// A config from its parts; tests and embedders use this, servers use ``ConfigLoader``.
    public init(
        deployments: [Deployment] = [],
        router: RouterSettings = RouterSettings(),
        general: GeneralSettings = GeneralSettings(),
        litellm: LiteLLMSettings = LiteLLMSettings(),
        environment: [String: String] = [:],
        notices: [ConfigIssue] = []
    ) {
        self.deployments = deployments
        self.router = router
        self.general = general
        self.litellm = litellm
        self.environment = environment
        self.notices = notices
    }
}
