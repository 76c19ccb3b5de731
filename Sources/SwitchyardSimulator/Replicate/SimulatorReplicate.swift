import NIOCore
import SwitchyardCore

/// The Replicate dialect of the simulator: create a prediction (`POST /v1/models/{owner}/{name}/predictions`, or
/// `POST /v1/predictions` with a `version`), poll it (`GET /v1/predictions/{id}`), or stream it
/// (`GET /v1/streams/{id}`, SSE `output` / `done` events).
///
/// The simulator keeps no state: a prediction's id is the hex of what it needs to answer (model, prompt, token
/// limit), so any later `GET` can rebuild the answer. A created prediction is `starting`, so clients must poll or
/// stream; a polled one has `succeeded`. Its text is the OpenAI dialect's for the same prompt. Errors are
/// problem details (`title`, `detail`, `status`); a key is required.
struct SimulatorReplicate: SimulatorDialect {
    /// A failure as Replicate sends it.
    struct APIError: Error {
        var status: Int
        var detail: String
        var retryAfterSeconds: Int?
    }

    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision? {
        var path = request.pathWithoutQuery
        while path.hasSuffix("/") { path = path.dropLast() }
        let segments = path.split(separator: "/").map(String.init)
        guard segments.first == "v1", segments.count >= 2 else { return nil }
        // The server front passes no Host header (HTTP/2-style `:authority`), so URLs are absolute only when one is
        // present; otherwise they are paths, which clients resolve against the prediction's own URL.
        let base = request.header("host").map { "http://\($0)/v1" } ?? "/v1"
        do throws(APIError) {
            switch (request.method.uppercased(), Array(segments.dropFirst())) {
            case ("POST", let rest) where rest.count == 4 && rest[0] == "models" && rest[3] == "predictions":
                return try create(request, model: "\(rest[1])/\(rest[2])", base: base, engine: engine)
            case ("POST", ["predictions"]):
                let version = Self.body(request)?["version"]?.stringValue ?? ""
                return try create(request, model: "version-\(version)", base: base, engine: engine)
            case ("GET", let rest) where rest.count == 2 && rest[0] == "predictions":
                try Self.authorize(request)
                let state = try State(id: rest[1])
                return Self.json(200, state.prediction(status: "succeeded", base: base, id: rest[1]))
            case ("GET", let rest) where rest.count == 2 && rest[0] == "streams":
                return try Self.stream(
                    State(id: rest[1]), tokenInterval: engine.configuration.faults.tokensPerSecond.map { .seconds(1 / $0) } ?? .zero)
            default:
                return nil
            }
        } catch {
            return Self.decision(for: error)
        }
    }

    private func create(_ request: SimulatorRequest, model: String, base: String, engine: SimulatorEngine) throws(APIError) -> SimulatorDecision {
        try Self.authorize(request)
        guard let body = Self.body(request), let input = body["input"]?.objectValue else {
            throw APIError(status: 422, detail: "- input: input is required")
        }
        let faults: FaultOutcome
        do {
            faults = try engine.faults(model: model, headers: request.headers)
        } catch {
            throw APIError(status: 422, detail: "invalid simulator header: \(error)")
        }
        if let failure = faults.failure {
            let detail = failure.status == 429 ? "Request was throttled." : "simulated error \(failure.status)"
            throw APIError(status: failure.status, detail: detail, retryAfterSeconds: failure.retryAfterSeconds)
        }
        let state = State(model: model, prompt: input["prompt"]?.stringValue ?? "", maxTokens: input["max_new_tokens"]?.intValue)
        let id = state.id
        var decision = Self.json(201, state.prediction(status: "starting", base: base, id: id))
        decision.head = .after(faults.latency)
        return decision
    }

    static func authorize(_ request: SimulatorRequest) throws(APIError) {
        guard request.header("authorization") != nil else {
            throw APIError(status: 401, detail: "You did not pass an authentication token")
        }
    }

    static func body(_ request: SimulatorRequest) -> JSONObject? {
        request.body.flatMap { try? JSONValue(parsing: $0) }?.objectValue
    }

    static func json(_ status: Int, _ value: JSONValue) -> SimulatorDecision {
        SimulatorDecision(
            head: .after(.zero), status: status, headers: [(name: "content-type", value: "application/json")],
            body: .complete(ByteBuffer(json: value)))
    }

    static func decision(for error: APIError) -> SimulatorDecision {
        var headers = [(name: "content-type", value: "application/problem+json")]
        if let retryAfter = error.retryAfterSeconds { headers.append((name: "retry-after", value: String(retryAfter))) }
        let title = error.status == 401 ? "Unauthenticated" : error.status == 429 ? "Request was throttled" : "Error"
        let body: JSONValue = ["title": .string(title), "detail": .string(error.detail), "status": .number(JSONNumber(error.status))]
        return SimulatorDecision(head: .after(.zero), status: error.status, headers: headers, body: .complete(ByteBuffer(json: body)))
    }

    /// The stream of a prediction: one `output` event per word, then `done`.
    static func stream(_ state: State, tokenInterval: Duration) -> SimulatorDecision {
        let reply = state.reply
        var chunks: [SimulatorDecision.Chunk] = reply.words.indices.map { index in
            SimulatorDecision.Chunk(
                delay: index == 0 ? .zero : tokenInterval, bytes: ByteBuffer(string: "event: output\ndata: \(reply.piece(index))\n\n"))
        }
        chunks.append(SimulatorDecision.Chunk(bytes: ByteBuffer(string: "event: done\ndata: {}\n\n")))
        let headers = [(name: "content-type", value: "text/event-stream"), (name: "cache-control", value: "no-store")]
        return SimulatorDecision(head: .after(.zero), status: 200, headers: headers, body: .chunks(chunks, cut: false))
    }
}
