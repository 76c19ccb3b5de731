import NIOCore
import SwitchyardCore

/// The Gemini dialect of the simulator: `…/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`,
/// `:embedContent`, `:batchEmbedContents` and Vertex's `:predict`, in Google AI Studio's path shape
/// (`/v1beta/models/{model}:…`) and Vertex AI's (`/v1/projects/{p}/locations/{l}/publishers/google/models/{model}:…`).
///
/// AI Studio paths take any key in `x-goog-api-key` (or `?key=`), and answer 403 `PERMISSION_DENIED` without one, as
/// Google does; Vertex paths take any `Authorization: Bearer` token and answer 401 `UNAUTHENTICATED` without one.
/// Errors use Google's shape, `{"error":{"code","message","status","details"}}`. It also serves Google's OAuth token
/// endpoint (`POST /token`) for Vertex AI's service-account token exchange.
struct SimulatorGemini: SimulatorDialect {
    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision? {
        if request.pathWithoutQuery == Self.tokenPath { return Self.token(request) }
        guard let route = Route(path: request.pathWithoutQuery) else { return nil }
        var hash = StableHash()
        hash.combine(request.method.uppercased())
        hash.combine(request.path)
        if let body = request.body { hash.combine(body.readableBytesView) }
        let body: JSONObject
        do {
            body = try Self.admit(request, route)
        } catch {
            return Self.decision(for: error, after: .zero)
        }
        let faults: FaultOutcome
        do {
            faults = try engine.faults(model: route.model, headers: request.headers)
        } catch {
            return Self.decision(for: .invalid("Invalid simulator header: \(error)"), after: .zero)
        }
        if faults.hangs {
            var decision = Self.decision(for: APIError(status: 504, message: "The simulated request timed out."), after: .zero)
            decision.head = .never
            return decision
        }
        if let window = faults.contextWindow, route.method.generates, let tokens = Self.promptTokens(body), tokens > window {
            return Self.decision(for: .tokenLimit(window: window, tokens: tokens), after: faults.latency)
        }
        if let failure = faults.failure {
            return Self.decision(for: .injected(failure), after: faults.latency)
        }
        let exchange = Exchange(
            body: body, model: route.model, responseID: hash.hex, tokenInterval: faults.tokenInterval, configuration: engine.configuration)
        do {
            let answer = try Self.answer(route.method, exchange)
            return Self.decision(for: answer, latency: faults.latency).breaking(faults)
        } catch {
            return Self.decision(for: error, after: faults.latency)
        }
    }

    /// One admitted request.
    struct Exchange {
        var body: JSONObject
        var model: String
        var responseID: String
        var tokenInterval: Duration
        var configuration: SimulatorEngine.Configuration
    }

    /// A JSON answer, or server-sent events.
    enum Answer {
        case json(JSONValue)
        case events([SimulatorDecision.Chunk])
    }

    /// Checks method, credentials and body, in Google's order.
    private static func admit(_ request: SimulatorRequest, _ route: Route) throws(APIError) -> JSONObject {
        guard request.method.uppercased() == "POST" else {
            throw APIError(status: 404, message: "Method \(request.method) is not found for this path; use POST.")
        }
        if route.vertex {
            guard let authorization = request.header("authorization"), authorization.lowercased().hasPrefix("bearer ") else {
                throw APIError(
                    status: 401,
                    message: "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie "
                        + "or other valid authentication credential.")
            }
            // Only a token this simulator's `/token` endpoint issued is valid, as Google accepts only its own.
            guard authorization.dropFirst("bearer ".count).hasPrefix(SimulatorGemini.issuedTokenPrefix) else {
                throw APIError(status: 401, message: "Request had invalid authentication credentials. Expected OAuth 2 access token.")
            }
            // A URL whose project was never filled in is not a project Google knows.
            let project = request.pathWithoutQuery.firstRange(of: "/projects/").map {
                request.pathWithoutQuery[$0.upperBound...].prefix { $0 != "/" }
            }
            guard let project, !project.isEmpty, !project.contains("{"), !project.contains("%7B") else {
                throw APIError(status: 403, message: "Permission denied on resource project \(project ?? "").")
            }
        } else if request.header("x-goog-api-key") == nil, !request.path.contains("key=") {
            throw APIError(
                status: 403,
                message: "Method doesn't allow unregistered callers (callers without established identity). "
                    + "Please use API Key or other form of API consumer identity to call this API.")
        }
        guard let buffer = request.body, buffer.readableBytes > 0,
            let parsed = try? JSONValue(parsing: buffer), let object = parsed.objectValue
        else {
            throw .invalid("Invalid JSON payload received. Expected a JSON object.")
        }
        return object
    }

    private static func answer(_ method: Route.Method, _ exchange: Exchange) throws(APIError) -> Answer {
        switch method {
        case .generateContent: try generateContent(exchange, streaming: false)
        case .streamGenerateContent: try generateContent(exchange, streaming: true)
        case .embedContent, .batchEmbedContents, .predict: try embeddings(method, exchange)
        }
    }

    private static func decision(for answer: Answer, latency: Duration) -> SimulatorDecision {
        switch answer {
        case .json(let value):
            let headers = [(name: "content-type", value: "application/json; charset=UTF-8")]
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .complete(ByteBuffer(json: value)))
        case .events(let chunks):
            let headers = [(name: "content-type", value: "text/event-stream"), (name: "cache-control", value: "no-cache")]
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .chunks(chunks, cut: false))
        }
    }
}
