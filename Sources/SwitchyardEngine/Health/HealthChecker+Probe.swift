import SwitchyardCore
import SwitchyardProviders

extension HealthChecker {
    /// The text every probe sends: one short word, so a check costs a handful of tokens.
    package static let probeText = "ping"

    /// What a check of `deployment` sends, by `model_info.mode`:
    ///
    /// | mode | endpoint | body |
    /// | --- | --- | --- |
    /// | `embedding` | `/embeddings` | `{"input": "ping"}` |
    /// | `completion` | `/completions` | `{"prompt": "ping", "max_tokens": 1}` |
    /// | `chat`, unset, anything else | `/chat/completions` | `{"messages": [{"role": "user", "content": "ping"}], "max_tokens": 1}` |
    ///
    /// The adapter sets `model` and translates the body for its dialect, as for any request.
    package static func probe(for deployment: Deployment) -> (GatewayEndpoint, JSONObject) {
        let text = JSONValue.string(probeText)
        switch deployment.modelInfo.mode {
        case "embedding":
            return (.embeddings, ["model": .string(deployment.upstreamModel), "input": text])
        case "completion":
            return (.completions, ["model": .string(deployment.upstreamModel), "prompt": text, "max_tokens": 1])
        default:
            let message: JSONObject = ["role": "user", "content": text]
            return (.chatCompletions, ["model": .string(deployment.upstreamModel), "messages": [.object(message)], "max_tokens": 1])
        }
    }

    /// The deployment as it is checked: a wildcard's `*` replaced by `model_info.health_check_model`,
    /// and the health check timeout in place of its own; nil when a wildcard has no model to check.
    package static func target(for deployment: Deployment) -> Deployment? {
        var target = deployment
        if target.upstreamModel.contains("*"), let model = deployment.modelInfo.healthCheckModel, !model.isEmpty {
            let prefix = deployment.provider + "/"
            target.upstreamModel = model.hasPrefix(prefix) ? String(model.dropFirst(prefix.count)) : model
        }
        guard !target.upstreamModel.contains("*") else { return nil }
        let seconds = timeout(for: deployment)
        target.timeout = seconds
        target.streamTimeout = seconds
        return target
    }

    /// Seconds a check of `deployment` may take: `model_info.health_check_timeout` (at most an hour, so
    /// a huge value cannot overflow `Duration`), else its `timeout` capped at ``maximumTimeout``.
    package static func timeout(for deployment: Deployment) -> Double {
        if let explicit = deployment.modelInfo.healthCheckTimeout, explicit > 0 { return min(explicit, 3600) }
        guard let own = deployment.timeout, own > 0 else { return maximumTimeout }
        return min(own, maximumTimeout)
    }
}
