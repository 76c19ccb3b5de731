import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The gateway's HTTP/1.1 client for provider calls: keep-alive connections pooled per event loop and per
/// origin, each request sent on the event loop it is made from.
///
/// Why not AsyncHTTPClient on this path: measured on the gateway's proxy path, its request machinery (a pool
/// state machine shared by all loops, a `Transaction` per request, head and body written apart, an async body
/// sequence) cost more than half the throughput. Here a request made on an event loop (the gateway's tasks
/// run on NIO's loops) takes a connection of that loop's pool, so the server's channel, the task and the
/// upstream channel never hand work to another thread; the head, body and end leave in one flush; the
/// response body goes to a single-reader ``UpstreamResponseBody`` with back-pressure both ways.
///
/// Timeouts: `connectTimeout` for TCP; the per-request timeout bounds the wait for the response head
/// (TLS handshake included) and every silence while the body arrives (LiteLLM's / httpx's read timeout).
/// A reused keep-alive connection that turns out closed before the request left is retried once on a new
/// connection, as is one that closes without answering a request that is safe to repeat (idempotent
/// method or an `Idempotency-Key`); a `POST` that may have reached the upstream is never sent twice.
public final class UpstreamHTTPClient: Sendable {
    /// How the client connects.
    public struct Configuration: Sendable {
        /// Longest time to establish a TCP connection.
        public var connectTimeout: TimeAmount = .seconds(10)
        /// Connections to one origin from one event loop; requests beyond it wait for one to be free.
        public var maxConnectionsPerOrigin = 512
        /// How long an unused keep-alive connection is kept.
        public var idleTimeout: TimeAmount = .seconds(60)
        /// Whether TLS certificates are verified (LiteLLM's `ssl_verify: false` turns it off).
        public var verifyCertificates = true
        /// A PEM file of trusted CA certificates instead of the system's (LiteLLM's `ssl_verify: <path>`,
        /// OpenSSL's `SSL_CERT_FILE`).
        public var caFile: String?
        /// Name resolution; nil for the system's (`getaddrinfo`). Tests give hosts several addresses with it.
        var resolver: (any Resolver & Sendable)?

        /// The defaults.
        public init() {}
    }

    /// What pools need from the configuration, resolved once.
    struct Settings: Sendable {
        let connectTimeout: TimeAmount
        let maxConnectionsPerOrigin: Int
        let idleTimeout: TimeAmount
        let tls: LazyTLSContext
        let resolver: (any Resolver & Sendable)?
    }

    /// The pools of one event loop, touched on that loop only.
    final class LoopPools: @unchecked Sendable {
        let eventLoop: any EventLoop
        let settings: Settings
        var pools: [Origin: ConnectionPool] = [:]
        var isShutDown = false

        init(eventLoop: any EventLoop, settings: Settings) {
            self.eventLoop = eventLoop
            self.settings = settings
        }

        func pool(for origin: Origin) -> ConnectionPool {
            if let pool = pools[origin] { return pool }
            let pool = ConnectionPool(eventLoop: eventLoop, origin: origin, settings: settings)
            if isShutDown { pool.shutDown() }
            pools[origin] = pool
            return pool
        }
    }

    private let group: any EventLoopGroup
    /// One entry per loop of `group`, keyed by the loop's identity; never changes after init.
    private let loops: [ObjectIdentifier: LoopPools]
    private let anyLoops: [LoopPools]
    private let nextExchangeID = NIOLockedValueBox(0)

