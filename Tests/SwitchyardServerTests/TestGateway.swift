import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchyardCore
import SwitchyardEngine
import SwitchyardProviders
import SwitchyardServer
import Synchronization

/// An upstream that answers from a script: each request is recorded, and `reply` decides the answer.
final class ScriptedTransport: UpstreamTransport {
    let requests = Mutex<[UpstreamRequest]>([])
    let reply: @Sendable (UpstreamRequest) throws -> UpstreamResponse

    init(reply: @escaping @Sendable (UpstreamRequest) throws -> UpstreamResponse) {
        self.reply = reply
    }

    func execute(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        requests.withLock { $0.append(request) }
        return try reply(request)
    }

    var sentBodies: [JSONObject] {
        requests.withLock { $0 }.compactMap { request in request.body.flatMap { try? JSONValue(parsing: $0).objectValue } }
    }

    static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> UpstreamResponse {
        UpstreamResponse(
            status: status, headers: [("content-type", "application/json")] + headers, body: UpstreamBody(buffer: ByteBuffer(string: text)))
    }

    /// A body delivered as the given pieces, then failing with `error` if one is given.
    static func pieces(_ pieces: [String], failingWith error: (any Error)? = nil) -> UpstreamResponse {
        let stream = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
            for piece in pieces { continuation.yield(ByteBuffer(string: piece)) }
            continuation.finish(throwing: error)
        }
        return UpstreamResponse(status: 200, headers: [("content-type", "text/event-stream")], body: UpstreamBody(stream: stream))
    }

    static let chatAnswer =
        #"{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#
}

enum TestGateway {
    static let key = "sk-test-master"

    static func deployment(_ id: String, group: String = "gpt", model: String = "gpt-4o") -> Deployment {
        var deployment = Deployment(id: id, modelName: group, provider: "openai", upstreamModel: model)
        deployment.apiBase = "http://upstream.test/v1"
        deployment.apiKey = Secret("sk-upstream-secret")
        return deployment
    }

    static func make(
        _ transport: ScriptedTransport,
        deployments: [Deployment] = [deployment("d1")],
        masterKey: String? = key,
        maxRequestBytes: Int = Gateway.defaultMaxRequestBytes,
        retries: Int = 0
    ) -> some ApplicationProtocol {
        var configuration = Gateway.Configuration(defaultTransport: transport)
        configuration.masterKey = masterKey.map(Secret.init)
        configuration.deployments = deployments
        configuration.maxRequestBytes = maxRequestBytes
        configuration.router = .init(numRetries: retries)
        configuration.adapters["openai"] = OpenAIAdapter(spec: ProviderCatalog.standard.spec(for: "openai")!)
        let gateway = Gateway(configuration: configuration, logger: Logger(label: "test"))
        return Application(responder: GatewayApplication.makeResponder(gateway: gateway))
    }

    /// A gateway over `transport`, for tests that need the gateway itself (its router, its services).
    static func gateway(
        _ transport: any UpstreamTransport,
        deployments: [Deployment] = [deployment("d1")],
        masterKey: String? = key,
        configure: (inout Gateway.Configuration) -> Void = { _ in }
    ) -> Gateway {
        var configuration = Gateway.Configuration(defaultTransport: transport)
        configuration.masterKey = masterKey.map(Secret.init)
        configuration.deployments = deployments
        configuration.adapters["openai"] = OpenAIAdapter(spec: ProviderCatalog.standard.spec(for: "openai")!)
        configure(&configuration)
        return Gateway(configuration: configuration, logger: Logger(label: "test"))
    }

    /// The application serving `gateway`.
    static func app(_ gateway: Gateway) -> some ApplicationProtocol {
        Application(responder: GatewayApplication.makeResponder(gateway: gateway))
    }

    static var headers: HTTPFields { [.authorization: "Bearer \(key)", .contentType: "application/json"] }

    static func chat(model: String = "gpt", stream: Bool = false, extra: String = "") -> ByteBuffer {
        ByteBuffer(string: #"{"model":"\#(model)","messages":[{"role":"user","content":"hello"}]"# + (stream ? #","stream":true"# : "") + extra + "}")
    }
}

extension TestResponse {
    /// The body as JSON.
    var json: JSONValue? { try? JSONValue(parsing: body) }

    /// `error.<field>` of an OpenAI error body.
    func errorField(_ field: String) -> JSONValue? { json?.objectValue?["error"]?.objectValue?[field] }
}
