import NIOCore
import SwitchyardCore

extension AnthropicAdapter: AnthropicMessagesPassThrough {
    public func makeRequest(
        _ endpoint: GatewayEndpoint,
        body: JSONObject,
        deployment: Deployment,
        streaming: Bool
    ) throws(GatewayError) -> UpstreamRequest {
        guard endpoint == .chatCompletions else {
            throw GatewayError(
                .badRequest,
                "Anthropic serves chat completions only; /\(endpoint.rawValue) is not available for this deployment.",
                code: "unsupported_endpoint"
            )
        }
        let messagesBody = try Self.messagesBody(from: body, deployment: deployment, streaming: streaming)
        return try request(sending: messagesBody, deployment: deployment, streaming: streaming)
    }

    /// The request for a body already in Anthropic's Messages format (a client of `/v1/messages` routed to
    /// an Anthropic deployment): passed through with only `model` replaced, so nothing the translation
    /// cannot carry (cache control, thinking signatures, documents, citations, server tools) is lost.
    public func makeNativeRequest(_ messages: JSONObject, deployment: Deployment, streaming: Bool) throws(GatewayError) -> UpstreamRequest {
        var body = messages
        body["model"] = .string(deployment.upstreamModel)
        body["stream"] = streaming ? true : nil
        return try request(sending: body, deployment: deployment, streaming: streaming)
    }

    /// The HTTP request carrying `messagesBody`: URL, version and key headers, configured headers, timeout.
    func request(sending messagesBody: JSONObject, deployment: Deployment, streaming: Bool) throws(GatewayError) -> UpstreamRequest {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(512)
        JSONValue.object(messagesBody).write(to: &buffer)

        var headers: [(name: String, value: String)] = [
            ("content-type", "application/json"),
            ("accept", streaming ? "text/event-stream" : "application/json"),
            ("anthropic-version", Self.apiVersion),
        ]
        if let key = deployment.apiKey?.reveal(), !key.isEmpty {
            headers.append(("x-api-key", key))
        }
        // Configured headers win: `anthropic-beta` for beta features, another `anthropic-version`, a proxy's auth.
        for header in deployment.headers {
            headers.removeAll { $0.name.lowercased() == header.name.lowercased() }
            headers.append(header)
        }
        let timeout = (streaming ? deployment.streamTimeout : nil) ?? deployment.timeout ?? OpenAIAdapter.defaultTimeout
        return UpstreamRequest(
            method: "POST",
            url: try url(for: deployment),
            headers: headers,
            body: buffer,
            timeout: timeout,
            streaming: streaming
        )
    }

    /// `{base}/messages`. LiteLLM configs often give the host alone (`https://api.anthropic.com`), so a base
    /// that ends neither in `/v1` nor in `/messages` gets `/v1/messages`, as LiteLLM appends it.
    func url(for deployment: Deployment) throws(GatewayError) -> String {
        guard var base = deployment.apiBase ?? spec.defaultBase else {
            throw GatewayError(.internalError, "Deployment \(deployment.id) has no api_base.")
        }
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/messages") { return base }
        if base.hasSuffix("/v1") { return base + "/messages" }
        return base + "/v1/messages"
    }

    /// OpenAI parameters Anthropic has no equivalent for: a 400 naming them, unless `drop_params`.
    static let unsupportedParameters: Set<String> = [
        "logprobs", "top_logprobs", "logit_bias", "presence_penalty", "frequency_penalty", "seed", "modalities",
        "audio", "prediction", "store", "service_tier", "functions", "function_call", "web_search_options",
        "verbosity", "prompt_cache_key", "safety_identifier",
    ]

