import NIOCore
import SwitchyardCore

/// The AWS Bedrock dialect of the simulator: `POST /model/{modelId}/converse`, `/converse-stream` (a real
/// binary `application/vnd.amazon.eventstream` body with correct CRCs) and `/invoke` (Titan and Cohere
/// embedding models).
///
/// Signatures are verified as AWS does (``verifySignature(_:authorization:)``, against the known test
/// credentials): a request without an `Authorization: AWS4-HMAC-SHA256 …` header gets AWS's 403
/// `MissingAuthenticationTokenException`, one with a wrong signature `InvalidSignatureException`. Errors use Bedrock's shape: `{"message": …}` with the
/// exception name in `x-amzn-ErrorType`. Faults come from the model id and `x-sim-*` headers as for every
/// dialect; the context-window fault answers Bedrock's "Input is too long for requested model." 400.
struct SimulatorBedrock: SimulatorDialect {
    /// What the request asks for.
    enum Action: String {
        case converse
        case converseStream = "converse-stream"
        case invoke
    }

    /// One admitted request.
    struct Exchange {
        var body: JSONObject
        var model: String
        var hash: String
        var tokenInterval: Duration
        var configuration: SimulatorEngine.Configuration
    }

    func decide(_ request: SimulatorRequest, engine: SimulatorEngine) -> SimulatorDecision? {
        guard let (model, action) = Self.route(request.pathWithoutQuery) else { return nil }
        var hash = StableHash()
        hash.combine(request.method.uppercased())
        hash.combine(request.path)
        if let body = request.body { hash.combine(body.readableBytesView) }
        let requestID = Self.requestID(hash.hex)
        let body: JSONObject
        do {
            body = try Self.admit(request)
        } catch {
            return Self.decision(for: error, requestID: requestID, after: .zero)
        }
        let faults: FaultOutcome
        do {
            faults = try engine.faults(model: model, headers: request.headers)
        } catch {
            return Self.decision(for: .validation("Invalid simulator header: \(error)"), requestID: requestID, after: .zero)
        }
        if faults.hangs {
            var decision = Self.decision(
                for: APIError(status: 408, type: "ModelTimeoutException", message: "Model timed out."), requestID: requestID, after: .zero)
            decision.head = .never
            return decision
        }
        if action != .invoke, let window = faults.contextWindow, Self.promptTokens(body) > window {
            return Self.decision(for: .validation("Input is too long for requested model."), requestID: requestID, after: faults.latency)
        }
        if let failure = faults.failure {
            return Self.decision(for: .injected(failure), requestID: requestID, after: faults.latency)
        }
        let exchange = Exchange(body: body, model: model, hash: hash.hex, tokenInterval: faults.tokenInterval, configuration: engine.configuration)
        do {
            let answer: Answer =
                switch action {
                case .converse: .json(try Self.converse(exchange))
                case .converseStream: .events(try Self.converseStream(exchange))
                case .invoke: .json(try Self.invoke(exchange))
                }
            return Self.decision(for: answer, requestID: requestID, latency: faults.latency).breaking(faults)
        } catch {
            return Self.decision(for: error, requestID: requestID, after: faults.latency)
        }
    }

    /// The model id and action of `/model/{modelId}/{action}`, the id percent-decoded.
    static func route(_ path: Substring) -> (String, Action)? {
        var path = path
        while path.hasSuffix("/") { path = path.dropLast() }
        guard path.hasPrefix("/model/"), let slash = path.lastIndex(of: "/") else { return nil }
        let id = path[path.index(path.startIndex, offsetBy: "/model/".count)..<slash]
        guard !id.isEmpty, let action = Action(rawValue: String(path[path.index(after: slash)...])) else { return nil }
        return (percentDecoded(id), action)
    }

    /// `text` with `%XX` escapes decoded (`%3A` in model ids).
    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Checks method, SigV4 authorization and body; returns the body.
    private static func admit(_ request: SimulatorRequest) throws(APIError) -> JSONObject {
        guard request.method.uppercased() == "POST" else {
            throw APIError(status: 405, type: "UnknownOperationException", message: "Method Not Allowed")
        }
        guard let authorization = request.header("authorization"), authorization.hasPrefix("AWS4-HMAC-SHA256 ") else {
            throw APIError(status: 403, type: "MissingAuthenticationTokenException", message: "Missing Authentication Token")
        }
        try verifySignature(request, authorization: authorization)
        guard let buffer = request.body, let parsed = try? JSONValue(parsing: buffer), let body = parsed.objectValue else {
            throw .validation("Malformed input request, please reformat your input and try again.")
        }
        return body
    }

    private static func decision(for answer: Answer, requestID: String, latency: Duration) -> SimulatorDecision {
        var headers = [(name: "x-amzn-requestid", value: requestID)]
        switch answer {
        case .json(let value):
            headers.insert((name: "content-type", value: "application/json"), at: 0)
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .complete(ByteBuffer(json: value)))
        case .events(let chunks):
            headers.insert((name: "content-type", value: "application/vnd.amazon.eventstream"), at: 0)
            return SimulatorDecision(head: .after(latency), status: 200, headers: headers, body: .chunks(chunks, cut: false))
        }
    }

    /// An AWS-style request id derived from the request hash.
    static func requestID(_ hex: String) -> String {
        let digits = Array((hex + String(repeating: "0", count: 32)).prefix(32))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
    }
}
