import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardEngine

/// `GET /v1/models`, `/v1/models/{id}` and `/model/info`: the model groups and their deployments.
enum ModelRoutes {
    /// The `created` timestamp of listed models; LiteLLM reports a fixed one too.
    static let created = 1_677_610_602

    static func register(on router: RouterGroup<GatewayContext>, gateway: Gateway) {
        // A virtual key sees the model groups it may use, as in LiteLLM.
        let list: @Sendable (Request, GatewayContext) async throws -> Response = { _, context in
            var names = gateway.router.modelGroups.listedNames
            if let access = gateway.access, context.caller.key != nil {
                names = names.filter { access.mayUse(context.caller, model: $0) }
            }
            let data = names.map { JSONValue.object(model($0)) }
            return json(["object": "list", "data": .array(data)])
        }
        router.get("/v1/models", use: list)
        router.get("/models", use: list)
        let retrieve: @Sendable (Request, GatewayContext) async throws -> Response = { _, context in
            let id = context.parameters.getCatchAll().joined(separator: "/")
            guard gateway.router.deployments(of: id) != nil else { throw GatewayError.modelNotFound(id) }
            return json(.object(model(id)))
        }
        router.get("/v1/models/**", use: retrieve)
        router.get("/models/**", use: retrieve)
        let info: @Sendable (Request, GatewayContext) async throws -> Response = { request, _ in
            let filter = request.uri.queryParameters.get("litellm_model_id")
            let deployments = gateway.configuration.deployments.filter { filter == nil || $0.id == filter }
            return json(["data": .array(deployments.map { .object(modelInfo($0)) })])
        }
        router.get("/model/info", use: info)
        router.get("/v1/model/info", use: info)
    }

    static func model(_ name: String) -> JSONObject {
        ["id": .string(name), "object": "model", "created": .number(JSONNumber(created)), "owned_by": "openai"]
    }

    /// One deployment as `/model/info` shows it; credentials and header values are never included.
    static func modelInfo(_ deployment: Deployment) -> JSONObject {
        var params = JSONObject()
        params["model"] = .string(deployment.qualifiedModel)
        params["api_base"] = deployment.apiBase.map(JSONValue.string)
        params["api_version"] = deployment.apiVersion.map(JSONValue.string)
        params["timeout"] = deployment.timeout.map { .number(JSONNumber($0)) }
        params["stream_timeout"] = deployment.streamTimeout.map { .number(JSONNumber($0)) }
        params["rpm"] = deployment.rpm.map { .number(JSONNumber($0)) }
        params["tpm"] = deployment.tpm.map { .number(JSONNumber($0)) }
        params["weight"] = deployment.weight.map { .number(JSONNumber($0)) }
        params["order"] = deployment.order.map { .number(JSONNumber($0)) }
        params["num_retries"] = deployment.numRetries.map { .number(JSONNumber($0)) }
        var info = deployment.modelInfo.extra
        info["id"] = .string(deployment.id)
        info["mode"] = deployment.modelInfo.mode.map(JSONValue.string)
        info["max_input_tokens"] = deployment.modelInfo.maxInputTokens.map { .number(JSONNumber($0)) }
        info["max_output_tokens"] = deployment.modelInfo.maxOutputTokens.map { .number(JSONNumber($0)) }
        info["base_model"] = deployment.modelInfo.baseModel.map(JSONValue.string)
        info["input_cost_per_token"] = deployment.inputCostPerToken.map { .number(JSONNumber($0)) }
        info["output_cost_per_token"] = deployment.outputCostPerToken.map { .number(JSONNumber($0)) }
        info["litellm_provider"] = .string(deployment.provider)
        return ["model_name": .string(deployment.modelName), "litellm_params": .object(params), "model_info": .object(info)]
    }

    /// A 200 JSON response.
    static func json(_ value: JSONValue) -> Response {
        var buffer = ByteBuffer()
        value.write(to: &buffer)
        return Response(status: .ok, headers: ResponseHeaders.json, body: ResponseBody(byteBuffer: buffer))
    }
}