    /// The Messages API body for an OpenAI chat completion body.
    ///
    /// Members come out as `model`, `system`, `messages`, `max_tokens`, then the rest in the client's
    /// order. Fields OpenAI does not define pass through unchanged, so Anthropic's own parameters work.
    static func messagesBody(from body: JSONObject, deployment: Deployment, streaming: Bool) throws(GatewayError) -> JSONObject {
        let conversation = try AnthropicConversation(messages: body["messages"]?.arrayValue ?? [])
        var rest = JSONObject()
        var unsupported: [String] = []
        var maxTokens: JSONValue?
        var thinking: JSONValue?
        var tools: [JSONValue] = []
        var toolChoice: JSONObject?
        var jsonTool: JSONValue?
        for (key, value) in body where !value.isNull {
            switch key {
            case "model", "messages", "stream", "stream_options": continue
            case "max_tokens", "max_completion_tokens": maxTokens = value
            case "stop":
                let stops = value.stringValue.map { [JSONValue.string($0)] } ?? value.arrayValue ?? []
                if !stops.isEmpty { rest["stop_sequences"] = .array(stops) }
            case "user":
                // Anthropic rejects e-mail addresses as user ids (LiteLLM leaves them out for the same reason).
                if let user = value.stringValue, !user.contains("@") { rest["metadata"] = ["user_id": .string(user)] }
            case "metadata":
                // OpenAI's metadata tags stored completions (LiteLLM's its logs); only a user id has a place upstream.
                if rest["metadata"] == nil, let user = value.objectValue?["user_id"]?.stringValue { rest["metadata"] = ["user_id": .string(user)] }
            case "tools": tools = try AnthropicTools.tools(value)
            case "tool_choice", "parallel_tool_calls":
                toolChoice = try AnthropicTools.toolChoice(body["tool_choice"], parallelToolCalls: body["parallel_tool_calls"]?.boolValue)
            case "response_format": jsonTool = try AnthropicTools.responseFormatTool(value)
            case "thinking": thinking = value
            case "reasoning_effort": if body["thinking"] == nil { thinking = try thinkingBudget(forEffort: value) }
            case "n": if value.intValue != 1 { unsupported.append(key) }
            default:
                if unsupportedParameters.contains(key) { unsupported.append(key) } else { rest[key] = value }
            }
        }
        try UnsupportedParameters.check(unsupported, provider: "Anthropic", dropParams: deployment.dropParams)

        let thinkingEnabled = thinking?.objectValue?["type"]?.stringValue == "enabled"
        if let jsonTool {
            tools.append(jsonTool)
            // A forced tool cannot be combined with extended thinking, so the model is only asked to use it then.
            if !thinkingEnabled { toolChoice = ["type": "tool", "name": .string(jsonToolName)] }
        }
        var out = JSONObject()
        out["model"] = .string(deployment.upstreamModel)
        if !conversation.system.isEmpty { out["system"] = .array(conversation.system) }
        out["messages"] = .array(conversation.messages)
        out["max_tokens"] = maxTokens ?? .number(JSONNumber(defaultMaxTokens(deployment: deployment, thinking: thinking)))
        if streaming { out["stream"] = true }
        for (key, value) in rest { out[key] = value }
        if !tools.isEmpty { out["tools"] = .array(tools) }
        if let toolChoice { out["tool_choice"] = .object(toolChoice) }
        if let thinking { out["thinking"] = thinking }
        return out
    }

    /// `max_tokens` when the client sent none: `model_info.max_output_tokens`, else 4096; above a thinking
    /// budget, since Anthropic requires `max_tokens` to exceed `budget_tokens`.
    static func defaultMaxTokens(deployment: Deployment, thinking: JSONValue?) -> Int {
        let base = deployment.modelInfo.maxOutputTokens ?? defaultMaxTokens
        guard let budget = thinking?.objectValue?["budget_tokens"]?.intValue, budget >= base else { return base }
        return budget + defaultMaxTokens
    }

    /// `thinking` for OpenAI's `reasoning_effort`, with LiteLLM's budgets: low 1024, medium 2048, high 4096
    /// tokens (`minimal` gets Anthropic's smallest budget, 1024); `none` turns thinking off.
    static func thinkingBudget(forEffort value: JSONValue) throws(GatewayError) -> JSONValue? {
        let budget: Int
        switch value.stringValue {
        case "none"?: return nil
        case "minimal"?, "low"?: budget = 1024
        case "medium"?: budget = 2048
        case "high"?: budget = 4096
        default:
            throw GatewayError(
                .badRequest,
                "'reasoning_effort' must be one of none, minimal, low, medium or high for Anthropic.",
                param: "reasoning_effort",
                code: "invalid_request_body"
            )
        }
        return ["type": "enabled", "budget_tokens": .number(JSONNumber(budget))]
    }
}
