import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// The gateway's HTTP/1.1 server: a NIO server bootstrap whose connections run
/// ``GatewayConnectionHandler``, answering every request through the gateway's Hummingbird router.
///
/// Hummingbird's own server wraps each connection in a `NIOAsyncChannel` read by one task, and each
/// request's body and response in async sequences and writers; on the proxy path those hand-overs cost
/// more than the routing itself (docs/performance.md). This server keeps Hummingbird's router, request,
/// response and middleware, and replaces only the layer under them: the body is collected on the event
/// loop, the request's task runs on the connection's loop (NIO's loops are the global executor), the response
/// goes straight to the channel.
///
/// On graceful shutdown (SIGTERM, SIGINT) it stops accepting, closes idle connections, lets requests
/// in flight finish (streams included), and returns once every connection is closed.
struct GatewayHTTPServer: Service {
    /// Where to listen.
    let host: String
    /// The port; 0 picks a free one (tests), reported to `onRunning`.
    let port: Int
    let settings: ConnectionSettings
    let group: any EventLoopGroup
    /// Called with the bound port once the server accepts connections.
    let onRunning: @Sendable (Int) async -> Void

    /// The server answering through `responder`.
    init(
        host: String,
        port: Int,
        responder: some HTTPResponder<GatewayContext>,
        maxRequestBytes: Int,
        idleTimeout: TimeAmount = GatewayHTTPServer.defaultIdleTimeout,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.settings = ConnectionSettings(
            respond: { try await responder.respond(to: $0, context: $1) },
            maxRequestBytes: maxRequestBytes,
            idleTimeout: idleTimeout,
            logger: logger
        )
        self.group = group
        self.onRunning = onRunning
    }

    /// How long a keep-alive connection may sit idle: longer than the 60 s idle timeouts of the usual
    /// load balancers in front (AWS ALB, nginx's upstream `keepalive_timeout`), so they close first.
    static let defaultIdleTimeout = TimeAmount.seconds(75)

    func run() async throws {
        let quiesce = ServerQuiescingHelper(group: group)
        let settings = settings
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 4096)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Response headers come from HTTPTypes' `HTTPFields`, which validates them already; NIO's
                    // validator would report a bad one as if the request were malformed.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: false,
                        withErrorHandling: false,
                        withOutboundHeaderValidation: false,
                        withEncoderConfiguration: .init(),
                        withDecoderLimitConfiguration: .init()
                    )
                    try channel.pipeline.syncOperations.addHandler(GatewayConnectionHandler(settings: settings))
                }
            }
            .bind(host: host, port: port)
            .get()
        let drained = channel.eventLoop.makePromise(of: Void.self)
        let shuttingDown = NIOLockedValueBox(false)
        await onRunning(channel.localAddress?.port ?? port)
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await channel.closeFuture.get()
            } onCancel: {
                // Cancelled (another service failed): stop accepting, close idle connections; no waiting.
                quiesce.initiateShutdown(promise: nil)
            }
        } onGracefulShutdown: {
            shuttingDown.withLockedValue { $0 = true }
            quiesce.initiateShutdown(promise: drained)
        }
        guard shuttingDown.withLockedValue({ $0 }) else {
            // Never handed to the quiescing helper.
            drained.succeed()
            return
        }
        // Requests in flight finish; every connection closes after its last response.
        await Self.waitUnlessCancelled(for: drained.futureResult)
    }

    /// Waits for `future`, or until the task is cancelled (a service group that gives up on a graceful
    /// shutdown stops waiting for a client that never reads its last response).
    static func waitUnlessCancelled(for future: EventLoopFuture<Void>) async {
        let waiter = NIOLockedValueBox<CheckedContinuation<Void, Never>?>(nil)
        let resume = { @Sendable in
            waiter.withLockedValue { continuation in
                continuation?.resume()
                continuation = nil
            }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiter.withLockedValue { $0 = continuation }
                future.whenComplete { _ in resume() }
                if Task.isCancelled { resume() }
            }
        } onCancel: {
            resume()
        }
    }
}
