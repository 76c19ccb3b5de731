import HTTPTypes
import SwitchyardCore
import SwitchyardRouting

extension ProxyRequest {
    /// Request-level routing parameters LiteLLM's proxy accepts in the body; they steer the gateway and
    /// are not sent upstream (an OpenAI-compatible API would reject them).
    package static let gatewayOnlyKeys = ["num_retries", "timeout", "stream_timeout", "fallbacks", "disable_fallbacks", "priority"]

    /// Reads and removes the gateway-only parameters from `body`, with the `x-litellm-num-retries` and
    /// `x-litellm-timeout` headers, which win over the body.
    package static func takeRoutingParameters(
        from body: inout JSONObject,
        headers: HTTPFields,
        stream: Bool,
        defaultPriority: Int
    ) throws(GatewayError) -> (options: RouteOptions, timeout: Double?) {
        var options = RouteOptions(stream: stream, estimatedInputTokens: TokenEstimate.inputTokens(of: body), priority: defaultPriority)
        if let value = body.removeValue(forKey: "num_retries"), !value.isNull {
            guard let count = value.intValue, count >= 0 else { throw invalid("num_retries", "a non-negative integer") }
            options.numRetries = count
        }
        if let header = headers[ProxyRequest.numRetriesHeader] {
            guard let count = Int(header), count >= 0 else { throw invalid("x-litellm-num-retries", "a non-negative integer") }
            options.numRetries = count
        }
        var timeout: Double?
        for key in ["timeout", "stream_timeout"] {
            if let value = body.removeValue(forKey: key), !value.isNull, key == "timeout" || stream {
                guard let seconds = value.doubleValue, seconds > 0, seconds.isFinite else { throw invalid(key, "a positive number of seconds") }
                timeout = min(seconds, Self.longestTimeout)
            }
        }
        if let header = headers[ProxyRequest.timeoutHeader] {
            guard let seconds = Double(header), seconds > 0, seconds.isFinite else {
                throw invalid("x-litellm-timeout", "a positive number of seconds")
            }
            timeout = min(seconds, Self.longestTimeout)
        }
        if let value = body.removeValue(forKey: "fallbacks"), !value.isNull {
            guard let list = value.arrayValue else { throw invalid("fallbacks", "a list of model names") }
            options.fallbacks = try list.map { element throws(GatewayError) in
                if let name = element.stringValue { return name }
                if let name = element.objectValue?["model"]?.stringValue { return name }
                throw invalid("fallbacks", "a list of model names")
            }
        }
        if let value = body.removeValue(forKey: "disable_fallbacks"), !value.isNull {
            guard let flag = value.boolValue else { throw invalid("disable_fallbacks", "a boolean") }
            options.disableFallbacks = flag
        }
        if let value = body.removeValue(forKey: "priority"), !value.isNull {
            guard let priority = value.intValue, (0...255).contains(priority) else { throw invalid("priority", "an integer from 0 to 255") }
            options.priority = priority
        }
        if let timeout { options.queueTimeout = timeout }
        return (options, timeout)
    }

    /// The longest timeout a request may ask for (a year): longer ones are cut to it, so no later
    /// conversion to whole milliseconds can overflow.
    package static let longestTimeout: Double = 365 * 24 * 3600

    package static func invalid(_ name: String, _ expected: String) -> GatewayError {
        GatewayError(.badRequest, "'\(name)' must be \(expected).", param: name, code: "invalid_request_body")
    }

    // Literal, valid header names: the initializer cannot fail on them.
    package static let numRetriesHeader = HTTPField.Name("x-litellm-num-retries")!
    package static let timeoutHeader = HTTPField.Name("x-litellm-timeout")!
}
