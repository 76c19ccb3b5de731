import SwitchyardConfig
import SwitchyardProviders

extension HTTPUpstreamTransport {
    /// The HTTP transport a config asks for: TLS verification from `litellm_settings.ssl_verify`, with the
    /// environment's `SSL_VERIFY` and `SSL_CERT_FILE` over it as in LiteLLM (``TLSVerification/resolve(configured:environment:)``).
    /// Throws a ``ConfigError`` naming the setting when the CA bundle cannot be loaded.
    public static func make(for config: GatewayConfig, environment: [String: String]) throws(ConfigError) -> HTTPUpstreamTransport {
        var configuration = Configuration()
        let verification = TLSVerification.resolve(configured: config.litellm.sslVerify, environment: environment)
        switch verification {
        case .system: break
        case .off: configuration.verifyCertificates = false
        case .caFile(let path): configuration.caFile = path
        }
        do {
            return try HTTPUpstreamTransport(configuration: configuration)
        } catch {
            let source = config.litellm.sslVerify.map { _ in "litellm_settings.ssl_verify" } ?? "SSL_VERIFY / SSL_CERT_FILE"
            throw ConfigError(issues: [ConfigIssue(path: source, message: "the CA bundle could not be loaded: \(error)")])
        }
    }
}
