import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#endif

/// The keep-alive connections to one origin owned by one event loop: the ``PoolStateMachine``'s books
/// plus the channels and waiting requests they name. Every method runs on `eventLoop`, so connections are
/// opened on the loop of the requests that use them and nothing here takes a lock.
final class ConnectionPool: @unchecked Sendable {
    let eventLoop: any EventLoop
    let origin: Origin
    private let settings: UpstreamHTTPClient.Settings
    private var machine: PoolStateMachine
    private var connections: [Int: HTTPConnection] = [:]
    private var waiting: [Int: Exchange] = [:]
    private var nextConnectionID = 0
    private var sweeping = false

    init(eventLoop: any EventLoop, origin: Origin, settings: UpstreamHTTPClient.Settings) {
        self.eventLoop = eventLoop
        self.origin = origin
        self.settings = settings
        self.machine = PoolStateMachine(maxConnections: settings.maxConnectionsPerOrigin, idleTimeout: settings.idleTimeout)
    }

    /// Sends `exchange` on an idle connection, a new one, or the next one free.
    func execute(_ exchange: Exchange) {
        // A retried request goes on a new connection: the idle ones may be as stale as the one that failed.
        let (action, expired) = machine.lease(waiter: exchange.id, now: .now(), fresh: exchange.retried)
        for id in expired { detach(id)?.close() }
        switch action {
        case .use(let id):
            guard let connection = connections[id], connection.isUsable else {
                // Closed while parked, before its close reached the pool: forget it and ask again.
                detach(id)?.close()
                if let waiter = machine.closed(id, wasLeased: true) { connectForWaiter(waiter) }
                return execute(exchange)
            }
            connection.poolStatus = .leased
            connection.send(exchange)
        case .connect:
            connect(for: exchange)
        case .wait:
            let timer = eventLoop.scheduleTask(in: exchange.timeout) { [self] in
                guard machine.cancelWaiter(exchange.id) else { return }
                waiting[exchange.id] = nil
                exchange.fail(UpstreamHTTPError(.readTimeout, "\(origin): no connection free within \(exchange.timeout.nanoseconds / 1_000_000) ms"))
            }
            exchange.phase = .waiting(timer)
            waiting[exchange.id] = exchange
        case .fail:
            exchange.fail(UpstreamHTTPError(.shutDown, origin.description))
        }
    }

    /// The caller of `exchange` gave up before the response head.
    func cancel(_ exchange: Exchange) {
        switch exchange.phase {
        case .waiting:
            if machine.cancelWaiter(exchange.id) { waiting[exchange.id] = nil }
            exchange.fail(CancellationError())
        case .sent(let connection):
            connection.cancel(exchange)
        case .connecting:
            // The connection, once up, goes to the pool unused.
            exchange.fail(CancellationError())
        case .new, .done:
            return
        }
    }

    private func connect(for exchange: Exchange) {
        exchange.phase = .connecting
        let origin = self.origin
        let tls = origin.scheme == .https ? settings.tls : nil
        var bootstrap = ClientBootstrap(group: eventLoop)
        if let resolver = settings.resolver { bootstrap = bootstrap.resolver(resolver) }
        bootstrap
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(settings.connectTimeout)
            .channelInitializer { [self] channel in
                // One handler per channel: with several addresses for a host, Happy Eyeballs runs this once per
                // attempt, and a handler shared between a losing and the winning channel would lose its context.
                do {
                    let sync = channel.pipeline.syncOperations
                    if let tls {
                        let handler = try NIOSSLClientHandler(context: try tls.context(), serverHostname: origin.hostIsAddress ? nil : origin.host)
                        try sync.addHandler(handler)
                    }
                    try sync.addHTTPClientHandlers(leftOverBytesStrategy: .fireError)
                    try sync.addHandler(makeConnection())
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(host: origin.host, port: origin.port)
            .whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    guard channel.isActive, let connection = try? channel.pipeline.syncOperations.handler(type: HTTPConnection.self)
                    else {
                        channel.close(promise: nil)
                        connectFailed(exchange, UpstreamHTTPError(.connectFailed, "\(origin): closed while connecting"))
                        return
                    }
                    machine.connected()
                    connections[connection.id] = connection
                    connection.poolStatus = .leased
                    if exchange.isDone {
                        release(connection, reusable: true, reuseUntil: nil)
                    } else {
                        connection.send(exchange)
                    }
                case .failure(let error):
                    connectFailed(exchange, Self.connectError(error, origin: origin))
                }
            }
    }

