import NIOCore
import SwitchyardCore

/// The Cohere dialect of the simulator: `POST /v2/chat` (plain, and SSE streams with Cohere's event types) and
/// `POST /v2/embed`.
///
/// A bearer key is required (401 `no api key supplied` otherwise); errors are `{"message": "…"}` with the messages
/// Cohere's errors reference lists. The reply text is the OpenAI dialect's for the same prompt.
struct SimulatorCohere: SimulatorDialect {
    /// The two endpoints.
    enum Endpoint: String {
        case chat = "/v2/chat"
        case embed = "/v2/embed"
    }

    /// One admitted request.
    struct Exchange {
        var body: JSONObject
        var model: String
        var id: String
        var tokenInterval: Duration
        var configuration: SimulatorEngine.Configuration
    }

    /// A failure in Cohere's shape.
    struct APIError: Error {
        var status: Int
        var message: String
        var retryAfterSeconds: Int?
    }

    /// An answer: one JSON document, or SSE events.
    enum Answer {
        case json(JSONValue)
        case events([SimulatorDecision.Chunk])
    }

    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision? {
        var path = request.pathWithoutQuery
        while path.hasSuffix("/") { path = path.dropLast() }
        guard let endpoint = Endpoint(rawValue: String(path)) else { return nil }
        do throws(APIError) {
            guard request.method.uppercased() == "POST" else { throw APIError(status: 405, message: "method not allowed") }
            guard request.header("authorization") != nil else { throw APIError(status: 401, message: "no api key supplied") }
            guard let buffer = request.body, let body = (try? JSONValue(parsing: buffer))?.objectValue else {
                throw APIError(status: 400, message: "invalid json syntax: the body is not a JSON object")
            }
            guard let model = body["model"]?.stringValue, !model.isEmpty else {
                throw APIError(status: 400, message: "a model parameter is required for this endpoint.")
            }
            let faults: FaultOutcome
            do {
                faults = try engine.faults(model: model, headers: request.headers)
            } catch {
                throw APIError(status: 400, message: "invalid request: \(error)")
            }
            if faults.hangs {
                var decision = Self.decision(for: APIError(status: 408, message: "request timed out"), after: .zero)
                decision.head = .never
                return decision
            }
            let tokens = Self.promptTokens(endpoint, body)
            if endpoint == .chat, let window = faults.contextWindow, tokens > window {
                let message =
                    "too many tokens: size limit exceeded by \(tokens - window) tokens. "
                    + "Try using shorter or fewer inputs, or setting prompt_truncation='AUTO'."
                return Self.decision(for: APIError(status: 400, message: message), after: faults.latency)
            }
            if let failure = faults.failure {
                return Self.decision(for: Self.injected(failure, model: model), after: faults.latency)
            }
            var hash = StableHash()
            hash.combine(request.path)
            hash.combine(buffer.readableBytesView)
            let exchange = Exchange(
                body: body, model: model, id: hash.hex, tokenInterval: faults.tokenInterval, configuration: engine.configuration)
            let answer = endpoint == .chat ? try Self.chat(exchange) : try Self.embed(exchange)
            return Self.decision(for: answer, after: faults.latency).breaking(faults)
        } catch {
            return Self.decision(for: error, after: .zero)
        }
    }

    /// The error a fault injects, with the message Cohere's reference lists for its status.
    static func injected(_ failure: FaultOutcome.Failure, model: String) -> APIError {
        let message =
            switch failure.status {
            case 401: "invalid api token"
            case 404: "model '\(model)' not found, make sure the correct model ID was used and that you have access to the model."
            case 429: "You are past the per minute request limit, please wait and try again later."
            default: "simulated error \(failure.status)"
            }
        return APIError(status: failure.status, message: message, retryAfterSeconds: failure.retryAfterSeconds)
    }

    static func decision(for answer: Answer, after latency: Duration) -> SimulatorDecision {
        switch answer {
        case .json(let value):
            let headers = [(name: "content-type", value: "application/json")]
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .complete(ByteBuffer(json: value)))
        case .events(let chunks):
            let headers = [(name: "content-type", value: "text/event-stream"), (name: "cache-control", value: "no-cache")]
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .chunks(chunks, cut: false))
        }
    }

    static func decision(for error: APIError, after latency: Duration) -> SimulatorDecision {
        var headers = [(name: "content-type", value: "application/json")]
        if let retryAfter = error.retryAfterSeconds { headers.append((name: "retry-after", value: String(retryAfter))) }
        let body: JSONValue = ["message": .string(error.message)]
        return SimulatorDecision(head: .after(latency), status: error.status, headers: headers, body: .complete(ByteBuffer(json: body)))
    }

    /// `event: <type>\ndata: {json}\n\n`, Cohere's framing.
    static func event(_ value: JSONValue) -> ByteBuffer {
        var buffer = ByteBuffer(string: "event: \(value.objectValue?["type"]?.stringValue ?? "message")\ndata: ")
        value.write(to: &buffer)
        buffer.writeString("\n\n")
        return buffer
    }
}
