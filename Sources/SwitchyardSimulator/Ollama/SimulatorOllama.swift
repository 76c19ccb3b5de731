import NIOCore
import SwitchyardCore

/// The Ollama dialect of the simulator: `POST /api/chat`, `/api/generate` and `/api/embed`.
///
/// Like a local Ollama it asks for no key. Answers stream as newline-delimited JSON unless the body says
/// `"stream": false` (Ollama's default is to stream); errors are `{"error": "…"}`. The reply text is the
/// OpenAI dialect's for the same prompt, so end-to-end tests can compare the two.
struct SimulatorOllama: SimulatorDialect {
    /// The three endpoints.
    enum Endpoint: String {
        case chat = "/api/chat"
        case generate = "/api/generate"
        case embed = "/api/embed"
    }

    /// One admitted request.
    struct Exchange {
        var body: JSONObject
        var model: String
        var tokenInterval: Duration
        var configuration: SimulatorEngine.Configuration
    }

    /// A failure in Ollama's shape.
    struct APIError: Error {
        var status: Int
        var message: String
        var retryAfterSeconds: Int?
    }

    /// `created_at` of every answer: fixed, so answers repeat exactly.
    static let createdAt = "2023-11-14T22:13:20Z"

    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision? {
        var path = request.pathWithoutQuery
        while path.hasSuffix("/") { path = path.dropLast() }
        guard let endpoint = Endpoint(rawValue: String(path)) else { return nil }
        do throws(APIError) {
            guard request.method.uppercased() == "POST" else { throw APIError(status: 405, message: "405 method not allowed") }
            let body = try Self.body(of: request)
            guard let model = body["model"]?.stringValue, !model.isEmpty else { throw APIError(status: 400, message: "model is required") }
            let faults: FaultOutcome
            do {
                faults = try engine.faults(model: model, headers: request.headers)
            } catch {
                throw APIError(status: 400, message: "invalid simulator header: \(error)")
            }
            if faults.hangs {
                var decision = Self.decision(for: APIError(status: 408, message: "timed out"), after: .zero)
                decision.head = .never
                return decision
            }
            if let window = faults.contextWindow, Self.promptTokens(endpoint, body) > window {
                return Self.decision(for: APIError(status: 400, message: "the input length exceeds the context length"), after: faults.latency)
            }
            if let failure = faults.failure {
                let message = failure.status == 404 ? "model \"\(model)\" not found, try pulling it first" : "simulated error \(failure.status)"
                return Self.decision(
                    for: APIError(status: failure.status, message: message, retryAfterSeconds: failure.retryAfterSeconds), after: faults.latency)
            }
            let exchange = Exchange(body: body, model: model, tokenInterval: faults.tokenInterval, configuration: engine.configuration)
            let answer: Answer
            switch endpoint {
            case .chat: answer = try Self.chat(exchange)
            case .generate: answer = try Self.generate(exchange)
            case .embed: answer = try Self.embed(exchange)
            }
            return Self.decision(for: answer, streaming: endpoint != .embed && body["stream"]?.boolValue != false, exchange: exchange)
                .after(faults.latency).breaking(faults)
        } catch {
            return Self.decision(for: error, after: .zero)
        }
    }

    /// The body as a JSON object.
    static func body(of request: SimulatorRequest) throws(APIError) -> JSONObject {
        guard let buffer = request.body, let object = (try? JSONValue(parsing: buffer))?.objectValue else {
            throw APIError(status: 400, message: "invalid request body")
        }
        return object
    }

    /// A stream (one line per object, paced by the token interval) or the plain answer's single object.
    static func decision(for answer: Answer, streaming: Bool, exchange: Exchange) -> SimulatorDecision {
        guard streaming else {
            let headers = [(name: "content-type", value: "application/json; charset=utf-8")]
            return SimulatorDecision(head: .after(.zero), status: 200, headers: headers, body: .complete(ByteBuffer(json: answer.whole)))
        }
        let chunks = answer.lines.enumerated().map { index, line in
            var bytes = ByteBuffer()
            line.write(to: &bytes)
            bytes.writeString("\n")
            return SimulatorDecision.Chunk(delay: index == 0 ? .zero : exchange.tokenInterval, bytes: bytes)
        }
        let headers = [(name: "content-type", value: "application/x-ndjson")]
        return SimulatorDecision(head: .after(.zero), status: 200, headers: headers, body: .chunks(chunks, cut: false))
    }

    /// `error` as Ollama sends it: `{"error": "…"}` with the status.
    static func decision(for error: APIError, after latency: Duration) -> SimulatorDecision {
        var headers = [(name: "content-type", value: "application/json; charset=utf-8")]
        if let retryAfter = error.retryAfterSeconds { headers.append((name: "retry-after", value: String(retryAfter))) }
        let body: JSONValue = ["error": .string(error.message)]
        return SimulatorDecision(head: .after(latency), status: error.status, headers: headers, body: .complete(ByteBuffer(json: body)))
    }
}

extension SimulatorDecision {
    /// This decision with its head sent after `latency`.
    fileprivate func after(_ latency: Duration) -> SimulatorDecision {
        var decision = self
        decision.head = .after(latency)
        return decision
    }
}
