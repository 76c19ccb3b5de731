import NIOCore
import SwitchyardCore

/// The OpenAI dialect of the simulator: `/v1/chat/completions`, `/v1/completions`,
/// `/v1/embeddings` and `/v1/models`, also without `/v1` and in Azure's
/// `/openai/deployments/{d}/…` form.
///
/// Any key is accepted, from `Authorization` or Azure's `api-key`; a request with neither header
/// gets 401, a body that is not a JSON object gets 400, both in OpenAI's error shape.
struct SimulatorOpenAI: SimulatorDialect {
    /// What an endpoint answers with: one JSON document, or a stream of server-sent events.
    enum Answer {
        case json(JSONValue)
        case events([SimulatorDecision.Chunk])
    }

    /// One request, parsed as far as every endpoint needs.
    struct Exchange {
        /// The request body (empty for `GET`).
        var body: JSONObject
        /// The model echoed in answers: the body's `model`, else the Azure deployment, else the path's model id.
        var model: String
        /// A stable hash of the request, for ids: the same request always gets the same ids.
        var hash: String
        /// The `created` timestamp.
        var created: Int
        /// The pause before each streamed token.
        var tokenInterval: Duration
        /// The engine's settings.
        var configuration: SimulatorEngine.Configuration
    }

    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision? {
        guard let route = Route(path: request.pathWithoutQuery) else { return nil }
        let hash = Self.hash(of: request)
        func failed(_ error: APIError, after latency: Duration = .zero) -> SimulatorDecision {
            Self.decision(for: error, requestID: "req_" + hash, after: latency)
        }
        let body: JSONObject
        let model: String?
        do {
            (body, model) = try Self.admit(request, route)
        } catch {
            return failed(error)
        }
        let faults: FaultOutcome
        do {
            faults = try engine.faults(model: model, headers: request.headers)
        } catch {
            return failed(APIError.invalid("Invalid simulator header: \(error)", param: error.name))
        }
        if faults.hangs {
            let error = APIError(status: 408, message: "The simulated request timed out (the timeout fault never answers).")
            var decision = failed(error)
            decision.head = .never
            return decision
        }
        // The context window wins over a drawn failure: a provider rejects an oversized prompt before it fails on capacity.
        if let window = faults.contextWindow, let tokens = Self.promptTokens(route.endpoint, body), tokens > window {
            return failed(.contextLengthExceeded(window: window, tokens: tokens), after: faults.latency)
        }
        if let failure = faults.failure {
            return failed(.injected(failure), after: faults.latency)
        }
        let exchange = Exchange(
            body: body,
            model: model ?? "",
            hash: hash,
            created: engine.configuration.created,
            tokenInterval: faults.tokenInterval,
            configuration: engine.configuration
        )
        let answer: Answer
        do {
            answer = try Self.answer(route.endpoint, exchange)
        } catch {
            return failed(error, after: faults.latency)
        }
        return Self.decision(for: answer, requestID: "req_" + hash, latency: faults.latency).breaking(faults)
    }

    /// Checks method, key and body, in that order, as OpenAI does; returns the body and the model.
    private static func admit(_ request: SimulatorRequest, _ route: Route) throws(APIError) -> (JSONObject, String?) {
        guard request.method.uppercased() == route.endpoint.method else {
            throw APIError(status: 405, message: "Method \(request.method) is not allowed for this path; use \(route.endpoint.method).")
        }
        guard request.header("authorization") != nil || request.header("api-key") != nil else {
            throw APIError(
                status: 401,
                message: "You didn't provide an API key. Provide it in an Authorization header using Bearer auth "
                    + "(Authorization: Bearer YOUR_KEY), or in an api-key header for Azure."
            )
        }
        let body = try parseBody(of: request, endpoint: route.endpoint).get()
        var pathModel: String?
        if case .model(let id) = route.endpoint { pathModel = id }
        let model = body["model"]?.stringValue ?? route.azureDeployment ?? pathModel
        if route.endpoint.method == "POST", model == nil {
            throw .invalid("You must provide a model parameter (a string).", param: "model")
        }
        return (body, model)
    }

    private static func answer(_ endpoint: Endpoint, _ exchange: Exchange) throws(APIError) -> Answer {
        switch endpoint {
        case .chatCompletions: try chatCompletion(exchange)
        case .completions: try textCompletion(exchange)
        case .embeddings: try embeddings(exchange)
        case .models: models(exchange)
        case .model(let id): .json(model(id, exchange))
        }
    }

    /// The body as a JSON object; `GET` requests have none.
    private static func parseBody(of request: SimulatorRequest, endpoint: Endpoint) -> Result<JSONObject, APIError> {
        guard endpoint.method == "POST" else { return .success(JSONObject()) }
        guard let buffer = request.body, buffer.readableBytes > 0 else {
            return .failure(.invalid("We could not parse the JSON body of your request. (The body is empty.)"))
        }
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: buffer)
        } catch {
            return .failure(.invalid("We could not parse the JSON body of your request. (\(error))"))
        }
        guard let object = parsed.objectValue else {
            return .failure(.invalid("The request body must be a JSON object."))
        }
        return .success(object)
    }

    private static func decision(for answer: Answer, requestID: String, latency: Duration) -> SimulatorDecision {
        let milliseconds = latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000
        var headers = [(name: "x-request-id", value: requestID), (name: "openai-processing-ms", value: String(milliseconds))]
        switch answer {
        case .json(let value):
            headers.insert((name: "content-type", value: "application/json"), at: 0)
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .complete(ByteBuffer(json: value)))
        case .events(let chunks):
            headers.insert((name: "content-type", value: "text/event-stream; charset=utf-8"), at: 0)
            headers.append((name: "cache-control", value: "no-cache"))
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .chunks(chunks, cut: false))
        }
    }

    /// A stable hash of method, path and body.
    private static func hash(of request: SimulatorRequest) -> String {
        var hash = StableHash()
        hash.combine(request.method.uppercased())
        hash.combine(request.path)
        if let body = request.body { hash.combine(body.readableBytesView) }
        return hash.hex
    }
}