    /// A client on `group`'s event loops. Throws if the TLS configuration cannot be loaded (a missing or
    /// unreadable CA file).
    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, configuration: Configuration = Configuration()) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !configuration.verifyCertificates {
            tls.certificateVerification = .none
        }
        if let caFile = configuration.caFile {
            // Read now so that an unusable file stops start-up; loaded again when the context is made.
            _ = try NIOSSLCertificate.fromPEMFile(caFile)
            tls.trustRoots = .file(caFile)
        }
        let settings = Settings(
            connectTimeout: configuration.connectTimeout,
            maxConnectionsPerOrigin: configuration.maxConnectionsPerOrigin,
            idleTimeout: configuration.idleTimeout,
            tls: LazyTLSContext(configuration: tls),
            resolver: configuration.resolver
        )
        var loops: [ObjectIdentifier: LoopPools] = [:]
        var anyLoops: [LoopPools] = []
        for loop in group.makeIterator() {
            let pools = LoopPools(eventLoop: loop, settings: settings)
            loops[ObjectIdentifier(loop as AnyObject)] = pools
            anyLoops.append(pools)
        }
        self.group = group
        self.loops = loops
        self.anyLoops = anyLoops
    }

    /// Sends a request and returns when the response head has arrived; read the body from the response.
    ///
    /// - Parameters:
    ///   - headers: sent as given, in order; `Host` and `Content-Length` are added unless present.
    ///   - timeout: the longest wait for the head and the longest silence in the body.
    /// - Throws: ``UpstreamHTTPError``, or `CancellationError` when the task is cancelled.
    public func execute(
        method: HTTPMethod,
        url: String,
        headers: HTTPHeaders,
        body: ByteBuffer?,
        timeout: TimeAmount
    ) async throws -> UpstreamHTTPResponse {
        guard let target = RequestURL(url) else {
            throw UpstreamHTTPError(.invalidURL, "not an absolute http(s) URL")
        }
        var headers = headers
        if !headers.contains(name: "host") {
            headers.replaceOrAdd(name: "host", value: target.origin.hostHeader)
        }
        if let body, !headers.contains(name: "content-length"), !headers.contains(name: "transfer-encoding") {
            headers.add(name: "content-length", value: String(body.readableBytes))
        } else if body == nil, method == .POST || method == .PUT || method == .PATCH, !headers.contains(name: "content-length") {
            headers.add(name: "content-length", value: "0")
        }
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: target.target, headers: headers)
        let id = nextExchangeID.withLockedValue { value in
            value &+= 1
            return value
        }
        let exchange = Exchange(id: id, head: head, body: body, timeout: timeout)
        let loop = group.any()
        let pools = loops[ObjectIdentifier(loop as AnyObject)] ?? anyLoops[id % anyLoops.count]
        let origin = target.origin
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                if pools.eventLoop.inEventLoop {
                    if exchange.attach(continuation) { pools.pool(for: origin).execute(exchange) }
                } else {
                    pools.eventLoop.execute {
                        if exchange.attach(continuation) { pools.pool(for: origin).execute(exchange) }
                    }
                }
            }
        } onCancel: {
            pools.eventLoop.execute {
                if case .new = exchange.phase {
                    exchange.cancelledEarly = true
                } else {
                    pools.pool(for: origin).cancel(exchange)
                }
            }
        }
    }

    /// Closes idle connections on every loop and refuses new requests; requests in flight finish.
    public func shutdown() async {
        for pools in anyLoops {
            try? await pools.eventLoop.submit {
                pools.isShutDown = true
                for pool in pools.pools.values { pool.shutDown() }
            }.get()
        }
    }
}

/// The client's TLS context, made when the first HTTPS connection is opened: loading the trust store into
/// it costs several megabytes of memory that a gateway whose upstreams are all plain HTTP never needs.
final class LazyTLSContext: Sendable {
    private let configuration: TLSConfiguration
    private let made = NIOLockedValueBox<NIOSSLContext?>(nil)

    init(configuration: TLSConfiguration) {
        self.configuration = configuration
    }

    /// The context, made on the first call; a failure is thrown (and tried again on the next call).
    func context() throws -> NIOSSLContext {
        try made.withLockedValue { made in
            if let made { return made }
            let context = try NIOSSLContext(configuration: configuration)
            made = context
            return context
        }
    }
}
