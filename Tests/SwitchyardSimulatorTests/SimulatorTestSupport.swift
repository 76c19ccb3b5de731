import NIOCore
import SwitchyardCore
import SwitchyardSimulator

/// Requests and readers shared by the simulator tests.
enum Sim {
    /// An engine with a seeded random source and unpaced streams, unless told otherwise.
    static func engine(tokensPerSecond: Double = 0, seed: UInt64 = 42, faults: FaultPlan = FaultPlan()) -> SimulatorEngine {
        SimulatorEngine(
            configuration: SimulatorEngine.Configuration(
                tokensPerSecond: tokensPerSecond,
                faults: faults,
                random: SeededRandomNumberGenerator(seed: seed)
            )
        )
    }

    /// A request with a bearer key and `body` as JSON.
    static func post(
        _ path: String,
        _ body: JSONValue,
        headers: [(name: String, value: String)] = [(name: "Authorization", value: "Bearer sk-test")]
    ) -> SimulatorRequest {
        SimulatorRequest(method: "POST", path: path, headers: headers, body: ByteBuffer(json: body))
    }

    /// A chat request for `model` whose last user message is `prompt`.
    static func chat(
        model: String = "gpt-4o",
        prompt: String = "Hello there, simulator",
        stream: Bool = false,
        extra: [(String, JSONValue)] = [],
        headers: [(name: String, value: String)] = []
    ) -> SimulatorRequest {
        var body: JSONObject = [
            "model": .string(model),
            "messages": [["role": "system", "content": "Be brief."], ["role": "user", "content": .string(prompt)]],
        ]
        if stream { body["stream"] = true }
        for (key, value) in extra { body[key] = value }
        return post("/v1/chat/completions", .object(body), headers: [(name: "Authorization", value: "Bearer sk-test")] + headers)
    }

    /// The whole body; throws where a cut stream throws.
    static func bytes(_ response: SimulatorResponse) async throws -> ByteBuffer {
        switch response.body {
        case .complete(let buffer):
            return buffer
        case .stream(let stream):
            var collected = ByteBuffer()
            for try await var chunk in stream { collected.writeBuffer(&chunk) }
            return collected
        }
    }

    /// The body parsed as JSON.
    static func json(_ response: SimulatorResponse) async throws -> JSONValue {
        try JSONValue(parsing: try await bytes(response))
    }

    /// The `data:` payloads of a server-sent event body, in order (`[DONE]` included as text).
    static func events(_ body: ByteBuffer) -> [String] {
        String(buffer: body).split(separator: "\n\n", omittingEmptySubsequences: true).map { event in
            String(event.hasPrefix("data: ") ? event.dropFirst(6) : event)
        }
    }

    /// The streamed chunks, each as a separate buffer, until the stream ends or throws.
    static func chunks(_ response: SimulatorResponse) async -> (chunks: [ByteBuffer], error: (any Error)?) {
        guard case .stream(let stream) = response.body else {
            if case .complete(let buffer) = response.body { return ([buffer], nil) }
            return ([], nil)
        }
        var chunks: [ByteBuffer] = []
        do {
            for try await chunk in stream { chunks.append(chunk) }
            return (chunks, nil)
        } catch {
            return (chunks, error)
        }
    }
}

extension JSONValue {
    /// The value at `path` of object keys and array indices, for short assertions.
    subscript(_ path: Any...) -> JSONValue? {
        var current: JSONValue? = self
        for step in path {
            if let key = step as? String {
                current = current?.objectValue?[key]
            } else if let index = step as? Int, let array = current?.arrayValue, array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }
}
