import NIOCore
import SwitchyardCore

/// The Anthropic dialect of the simulator: `POST /v1/messages` (also `/messages`), plain and streamed.
///
/// Requests are checked as Anthropic checks them: a key in `x-api-key` (or `Authorization: Bearer`) or 401
/// `authentication_error`; the `anthropic-version` header or 400; a JSON body with `model`, `max_tokens` and
/// a non-empty `messages` array or 400 `invalid_request_error`. Errors use Anthropic's shape,
/// `{"type":"error","error":{"type","message"},"request_id"}`, with the error type Anthropic documents for
/// each status (529 `overloaded_error` included). Faults come from the model name and `x-sim-*` headers as
/// for every dialect; the context-window fault answers Anthropic's "prompt is too long" 400.
struct SimulatorAnthropic: SimulatorDialect {
    /// One admitted request.
    struct Exchange {
        var body: JSONObject
        var model: String
        var hash: String
        var tokenInterval: Duration
    }

    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision? {
        var path = request.pathWithoutQuery
        while path.hasSuffix("/") { path = path.dropLast() }
        guard path == "/v1/messages" || path == "/messages" else { return nil }
        var hash = StableHash()
        hash.combine(request.method.uppercased())
        hash.combine(request.path)
        if let body = request.body { hash.combine(body.readableBytesView) }
        let requestID = "req_" + hash.hex
        let body: JSONObject
        let model: String
        do {
            (body, model) = try Self.admit(request)
        } catch {
            return Self.decision(for: error, requestID: requestID, after: .zero)
        }
        let faults: FaultOutcome
        do {
            faults = try engine.faults(model: model, headers: request.headers)
        } catch {
            return Self.decision(for: .invalid("Invalid simulator header: \(error)"), requestID: requestID, after: .zero)
        }
        if faults.hangs {
            var decision = Self.decision(for: APIError(status: 504, message: "The simulated request timed out."), requestID: requestID, after: .zero)
            decision.head = .never
            return decision
        }
        if let window = faults.contextWindow, let tokens = Self.promptTokens(body), tokens > window {
            return Self.decision(
                for: .invalid("prompt is too long: \(tokens) tokens > \(window) maximum"), requestID: requestID, after: faults.latency)
        }
        if let failure = faults.failure {
            return Self.decision(for: .injected(failure), requestID: requestID, after: faults.latency)
        }
        let exchange = Exchange(body: body, model: model, hash: hash.hex, tokenInterval: faults.tokenInterval)
        do {
            return try Self.decision(for: Self.answer(exchange), requestID: requestID, latency: faults.latency).breaking(faults)
        } catch {
            return Self.decision(for: error, requestID: requestID, after: faults.latency)
        }
    }

    /// Checks method, key, version header and body, in Anthropic's order; returns the body and the model.
    private static func admit(_ request: SimulatorRequest) throws(APIError) -> (JSONObject, String) {
        guard request.method.uppercased() == "POST" else {
            throw APIError(status: 405, message: "Method Not Allowed")
        }
        guard request.header("x-api-key") != nil || request.header("authorization") != nil else {
            throw APIError(status: 401, message: "x-api-key header is required")
        }
        guard request.header("anthropic-version") != nil else {
            throw .invalid("anthropic-version: header is required")
        }
        guard let buffer = request.body, let parsed = try? JSONValue(parsing: buffer), let body = parsed.objectValue else {
            throw .invalid("There was an error parsing the body of your request.")
        }
        guard let model = body["model"]?.stringValue else { throw .invalid("model: Field required") }
        guard let maxTokens = body["max_tokens"], !maxTokens.isNull else { throw .invalid("max_tokens: Field required") }
        guard let limit = maxTokens.intValue, limit >= 1 else { throw .invalid("max_tokens: Input should be a valid integer of at least 1") }
        guard let messages = body["messages"]?.arrayValue, !messages.isEmpty else {
            throw .invalid("messages: at least one message is required")
        }
        return (body, model)
    }

    private static func decision(for answer: Answer, requestID: String, latency: Duration) -> SimulatorDecision {
        var headers = [(name: "request-id", value: requestID)]
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

    /// `error` as a decision sent after `latency`.
    static func decision(for error: APIError, requestID: String, after latency: Duration) -> SimulatorDecision {
        var headers = [(name: "content-type", value: "application/json"), (name: "request-id", value: requestID)]
        if let retryAfter = error.retryAfterSeconds {
            headers.append((name: "retry-after", value: String(retryAfter)))
        }
        let body = ByteBuffer(json: error.body(requestID: requestID))
        return SimulatorDecision(head: .after(latency), status: error.status, headers: headers, body: .complete(body))
    }
}