    /// A handler for a channel being opened (on the loop: channel initializers run there).
    private func makeConnection() -> HTTPConnection {
        let id = nextConnectionID
        nextConnectionID += 1
        return HTTPConnection(id: id, eventLoop: eventLoop, pool: self)
    }

    private func connectFailed(_ exchange: Exchange, _ error: UpstreamHTTPError) {
        if let waiter = machine.connectFailed() { connectForWaiter(waiter) }
        exchange.fail(error)
    }

    private func connectForWaiter(_ waiter: Int) {
        guard let exchange = waiting.removeValue(forKey: waiter) else {
            // Books and waiting list disagree (cannot happen: both change together); undo the connect.
            if let next = machine.connectFailed() { connectForWaiter(next) }
            return
        }
        exchange.leaveQueue()
        connect(for: exchange)
    }

    static func connectError(_ error: any Error, origin: Origin) -> UpstreamHTTPError {
        if let error = error as? ChannelError, case .connectTimeout = error {
            return UpstreamHTTPError(.connectTimeout, origin.description)
        }
        if let error = error as? NIOConnectionError {
            // One line an operator can read: the last address's failure ("connection refused"), else the lookup's.
            if let last = error.connectionErrors.last {
                let reason = (last.error as? IOError).map { String(cString: strerror($0.errnoCode)).lowercased() } ?? "\(last.error)"
                return UpstreamHTTPError(.connectFailed, "\(origin): \(reason)")
            }
            if let lookup = error.dnsAError ?? error.dnsAAAAError {
                return UpstreamHTTPError(.connectFailed, "\(origin): name lookup failed (\(lookup))")
            }
            return UpstreamHTTPError(.connectFailed, "\(origin): no address to connect to")
        }
        return UpstreamHTTPError(.connectFailed, "\(origin): \(error)")
    }

    /// A response ended on `connection`; `reusable` if it may carry another request.
    func release(_ connection: HTTPConnection, reusable: Bool, reuseUntil: NIODeadline?) {
        guard connection.poolStatus == .leased else { return }
        switch machine.release(connection.id, reusable: reusable, reuseUntil: reuseUntil, now: .now()) {
        case .handOver(_, let waiter):
            guard let exchange = waiting.removeValue(forKey: waiter) else { return }
            exchange.leaveQueue()
            connection.send(exchange)
        case .park:
            connection.poolStatus = .idle
            scheduleSweep()
        case .close:
            connection.poolStatus = .detached
            if connections[connection.id] === connection { connections[connection.id] = nil }
            connection.close()
            // Out of the books now (its close will not be counted again): a waiter may open one instead.
            if let waiter = machine.closed(connection.id, wasLeased: false) { connectForWaiter(waiter) }
        }
    }

    /// `connection`'s channel closed.
    func connectionClosed(_ connection: HTTPConnection) {
        let status = connection.poolStatus
        connection.poolStatus = .detached
        if connections[connection.id] === connection { connections[connection.id] = nil }
        let waiter: Int?
        switch status {
        case .leased: waiter = machine.closed(connection.id, wasLeased: true)
        case .idle: waiter = machine.closed(connection.id, wasLeased: false)
        case .connecting, .detached: waiter = nil
        }
        if let waiter { connectForWaiter(waiter) }
    }

    private func detach(_ id: Int) -> HTTPConnection? {
        guard let connection = connections.removeValue(forKey: id) else { return nil }
        connection.poolStatus = .detached
        return connection
    }

    /// Closes idle connections past their time, every quarter of the idle timeout while any are parked.
    private func scheduleSweep() {
        guard !sweeping else { return }
        sweeping = true
        let period = max(TimeAmount.seconds(1), .nanoseconds(settings.idleTimeout.nanoseconds / 4))
        eventLoop.scheduleTask(in: period) { [self] in
            sweeping = false
            for id in machine.sweep(now: .now()) { detach(id)?.close() }
            if !machine.idle.isEmpty { scheduleSweep() }
        }
    }

    /// Closes idle connections and fails waiting requests; requests in flight finish, then their connections close.
    func shutDown() {
        let (close, fail) = machine.shutDown()
        for id in close { detach(id)?.close() }
        for waiter in fail {
            waiting.removeValue(forKey: waiter)?.fail(UpstreamHTTPError(.shutDown, origin.description))
        }
    }
}
