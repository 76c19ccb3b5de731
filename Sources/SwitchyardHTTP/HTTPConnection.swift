import NIOCore
import NIOHTTP1
import NIOSSL

/// The last handler of one upstream connection's pipeline: writes a request (head, body and end in one
/// flush, so one `writev`), hands the response head to the waiting caller and the body to its
/// ``BodyBuffer``, enforces the read timeout, holds socket reads back while the body's reader is behind,
/// and gives the connection back to its pool at the end of a keep-alive response.
///
/// Everything runs on the connection's event loop, which is also its pool's and (normally) the caller's.
final class HTTPConnection: ChannelDuplexHandler, BodySource, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// Where the connection is in the pool's books.
    enum PoolStatus {
        case connecting
        case leased
        case idle
        /// Closed or being closed; no longer counted.
        case detached
    }

    private enum State {
        case idle
        case awaitingHead(Exchange)
        case streaming(BodyBuffer, keepAlive: Bool, reuseUntil: NIODeadline?)
        case closed
    }

    let id: Int
    let eventLoop: any EventLoop
    private let pool: ConnectionPool
    var poolStatus = PoolStatus.connecting
    private var context: ChannelHandlerContext?
    private var state = State.idle
    /// Responses completed on this connection: more than zero means a reused keep-alive connection.
    private var served = 0
    /// The current request has been fully written to the socket (tracked on reused connections only).
    private var requestWritten = false
    /// The last error seen on the channel, for the message when it closes.
    private var lastError: (any Error)?
    private var readTimeout = TimeAmount.seconds(600)
    private var lastRead = NIODeadline.now()
    private var timer: Scheduled<Void>?
    private var timerDue = NIODeadline.distantFuture
    private var readPaused = false
    private var readPending = false

    init(id: Int, eventLoop: any EventLoop, pool: ConnectionPool) {
        self.id = id
        self.eventLoop = eventLoop
        self.pool = pool
    }

    /// Open and between requests: a pooled connection may carry a new one.
    var isUsable: Bool {
        guard case .idle = state, let context else { return false }
        return context.channel.isActive
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    // MARK: Sending

    /// Writes `exchange`'s request; the head will go to the exchange, the body to a ``BodyBuffer``.
    func send(_ exchange: Exchange) {
        guard case .idle = state, let context, context.channel.isActive else {
            // Closed before anything was written (say, a body that ended with the connection was handed to a
            // waiting request): nothing left, so the request simply asks the pool again.
            state = .closed
            pool.connectionClosed(self)
            pool.execute(exchange)
            return
        }
        exchange.phase = .sent(self)
        state = .awaitingHead(exchange)
        lastError = nil
        armTimer(timeout: exchange.timeout)
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let body = exchange.body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        if served > 0 {
            // Only a reused connection may be retried, and only if the request did not leave: know when it did.
            requestWritten = false
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenSuccess { [self] in requestWritten = true }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    /// The caller of the request waiting for its head gave up: the connection closes (a response may still come).
    func cancel(_ exchange: Exchange) {
        guard case .awaitingHead(let current) = state, current === exchange else { return }
        state = .closed
        exchange.fail(CancellationError())
        context?.close(promise: nil)
    }

    func close() {
        context?.close(promise: nil)
    }

    // MARK: Receiving

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastRead = .now()
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard case .awaitingHead(let exchange) = state else {
                // A response nobody asked for: the connection is out of step; drop it.
                context.close(promise: nil)
                return
            }
            if head.status.code < 200 && head.status != .switchingProtocols { return }  // 1xx: the real head follows
            let buffer = BodyBuffer(source: self)
            state = .streaming(buffer, keepAlive: head.isKeepAlive, reuseUntil: Self.reuseLimit(head.headers, now: lastRead))
            exchange.succeed(UpstreamHTTPResponse(head: head, body: UpstreamResponseBody(buffer: buffer)))
        case .body(let chunk):
            guard case .streaming(let buffer, _, _) = state else { return }
            if buffer.append(chunk) { readPaused = true }
        case .end:
            guard case .streaming(let buffer, let keepAlive, let reuseUntil) = state else { return }
            state = .idle
            served += 1
            buffer.finish()
            resumeReadingNow()
            pool.release(self, reusable: keepAlive, reuseUntil: reuseUntil)
        }
    }

    /// The server's `Keep-Alive: timeout=N`, less a second of margin so a request never races its close.
    static func reuseLimit(_ headers: HTTPHeaders, now: NIODeadline) -> NIODeadline? {
        guard let value = headers.first(name: "keep-alive") else { return nil }
        for parameter in value.split(separator: ",") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIISpaces().lowercased() == "timeout",
                let seconds = Int64(pair[1].trimmingASCIISpaces())
            else { continue }
            // Clamped before the arithmetic: the value comes from the server (`timeout=-9223372036854775808`).
            let clamped = min(max(seconds, 0), 86_400)
            return now + .seconds(max(0, clamped - 1))
        }
        return nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        let previous = state
        state = .closed
        timer?.cancel()
        timer = nil
        switch previous {
        case .awaitingHead(let exchange):
            let retry = served > 0 && !exchange.retried && (!requestWritten || exchange.replayable)
            pool.connectionClosed(self)
            if retry {
                exchange.retried = true
                pool.execute(exchange)
            } else {
                exchange.fail(closedError(beforeResponse: true))
            }
        case .streaming(let buffer, _, _):
            buffer.fail(closedError(beforeResponse: false))
            pool.connectionClosed(self)
        case .idle, .closed:
            pool.connectionClosed(self)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if lastError == nil { lastError = error }
        context.close(promise: nil)
    }

    private func closedError(beforeResponse: Bool) -> UpstreamHTTPError {
        if let error = lastError as? UpstreamHTTPError { return error }
        let origin = pool.origin.description
        if let error = lastError {
            if error is HTTPParserError { return UpstreamHTTPError(.invalidResponse, "\(origin): \(error)") }
            if error is NIOSSLError || error is BoringSSLError {
                return UpstreamHTTPError(.connectFailed, "\(origin): TLS: \(error)")
            }
            return UpstreamHTTPError(beforeResponse ? .closedBeforeResponse : .closedMidBody, "\(origin): \(error)")
        }
        return UpstreamHTTPError(beforeResponse ? .closedBeforeResponse : .closedMidBody, origin)
    }

    // MARK: Read timeout: one timer per connection, re-armed only when it fires early or must fire sooner

    private func armTimer(timeout: TimeAmount) {
        readTimeout = timeout
        lastRead = .now()
        let due = lastRead + timeout
        if timer != nil, timerDue <= due { return }
        timer?.cancel()
        schedule(due)
    }

    private func schedule(_ due: NIODeadline) {
        timerDue = due
        timer = eventLoop.scheduleTask(deadline: due) { [self] in timerFired() }
    }

    private func timerFired() {
        timer = nil
        timerDue = .distantFuture
        switch state {
        case .awaitingHead(let exchange):
            let due = lastRead + readTimeout
            guard due <= .now() else { return schedule(due) }
            state = .closed
            exchange.fail(UpstreamHTTPError(.readTimeout, "no response head within \(readTimeout.nanoseconds / 1_000_000) ms"))
            context?.close(promise: nil)
        case .streaming(let buffer, _, _):
            // Reads held back for a slow reader are not the upstream's silence: the clock restarts on resume.
            if readPaused { return schedule(.now() + readTimeout) }
            let due = lastRead + readTimeout
            guard due <= .now() else { return schedule(due) }
            state = .closed
            buffer.fail(UpstreamHTTPError(.readTimeout, "no body bytes for \(readTimeout.nanoseconds / 1_000_000) ms"))
            context?.close(promise: nil)
        case .idle, .closed:
            return
        }
    }

    // MARK: Back-pressure: socket reads wait while the body's reader is behind

    func read(context: ChannelHandlerContext) {
        if readPaused {
            readPending = true
        } else {
            context.read()
        }
    }

    private func resumeReadingNow() {
        guard readPaused else { return }
        readPaused = false
        lastRead = .now()
        if readPending {
            readPending = false
            context?.read()
        }
    }

    func resumeReading(for buffer: BodyBuffer) {
        guard eventLoop.inEventLoop else {
            eventLoop.execute { self.resumeReading(for: buffer) }
            return
        }
        guard case .streaming(let current, _, _) = state, current === buffer else { return }
        resumeReadingNow()
    }

    func readerAbandoned(_ buffer: BodyBuffer) {
        guard eventLoop.inEventLoop else {
            eventLoop.execute { self.readerAbandoned(buffer) }
            return
        }
        guard case .streaming(let current, _, _) = state, current === buffer else { return }
        // Half a response is still on the wire: this connection cannot carry another request.
        state = .closed
        context?.close(promise: nil)
    }
}

extension Substring {
    fileprivate func trimmingASCIISpaces() -> Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result = result.dropFirst() }
        while result.last == " " || result.last == "\t" { result = result.dropLast() }
        return result
    }
}
