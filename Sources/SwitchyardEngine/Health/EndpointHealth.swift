import SwitchyardCore

/// The result of one deployment's health check, as `/health` lists it.
///
/// It carries what identifies the deployment and never a credential: no key, no header value, and an
/// `api_base` without user info or query (some providers take a key in the query string).
public struct EndpointHealth: Sendable, Equatable {
    /// `provider/model` as checked (`litellm_params.model`, or the wildcard's `health_check_model`).
    public var model: String
    /// The model group (`model_name`).
    public var modelName: String
    /// The deployment id (`model_info.id`).
    public var modelID: String
    /// The deployment's `api_base`, credentials stripped; nil when it uses the provider's default.
    public var apiBase: String?
    /// Why the check failed (the gateway error's message, credentials redacted); nil when it passed.
    public var error: String?

    /// A result; `error` nil means healthy.
    public init(model: String, modelName: String, modelID: String, apiBase: String?, error: String?) {
        self.model = model
        self.modelName = modelName
        self.modelID = modelID
        self.apiBase = apiBase
        self.error = error
    }

    /// Whether the check passed.
    public var isHealthy: Bool { error == nil }

    /// The endpoint object of the `/health` answer.
    public var json: JSONObject {
        var object: JSONObject = [
            "model": .string(model),
            "model_name": .string(modelName),
            "model_id": .string(modelID),
            "api_base": apiBase.map(JSONValue.string) ?? .null,
        ]
        if let error { object["error"] = .string(error) }
        return object
    }
}

extension EndpointHealth {
    /// `base` without `user:password@` and without its query and fragment, which may carry credentials.
    package static func displayedBase(_ base: String?) -> String? {
        guard var base else { return nil }
        if let cut = base.firstIndex(where: { $0 == "?" || $0 == "#" }) { base = String(base[..<cut]) }
        guard let scheme = base.range(of: "://") else { return base }
        let authorityEnd = base[scheme.upperBound...].firstIndex(of: "/") ?? base.endIndex
        if let at = base[scheme.upperBound..<authorityEnd].lastIndex(of: "@") {
            base.removeSubrange(scheme.upperBound...at)
        }
        return base
    }

    /// `message` with every credential of `deployment` replaced by `<redacted>`: an upstream may echo
    /// the key it was sent, and the answer of `/health` must never carry it.
    package static func redacting(_ message: String, of deployment: Deployment) -> String {
        var secrets = deployment.headers.map(\.value)
        if let key = deployment.apiKey?.reveal() { secrets.append(key) }
        var redacted = message
        // Very short values ("1", "on") would shred the message and are not credentials.
        for secret in secrets where secret.count >= 8 {
            redacted = redacted.replacing(secret, with: "<redacted>")
        }
        return redacted
    }
}
