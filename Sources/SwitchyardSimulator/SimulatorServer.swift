import Hummingbird
import NIOCore

/// The simulator on a real socket: what `switchyard simulate --port N` runs.
///
/// Every path goes to the engine, which answers unknown ones with an OpenAI-shaped 404.
public struct SimulatorServer: Sendable {
    /// Where the server listens and what it accepts.
    public struct Configuration: Sendable {
        /// The address to bind. Default `127.0.0.1`: the simulator is a local test tool.
        public var host: String
        /// The port; 0 picks a free one (read it in `onServerRunning`). Default 4001.
        public var port: Int
        /// The largest request body read, in bytes; larger ones get 413. Default 16 MiB.
        public var maxRequestBodyBytes: Int

        /// A configuration; defaults `127.0.0.1:4001`, 16 MiB bodies.
        public init(host: String = "127.0.0.1", port: Int = 4001, maxRequestBodyBytes: Int = 16 * 1024 * 1024) {
            self.host = host
            self.port = port
            self.maxRequestBodyBytes = maxRequestBodyBytes
        }
    }

    /// Where to listen.
    public let configuration: Configuration
    /// The engine that answers.
    public let engine: SimulatorEngine

    /// A server for `engine` on the configured address.
    public init(configuration: Configuration = Configuration(), engine: SimulatorEngine = SimulatorEngine()) {
        self.configuration = configuration
        self.engine = engine
    }

    /// The Hummingbird application, for tests (HummingbirdTesting, or `.live` with port 0) and for
    /// callers that run it in their own service group.
    ///
    /// - Parameter onServerRunning: called once the socket is bound, with the listening channel
    ///   (its `localAddress?.port` is the port when ``Configuration/port`` is 0).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let engine = engine
        let limit = configuration.maxRequestBodyBytes
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: limit)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return Self.response(SimulatorOpenAI.payloadTooLarge(limitBytes: limit))
            }
            let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            var headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
            // HTTP/1's Host header arrives as the authority; a signed request (SigV4) signs it as `host`.
            if let authority = request.head.authority { headers.insert((name: "host", value: authority), at: 0) }
            let simulated = SimulatorRequest(method: request.method.rawValue, path: path, headers: headers, body: body)
            return Self.response(try await engine.respond(to: simulated))
        }
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "switchyard-simulator"
            ),
            onServerRunning: onServerRunning
        )
    }

    /// Runs the server until the process receives SIGINT or SIGTERM.
    public func run() async throws {
        try await makeApplication().runService()
    }

    private static func response(_ simulated: SimulatorResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in simulated.headers {
            guard let name = HTTPFields.Element.Name(name) else { continue }
            fields.append(HTTPFields.Element(name: name, value: value))
        }
        let body: ResponseBody
        switch simulated.body {
        case .complete(let buffer): body = ResponseBody(byteBuffer: buffer)
        case .stream(let stream): body = ResponseBody(asyncSequence: stream)
        }
        return Response(status: HTTPResponse.Status(code: simulated.status), headers: fields, body: body)
    }
}
